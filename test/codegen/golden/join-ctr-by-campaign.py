# CTR by campaign per minute: impressions joined with their clicks
# PySpark Structured Streaming (Spark 4), written by Windowscope from the query on its page.
# Run: spark-submit --packages org.apache.spark:spark-sql-kafka-0-10_2.13:4.0.0 windowscope_query.py
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import StringType, StructField, StructType, TimestampType

spark = SparkSession.builder.appName("windowscope").getOrCreate()
spark.conf.set("spark.sql.session.timeZone", "UTC")


def read_topic(topic, schema):
    # One JSON event per Kafka message, one topic per input (see the notes beside this code).
    return (
        spark.readStream.format("kafka")
        .option("kafka.bootstrap.servers", "localhost:9092")
        .option("subscribe", topic)
        .option("startingOffsets", "earliest")
        .load()
        .select(F.from_json(F.col("value").cast("string"), schema).alias("e"))
        .select("e.*")
    )


impressions_schema = StructType([
    StructField("impression_time", TimestampType()),
    StructField("impression_id", StringType()),
    StructField("campaign_id", StringType()),
])
clicks_schema = StructType([
    StructField("click_time", TimestampType()),
    StructField("click_impression_id", StringType()),
])

# Each input has its own watermark; the query runs with the smallest of them (Spark's default
# spark.sql.streaming.multipleWatermarkPolicy, "min"), so the slower input is not made late.
impressions = read_topic("impressions", impressions_schema).withWatermark("impression_time", "10 seconds")
clicks = read_topic("clicks", clicks_schema).withWatermark("click_time", "5 seconds")

# Equal keys and a time range. With a watermark on both sides, the range tells Spark when a row
# can no longer match: it then leaves the join state (an outer join writes it with NULLs).
joined = impressions.alias("impressions").join(
    clicks.alias("clicks"),
    F.expr("""
        impressions.impression_id = clicks.click_impression_id AND
        clicks.click_time >= impressions.impression_time AND
        clicks.click_time <= impressions.impression_time + interval 30 seconds
    """),
    "left_outer",
)

result = (
    joined
    .groupBy(F.window("impression_time", "1 minute"), F.col("campaign_id"))
    .agg(
        F.count("*").alias("impressions"),
        F.count(F.col("click_time")).alias("clicks"),
    )
    .select(
        F.col("window.start").alias("window_start"),
        F.col("window.end").alias("window_end"),
        F.col("campaign_id"),
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
