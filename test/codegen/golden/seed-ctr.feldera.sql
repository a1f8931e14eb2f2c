-- Click-through rate per user in 5-minute windows
-- Feldera SQL, written by Windowscope from the query on its page. Paste it into a new
-- pipeline named windowscope, start it, and send the exported events:
-- (Feldera reads a JSON TIMESTAMP as "2024-01-01 10:00:00", so the ISO times change first)
--   jq -c '.event_timestamp |= (sub("T"; " ") | sub("Z$"; ""))' windowscope-events.jsonl > feldera-events.jsonl
--   curl -X POST 'http://localhost:8080/v0/pipelines/windowscope/ingress/events?format=json&update_format=raw' --data-binary @feldera-events.jsonl
-- LATENESS is the watermark delay: Feldera may drop rows older than the newest minus it,
-- and frees the state of windows that can no longer change.
CREATE TABLE events (
  event_timestamp TIMESTAMP NOT NULL LATENESS INTERVAL '1' MINUTE,
  user_id VARCHAR,
  event_type VARCHAR
);

-- The view is kept up to date: each new event updates its rows (as in Spark's update mode).
CREATE MATERIALIZED VIEW windowscope_result AS
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
