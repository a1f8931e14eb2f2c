-- The Spark guide's windowed word count
-- Feldera SQL, written by Windowscope from the query on its page. Paste it into a new
-- pipeline named windowscope, start it, and send the exported events:
-- (Feldera reads a JSON TIMESTAMP as "2024-01-01 10:00:00", so the ISO times change first)
--   jq -c '.timestamp |= (sub("T"; " ") | sub("Z$"; ""))' windowscope-events.jsonl > feldera-events.jsonl
--   curl -X POST 'http://localhost:8080/v0/pipelines/windowscope/ingress/events?format=json&update_format=raw' --data-binary @feldera-events.jsonl
CREATE TABLE events (
  "timestamp" TIMESTAMP,
  word VARCHAR
);

-- The view is kept up to date: each new event updates its rows (as in Spark's update mode).
CREATE MATERIALIZED VIEW windowscope_result AS
SELECT window_start, window_end, word, COUNT(*) AS "count"
FROM TABLE(HOP(TABLE events, DESCRIPTOR("timestamp"), INTERVAL '5' MINUTE, INTERVAL '10' MINUTE))
GROUP BY window_start, window_end, word;
