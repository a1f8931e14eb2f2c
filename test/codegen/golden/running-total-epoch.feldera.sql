-- Running total per user, no window
-- Feldera SQL, written by Windowscope from the query on its page. Paste it into a new
-- pipeline named windowscope, start it, and send the exported events:
--   curl -X POST 'http://localhost:8080/v0/pipelines/windowscope/ingress/events?format=json&update_format=raw' --data-binary @windowscope-events.jsonl
CREATE TABLE events (
  "transactionTime" BIGINT,
  "userId" VARCHAR,
  amount DOUBLE
);

-- The view is kept up to date: each new event updates its rows (as in Spark's update mode).
CREATE MATERIALIZED VIEW windowscope_result AS
SELECT "userId", SUM(amount) AS total_amount
FROM events
GROUP BY "userId";
