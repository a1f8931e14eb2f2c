-- Flink's documented bids in 10-minute windows offset by 1 minute
-- Feldera SQL, written by Windowscope from the query on its page. Paste it into a new
-- pipeline named windowscope, start it, and send the exported events:
-- (Feldera reads a JSON TIMESTAMP as "2024-01-01 10:00:00", so the ISO times change first)
--   jq -c '.bidtime |= (sub("T"; " ") | sub("Z$"; ""))' windowscope-events.jsonl > feldera-events.jsonl
--   curl -X POST 'http://localhost:8080/v0/pipelines/windowscope/ingress/events?format=json&update_format=raw' --data-binary @feldera-events.jsonl
-- LATENESS is the watermark delay: Feldera may drop rows older than the newest minus it,
-- and frees the state of windows that can no longer change.
CREATE TABLE events (
  bidtime TIMESTAMP NOT NULL LATENESS INTERVAL '1' SECOND,
  price DOUBLE
);

-- The view is kept up to date: each new event updates its rows (as in Spark's update mode).
CREATE MATERIALIZED VIEW windowscope_result AS
SELECT window_start, window_end, SUM(price) AS total_price
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(bidtime), INTERVAL '10' MINUTE, INTERVAL '1' MINUTE))
GROUP BY window_start, window_end;
