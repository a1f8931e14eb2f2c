# The Spark guide's word count with a 10-minute watermark, append mode
# PySpark Structured Streaming (Spark 4), written by Windowscope from the query on its page.
# Run: spark-submit --packages org.apache.spark:spark-sql-kafka-0-10_2.13:4.0.0 windowscope_query.py
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import StringType, StructField, StructType, TimestampType

spark = SparkSession.builder.appName("windowscope").getOrCreate()
spark.conf.set("spark.sql.session.timeZone", "UTC")

schema = StructType([
    StructField("timestamp", TimestampType()),
    StructField("word", StringType()),
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
    .withWatermark("timestamp", "10 minutes")
    .groupBy(F.window("timestamp", "10 minutes", "5 minutes"), F.col("word"))
    .agg(
        F.count("*").alias("count"),
    )
    .select(
        F.col("window.start").alias("window_start"),
        F.col("window.end").alias("window_end"),
        F.col("word"),
        F.col("count"),
    )
)

query = (
    result.writeStream
    .outputMode("append")
    .format("console")
    .option("truncate", False)
    .start()
)
query.awaitTermination()
