-- Filtered averages, minimums and maximums per shop
-- Feldera SQL, written by Windowscope from the query on its page. Paste it into a new
-- pipeline named windowscope, start it, and send the exported events:
-- (Feldera reads a JSON TIMESTAMP as "2024-01-01 10:00:00", so the ISO times change first)
--   jq -c '.ts |= (sub("T"; " ") | sub("Z$"; ""))' windowscope-events.jsonl > feldera-events.jsonl
--   curl -X POST 'http://localhost:8080/v0/pipelines/windowscope/ingress/events?format=json&update_format=raw' --data-binary @feldera-events.jsonl
CREATE TABLE events (
  ts TIMESTAMP,
  shop VARCHAR,
  price DOUBLE,
  type VARCHAR,
  qty DOUBLE
);

-- The view is kept up to date: each new event updates its rows (as in Spark's update mode).
CREATE MATERIALIZED VIEW windowscope_result AS
SELECT
  window_start,
  window_end,
  shop,
  AVG(CASE WHEN type = 'purchase' THEN price END) AS avg_purchase,
  MAX(CASE WHEN type = 'refund' THEN price END) AS max_refund,
  SUM(CASE WHEN type = 'purchase' THEN qty END) AS units
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, shop;
