-- User sessions that end after 30 seconds of inactivity
-- Flink SQL (1.19 or later), written by Windowscope from the query on its page. Run it in
-- bin/sql-client.sh with the Kafka SQL connector jar (flink-sql-connector-kafka) in lib/.
SET 'table.local-time-zone' = 'UTC';

CREATE TABLE events (
  eventtimestamp TIMESTAMP_LTZ(3),
  user_id STRING,
  -- Flink SQL's watermark is the largest time so far minus the delay, with no extra − 1 ms;
  -- the DataStream API's BoundedOutOfOrdernessWatermarks subtracts 1 ms more. The engine's
  -- Flink mode matches the DataStream API: to fire on the same event as it does, subtract a
  -- further INTERVAL '0.001' SECOND here.
  -- The query has no watermark delay, but window TVFs need a watermark: this one trails the
  -- newest event by nothing, so out-of-order events are late. Choose the delay you expect.
  WATERMARK FOR eventtimestamp AS eventtimestamp
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
-- (like Spark's append mode; this query ran in complete mode on the page).
SELECT window_start, window_end, user_id, COUNT(*) AS event_count
FROM TABLE(SESSION(TABLE events PARTITION BY user_id, DESCRIPTOR(eventtimestamp), INTERVAL '30' SECOND))
GROUP BY window_start, window_end, user_id;
