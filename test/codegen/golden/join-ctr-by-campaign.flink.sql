-- CTR by campaign per minute: impressions joined with their clicks
-- Flink SQL (1.19 or later), written by Windowscope from the query on its page. Run it in
-- bin/sql-client.sh with the Kafka SQL connector jar (flink-sql-connector-kafka) in lib/.
SET 'table.local-time-zone' = 'UTC';

-- One table per input, each on its own topic with its own watermark: the largest time so far
-- minus the delay (Flink SQL adds no − 1 ms). The join runs with the smaller of the two, as
-- Spark's default "min" policy does.
CREATE TABLE impressions (
  impression_time TIMESTAMP_LTZ(3),
  impression_id STRING,
  campaign_id STRING,
  WATERMARK FOR impression_time AS impression_time - INTERVAL '10' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'impressions',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'windowscope',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json',
  'json.timestamp-format.standard' = 'ISO-8601'
);

CREATE TABLE clicks (
  click_time TIMESTAMP_LTZ(3),
  click_impression_id STRING,
  WATERMARK FOR click_time AS click_time - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'clicks',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'windowscope',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json',
  'json.timestamp-format.standard' = 'ISO-8601'
);

-- An interval join: equal keys and a time range between the two time attributes. A row leaves
-- the join's state once the watermark shows it can no longer match; a LEFT JOIN then emits an
-- unmatched row of impressions with NULLs.
-- impression_time stays a time attribute for the window (the other time becomes a plain
-- timestamp), and the join holds its output watermark back by the range, so a window waits for
-- the last possible match.
CREATE TEMPORARY VIEW joined AS
SELECT
  impressions.impression_time,
  impressions.impression_id,
  impressions.campaign_id,
  CAST(clicks.click_time AS TIMESTAMP_LTZ(3)) AS click_time,
  clicks.click_impression_id
FROM impressions LEFT JOIN clicks
  ON impressions.impression_id = clicks.click_impression_id
  AND clicks.click_time BETWEEN impressions.impression_time AND impressions.impression_time + INTERVAL '30' SECOND;

-- A window aggregation emits each window once, when the watermark passes its end
-- (like Spark's append mode).
SELECT
  window_start,
  window_end,
  campaign_id,
  impressions,
  clicks,
  CAST(clicks AS DOUBLE) / NULLIF(impressions, 0) AS ctr
FROM (
  SELECT
    window_start,
    window_end,
    campaign_id,
    COUNT(*) AS impressions,
    COUNT(click_time) AS clicks
  FROM TABLE(TUMBLE(TABLE joined, DESCRIPTOR(impression_time), INTERVAL '1' MINUTE))
  GROUP BY window_start, window_end, campaign_id
);
