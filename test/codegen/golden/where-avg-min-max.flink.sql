-- Filtered averages, minimums and maximums per shop
-- Flink SQL (1.19 or later), written by Windowscope from the query on its page. Run it in
-- bin/sql-client.sh with the Kafka SQL connector jar (flink-sql-connector-kafka) in lib/.
SET 'table.local-time-zone' = 'UTC';

CREATE TABLE events (
  ts TIMESTAMP_LTZ(3),
  shop STRING,
  price DOUBLE,
  type STRING,
  qty DOUBLE,
  -- Flink SQL's watermark is the largest time so far minus the delay, with no extra − 1 ms;
  -- the DataStream API's BoundedOutOfOrdernessWatermarks subtracts 1 ms more. The engine's
  -- Flink mode matches the DataStream API: to fire on the same event as it does, subtract a
  -- further INTERVAL '0.001' SECOND here.
  -- The query has no watermark delay, but window TVFs need a watermark: this one trails the
  -- newest event by nothing, so out-of-order events are late. Choose the delay you expect.
  WATERMARK FOR ts AS ts
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
-- (like Spark's append mode; this query ran in update mode on the page).
SELECT
  window_start,
  window_end,
  shop,
  AVG(CASE WHEN type = 'purchase' THEN price END) AS avg_purchase,
  MAX(CASE WHEN type = 'refund' THEN price END) AS max_refund,
  SUM(CASE WHEN type = 'purchase' THEN qty END) AS units
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, shop;
