-- Revenue per unit of purchases per shop, 1-minute windows sliding by 30 seconds
-- Feldera SQL, written by Windowscope from the query on its page. Paste it into a new
-- pipeline named windowscope, start it, and send the exported events:
-- (Feldera reads a JSON TIMESTAMP as "2024-01-01 10:00:00", so the ISO times change first)
--   jq -c '.ts |= (sub("T"; " ") | sub("Z$"; ""))' windowscope-events.jsonl > feldera-events.jsonl
--   curl -X POST 'http://localhost:8080/v0/pipelines/windowscope/ingress/events?format=json&update_format=raw' --data-binary @feldera-events.jsonl
-- LATENESS is the watermark delay: Feldera may drop rows older than the newest minus it,
-- and frees the state of windows that can no longer change.
CREATE TABLE events (
  ts TIMESTAMP NOT NULL LATENESS INTERVAL '90' SECOND,
  shop VARCHAR,
  type VARCHAR,
  test BOOLEAN,
  price DOUBLE,
  qty DOUBLE
);

-- The view is kept up to date: each new event updates its rows (as in Spark's update mode).
CREATE MATERIALIZED VIEW windowscope_result AS
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
