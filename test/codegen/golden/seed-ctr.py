# Click-through rate per user in 5-minute windows
# PySpark Structured Streaming (Spark 4), written by Windowscope from the query on its page.
# Run: spark-submit --packages org.apache.spark:spark-sql-kafka-0-10_2.13:4.0.0 windowscope_query.py
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import StringType, StructField, StructType, TimestampType

spark = SparkSession.builder.appName("windowscope").getOrCreate()
spark.conf.set("spark.sql.session.timeZone", "UTC")

schema = StructType([
    StructField("event_timestamp", TimestampType()),
    StructField("user_id", StringType()),
    StructField("event_type", StringType()),
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
    .withWatermark("event_timestamp", "1 minute")
    .groupBy(F.window("event_timestamp", "5 minutes"), F.col("user_id"))
    .agg(
        F.count(F.when(F.col("event_type") == "impression", F.lit(1))).alias("impressions"),
        F.count(F.when(F.col("event_type") == "click", F.lit(1))).alias("clicks"),
    )
    .select(
        F.col("window.start").alias("window_start"),
        F.col("window.end").alias("window_end"),
        F.col("user_id"),
        F.col("impressions"),
        F.col("clicks"),
    )
    .withColumn("ctr", F.try_divide(F.col("clicks"), F.col("impressions")))
)

query = (
    result.writeStream
    .outputMode("append")
    .format("console")
    .option("truncate", False)
    .start()
)
query.awaitTermination()
