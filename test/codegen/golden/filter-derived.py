# Revenue per unit of purchases per shop, 1-minute windows sliding by 30 seconds
# PySpark Structured Streaming (Spark 4), written by Windowscope from the query on its page.
# Run: spark-submit --packages org.apache.spark:spark-sql-kafka-0-10_2.13:4.0.0 windowscope_query.py
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import BooleanType, DoubleType, StringType, StructField, StructType, TimestampType

spark = SparkSession.builder.appName("windowscope").getOrCreate()
spark.conf.set("spark.sql.session.timeZone", "UTC")

schema = StructType([
    StructField("ts", TimestampType()),
    StructField("shop", StringType()),
    StructField("type", StringType()),
    StructField("test", BooleanType()),
    StructField("price", DoubleType()),
    StructField("qty", DoubleType()),
])

# One JSON event per Kafka message (see the notes beside this code for producing them).
# To read the exported file instead: spark.readStream.schema(schema).json("events/")
events = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "localhost:9092")
    .option("subscribe", "events")
    .option("startingOffsets", "earliest")
    .load()
    .select(F.from_json(F.col("value").cast("string"), schema).alias("e"))
    .select("e.*")
)

result = (
    events
    .filter((F.col("type") == "purchase") & (F.col("test") == False))
    .withWatermark("ts", "90 seconds")
    .groupBy(F.window("ts", "1 minute", "30 seconds"), F.col("shop"))
    .agg(
        F.sum(F.col("price")).alias("revenue"),
        F.sum(F.col("qty")).alias("units"),
    )
    .select(
        F.col("window.start").alias("window_start"),
        F.col("window.end").alias("window_end"),
        F.col("shop"),
        F.col("revenue"),
        F.col("units"),
    )
    .withColumn("per_unit", F.try_divide(F.col("revenue"), F.col("units")))
    .withColumn("per_unit_cents", F.col("per_unit") * F.lit(100))
)

query = (
    result.writeStream
    .outputMode("update")
    .trigger(processingTime="10 seconds")
    .format("console")
    .option("truncate", False)
    .start()
)
query.awaitTermination()
