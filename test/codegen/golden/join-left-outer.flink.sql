-- Impressions with their clicks within 30 seconds, NULL clicks for the rest (left outer join)
-- Flink SQL (1.19 or later), written by Windowscope from the query on its page. Run it in
-- bin/sql-client.sh with the Kafka SQL connector jar (flink-sql-connector-kafka) in lib/.
SET 'table.local-time-zone' = 'UTC';

-- One table per input, each on its own topic with its own watermark: the largest time so far
-- minus the delay (Flink SQL adds no − 1 ms). The join runs with the smaller of the two, as
-- Spark's default "min" policy does.
CREATE TABLE impressions (
  impression_time TIMESTAMP_LTZ(3),
  ad_id STRING,
  WATERMARK FOR impression_time AS impression_time
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
  click_ad_id STRING,
  WATERMARK FOR click_time AS click_time
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
-- Only one time attribute may stay in the result: click_time becomes a plain timestamp.
CREATE TEMPORARY VIEW joined AS
SELECT
  impressions.impression_time,
  impressions.ad_id,
  CAST(clicks.click_time AS TIMESTAMP_LTZ(3)) AS click_time,
  clicks.click_ad_id
FROM impressions LEFT JOIN clicks
  ON impressions.ad_id = clicks.click_ad_id
  AND clicks.click_time BETWEEN impressions.impression_time AND impressions.impression_time + INTERVAL '30' SECOND;

SELECT * FROM joined;
