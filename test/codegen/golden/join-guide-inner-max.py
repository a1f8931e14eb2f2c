# The Spark guide's impressions joined with clicks within an hour, max watermark policy
# PySpark Structured Streaming (Spark 4), written by Windowscope from the query on its page.
# Run: spark-submit --packages org.apache.spark:spark-sql-kafka-0-10_2.13:4.0.0 windowscope_query.py
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import StringType, StructField, StructType, TimestampType

spark = SparkSession.builder.appName("windowscope").getOrCreate()
spark.conf.set("spark.sql.session.timeZone", "UTC")
spark.conf.set("spark.sql.streaming.multipleWatermarkPolicy", "max")


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
    StructField("impressionTime", TimestampType()),
    StructField("impressionAdId", StringType()),
])
clicks_schema = StructType([
    StructField("clickTime", TimestampType()),
    StructField("clickAdId", StringType()),
])

# Each input has its own watermark; the query runs with the largest of them (the "max" policy
# set above): rows of the slower input may be dropped as late.
impressions = read_topic("impressions", impressions_schema).withWatermark("impressionTime", "2 hours")
clicks = read_topic("clicks", clicks_schema).withWatermark("clickTime", "3 hours")

# Equal keys and a time range. With a watermark on both sides, the range tells Spark when a row
# can no longer match: it then leaves the join state (an outer join writes it with NULLs).
joined = impressions.alias("impressions").join(
    clicks.alias("clicks"),
    F.expr("""
        impressions.impressionAdId = clicks.clickAdId AND
        clicks.clickTime >= impressions.impressionTime AND
        clicks.clickTime <= impressions.impressionTime + interval 1 hour
    """),
    "inner",
)

result = joined

query = (
    result.writeStream
    .outputMode("append")
    .format("console")
    .option("truncate", False)
    .start()
)
query.awaitTermination()
