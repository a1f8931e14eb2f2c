# Running total per user, forgotten 30 seconds after the user's last transaction
# PySpark Structured Streaming (Spark 4), written by Windowscope from the query on its page.
# Run: spark-submit --packages org.apache.spark:spark-sql-kafka-0-10_2.13:4.0.0 windowscope_query.py
# applyInPandasWithState needs pandas and pyarrow wherever Spark runs Python.
import pandas as pd
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.streaming.state import GroupStateTimeout
from pyspark.sql.types import DoubleType, StringType, StructField, StructType, TimestampType

spark = SparkSession.builder.appName("windowscope").getOrCreate()
spark.conf.set("spark.sql.session.timeZone", "UTC")

schema = StructType([
    StructField("transactionTime", TimestampType()),
    StructField("userId", StringType()),
    StructField("amount", DoubleType()),
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
    StructField("userId", StringType()),
    StructField("total_amount", DoubleType()),
])
state_schema = StructType([
    StructField("total", DoubleType()),
])


def running_total(key, pdfs, state):
    # Spark calls this for each key with rows in the batch, then for each key whose timeout has
    # passed (state.hasTimedOut, no rows). The timeout forgets the total: it starts again at 0.
    if state.hasTimedOut:
        state.remove()
        return
    total = state.get[0] if state.exists else 0.0
    for pdf in pdfs:
        total += float(pdf["amount"].sum())
    state.update((total,))
    state.setTimeoutDuration(30000)
    yield pd.DataFrame({"userId": [key[0]], "total_amount": [total]})


result = (
    events
    .groupBy(F.col("userId"))
    .applyInPandasWithState(
        running_total,
        output_schema,
        state_schema,
        "update",
        GroupStateTimeout.ProcessingTimeTimeout,
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
