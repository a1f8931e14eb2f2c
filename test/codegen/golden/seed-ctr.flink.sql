-- Click-through rate per user in 5-minute windows
-- Flink SQL (1.19 or later), written by Windowscope from the query on its page. Run it in
-- bin/sql-client.sh with the Kafka SQL connector jar (flink-sql-connector-kafka) in lib/.
SET 'table.local-time-zone' = 'UTC';

CREATE TABLE events (
  event_timestamp TIMESTAMP_LTZ(3),
  user_id STRING,
  event_type STRING,
  -- Flink SQL's watermark is the largest time so far minus the delay, with no extra − 1 ms;
  -- the DataStream API's BoundedOutOfOrdernessWatermarks subtracts 1 ms more. The engine's
  -- Flink mode matches the DataStream API: to fire on the same event as it does, subtract a
  -- further INTERVAL '0.001' SECOND here.
  WATERMARK FOR event_timestamp AS event_timestamp - INTERVAL '1' MINUTE
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
SELECT
  window_start,
  window_end,
  user_id,
  impressions,
  clicks,
  CAST(clicks AS DOUBLE) / NULLIF(impressions, 0) AS ctr
FROM (
  SELECT
    window_start,
    window_end,
    user_id,
    COUNT(CASE WHEN event_type = 'impression' THEN 1 END) AS impressions,
    COUNT(CASE WHEN event_type = 'click' THEN 1 END) AS clicks
  FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(event_timestamp), INTERVAL '5' MINUTE))
  GROUP BY window_start, window_end, user_id
);
