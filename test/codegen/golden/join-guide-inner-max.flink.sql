-- The Spark guide's impressions joined with clicks within an hour, max watermark policy
-- Flink SQL (1.19 or later), written by Windowscope from the query on its page. Run it in
-- bin/sql-client.sh with the Kafka SQL connector jar (flink-sql-connector-kafka) in lib/.
SET 'table.local-time-zone' = 'UTC';

-- One table per input, each on its own topic with its own watermark: the largest time so far
-- minus the delay (Flink SQL adds no − 1 ms). The join runs with the smaller of the two: Flink
-- has no "max" policy like the page's, so fewer rows are late here.
CREATE TABLE impressions (
  impressionTime TIMESTAMP_LTZ(3),
  impressionAdId STRING,
  WATERMARK FOR impressionTime AS impressionTime - INTERVAL '2' HOUR
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
  clickTime TIMESTAMP_LTZ(3),
  clickAdId STRING,
  WATERMARK FOR clickTime AS clickTime - INTERVAL '3' HOUR
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
-- the join's state once the watermark shows it can no longer match.
-- Only one time attribute may stay in the result: clickTime becomes a plain timestamp.
CREATE TEMPORARY VIEW joined AS
SELECT
  impressions.impressionTime,
  impressions.impressionAdId,
  CAST(clicks.clickTime AS TIMESTAMP_LTZ(3)) AS clickTime,
  clicks.clickAdId
FROM impressions JOIN clicks
  ON impressions.impressionAdId = clicks.clickAdId
  AND clicks.clickTime BETWEEN impressions.impressionTime AND impressions.impressionTime + INTERVAL '1' HOUR;

SELECT * FROM joined;
