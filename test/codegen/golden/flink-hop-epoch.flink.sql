-- Sliding sums over epoch-millisecond times
-- Flink SQL (1.19 or later), written by Windowscope from the query on its page. Run it in
-- bin/sql-client.sh with the Kafka SQL connector jar (flink-sql-connector-kafka) in lib/.
SET 'table.local-time-zone' = 'UTC';

CREATE TABLE events (
  ts BIGINT,
  `key` STRING,
  amount DOUBLE,
  event_time AS TO_TIMESTAMP_LTZ(ts, 3),
  -- Flink SQL's watermark is the largest time so far minus the delay, with no extra − 1 ms;
  -- the DataStream API's BoundedOutOfOrdernessWatermarks subtracts 1 ms more. The engine's
  -- Flink mode matches the DataStream API: to fire on the same event as it does, subtract a
  -- further INTERVAL '0.001' SECOND here.
  WATERMARK FOR event_time AS event_time
) WITH (
  'connector' = 'kafka',
  'topic' = 'events',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'windowscope',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json',
  'json.timestamp-format.standard' = 'ISO-8601'
);

-- A window aggregation emits each window once, when the watermark passes its end
-- (like Spark's append mode).
-- Late rows are dropped: the late side output (sideOutputLateData) is DataStream API only.
SELECT window_start, window_end, `key`, SUM(amount) AS total
FROM TABLE(HOP(TABLE events, DESCRIPTOR(event_time), INTERVAL '5' SECOND, INTERVAL '10' SECOND))
GROUP BY window_start, window_end, `key`;
