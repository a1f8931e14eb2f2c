-- Revenue per unit of purchases per shop, 1-minute windows sliding by 30 seconds
-- Flink SQL (1.19 or later), written by Windowscope from the query on its page. Run it in
-- bin/sql-client.sh with the Kafka SQL connector jar (flink-sql-connector-kafka) in lib/.
SET 'table.local-time-zone' = 'UTC';

CREATE TABLE events (
  ts TIMESTAMP_LTZ(3),
  shop STRING,
  type STRING,
  test BOOLEAN,
  price DOUBLE,
  qty DOUBLE,
  -- Flink SQL's watermark is the largest time so far minus the delay, with no extra − 1 ms;
  -- the DataStream API's BoundedOutOfOrdernessWatermarks subtracts 1 ms more. The engine's
  -- Flink mode matches the DataStream API: to fire on the same event as it does, subtract a
  -- further INTERVAL '0.001' SECOND here.
  WATERMARK FOR ts AS ts - INTERVAL '90' SECOND
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
  revenue,
  units,
  CAST(revenue AS DOUBLE) / NULLIF(units, 0) AS per_unit,
  (CAST(revenue AS DOUBLE) / NULLIF(units, 0)) * 100 AS per_unit_cents
FROM (
  SELECT window_start, window_end, shop, SUM(price) AS revenue, SUM(qty) AS units
  FROM TABLE(HOP(TABLE events, DESCRIPTOR(ts), INTERVAL '30' SECOND, INTERVAL '1' MINUTE))
  WHERE type = 'purchase' AND test = FALSE
  GROUP BY window_start, window_end, shop
);
