# User sessions that end after 30 seconds of inactivity
# PySpark Structured Streaming (Spark 4), written by Windowscope from the query on its page.
# Run: spark-submit --packages org.apache.spark:spark-sql-kafka-0-10_2.13:4.0.0 windowscope_query.py
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import StringType, StructField, StructType, TimestampType

spark = SparkSession.builder.appName("windowscope").getOrCreate()
spark.conf.set("spark.sql.session.timeZone", "UTC")

schema = StructType([
    StructField("eventtimestamp", TimestampType()),
    StructField("user_id", StringType()),
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
    .groupBy(F.session_window("eventtimestamp", "30 seconds"), F.col("user_id"))
    .agg(
        F.count("*").alias("event_count"),
    )
    .select(
        F.col("session_window.start").alias("window_start"),
        F.col("session_window.end").alias("window_end"),
        F.col("user_id"),
        F.col("event_count"),
    )
)

query = (
    result.writeStream
    .outputMode("complete")
    .format("console")
    .option("truncate", False)
    .start()
)
query.awaitTermination()
