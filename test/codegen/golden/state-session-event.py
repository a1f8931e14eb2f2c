# Sessions per user, ended 30 seconds of event time after their last event
# PySpark Structured Streaming (Spark 4), written by Windowscope from the query on its page.
# Run: spark-submit --packages org.apache.spark:spark-sql-kafka-0-10_2.13:4.0.0 windowscope_query.py
# applyInPandasWithState needs pandas and pyarrow wherever Spark runs Python.
import pandas as pd
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.streaming.state import GroupStateTimeout
from pyspark.sql.types import BooleanType, LongType, StringType, StructField, StructType, TimestampType

spark = SparkSession.builder.appName("windowscope").getOrCreate()
spark.conf.set("spark.sql.session.timeZone", "UTC")

schema = StructType([
    StructField("ts", TimestampType()),
    StructField("u", StringType()),
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

# What the function returns for a key, and what it keeps for the key between batches.
output_schema = StructType([
    StructField("u", StringType()),
    StructField("start", LongType()),
    StructField("last", LongType()),
    StructField("count", LongType()),
    StructField("expired", BooleanType()),
])
state_schema = StructType([
    StructField("start", LongType()),
    StructField("last", LongType()),
    StructField("count", LongType()),
])


def epoch_ms(t):
    # A timestamp as pandas hands it over (UTC, the session time zone) in epoch milliseconds.
    return int(t.value // 1_000_000)


def session(key, pdfs, state):
    # Spark calls this for each key with rows in the batch, then for each key whose timeout has
    # passed (state.hasTimedOut, no rows). A session is its first and last event time (epoch
    # ms) and its row count; the timeout ends it and writes it with expired = True.
    if state.hasTimedOut:
        start, last, count = state.get
        state.remove()
        yield pd.DataFrame({
            "u": [key[0]],
            "start": [start],
            "last": [last],
            "count": [count],
            "expired": [True],
        })
        return
    start, last, count = state.get if state.exists else (None, None, 0)
    for pdf in pdfs:
        times = pdf["ts"].dropna()
        if len(times) > 0:
            first_ms, last_ms = epoch_ms(times.min()), epoch_ms(times.max())
            start = first_ms if start is None else min(start, first_ms)
            last = last_ms if last is None else max(last, last_ms)
        count += len(pdf)
    state.update((start, last, count))
    # Event time: 30 seconds after the latest event, never before the watermark (Spark refuses that).
    watermark = state.getCurrentWatermarkMs()
    state.setTimeoutTimestamp(max((watermark if last is None else last) + 30000, watermark))


result = (
    events
    .withWatermark("ts", "10 seconds")
    .groupBy(F.col("u"))
    .applyInPandasWithState(
        session,
        output_schema,
        state_schema,
        "append",
        GroupStateTimeout.EventTimeTimeout,
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
