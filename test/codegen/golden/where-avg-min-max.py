# Filtered averages, minimums and maximums per shop
# PySpark Structured Streaming (Spark 4), written by Windowscope from the query on its page.
# Run: spark-submit --packages org.apache.spark:spark-sql-kafka-0-10_2.13:4.0.0 windowscope_query.py
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import DoubleType, StringType, StructField, StructType, TimestampType

spark = SparkSession.builder.appName("windowscope").getOrCreate()
spark.conf.set("spark.sql.session.timeZone", "UTC")

schema = StructType([
    StructField("ts", TimestampType()),
    StructField("shop", StringType()),
    StructField("price", DoubleType()),
    StructField("type", StringType()),
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
    .groupBy(F.window("ts", "10 seconds"), F.col("shop"))
    .agg(
        F.avg(F.when(F.col("type") == "purchase", F.col("price"))).alias("avg_purchase"),
        F.max(F.when(F.col("type") == "refund", F.col("price"))).alias("max_refund"),
        F.sum(F.when(F.col("type") == "purchase", F.col("qty"))).alias("units"),
    )
    .select(
        F.col("window.start").alias("window_start"),
        F.col("window.end").alias("window_end"),
        F.col("shop"),
        F.col("avg_purchase"),
        F.col("max_refund"),
        F.col("units"),
    )
)

query = (
    result.writeStream
    .outputMode("update")
    .format("console")
    .option("truncate", False)
    .start()
)
query.awaitTermination()
