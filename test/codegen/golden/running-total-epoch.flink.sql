-- Running total per user, no window
-- Flink SQL (1.19 or later), written by Windowscope from the query on its page. Run it in
-- bin/sql-client.sh with the Kafka SQL connector jar (flink-sql-connector-kafka) in lib/.
SET 'table.local-time-zone' = 'UTC';

CREATE TABLE events (
  transactionTime BIGINT,
  userId STRING,
  amount DOUBLE
) WITH (
  'connector' = 'kafka',
  'topic' = 'events',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'windowscope',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json',
  'json.timestamp-format.standard' = 'ISO-8601'
);

-- A GROUP BY without a window emits an update of the key’s row for every event.
SELECT userId, SUM(amount) AS total_amount
FROM events
GROUP BY userId;
