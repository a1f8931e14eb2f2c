-- Active users per page in 10-second windows
-- Flink SQL (1.19 or later), written by Windowscope from the query on its page. Run it in
-- bin/sql-client.sh with the Kafka SQL connector jar (flink-sql-connector-kafka) in lib/.
SET 'table.local-time-zone' = 'UTC';

CREATE TABLE events (
  ts BIGINT,
  page STRING,
  `user` STRING,
  event_time AS TO_TIMESTAMP_LTZ(ts, 3),
  -- Flink SQL's watermark is the largest time so far minus the delay, with no extra − 1 ms;
  -- the DataStream API's BoundedOutOfOrdernessWatermarks subtracts 1 ms more. The engine's
  -- Flink mode matches the DataStream API: to fire on the same event as it does, subtract a
  -- further INTERVAL '0.001' SECOND here.
  WATERMARK FOR event_time AS event_time - INTERVAL '2' SECOND
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
-- Allowed lateness (5 seconds) has no Flink SQL equivalent: window TVFs drop
-- late rows. In the DataStream API: .allowedLateness(Duration.ofMillis(5000)).
-- Late rows are dropped: the late side output (sideOutputLateData) is DataStream API only.
SELECT
  window_start,
  window_end,
  page,
  COUNT(DISTINCT `user`) AS users,
  COUNT(*) AS views
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(event_time), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, page;
