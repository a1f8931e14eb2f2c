// The query as Flink SQL (1.19 or later): a Kafka table with WATERMARK FOR, a window TVF
// (TUMBLE, HOP, SESSION) grouped by window_start, window_end, and comments where Flink SQL and
// the engine differ (the − 1 ms, allowed lateness, the late side output).
import { formatDuration } from '../engine/duration';
import type { Query } from '../engine/types';
import { sqlInterval } from './interval';
import { flinkId } from './names';
import { derivedTimeName, inputColumns, usesTime, type Column } from './schema';
import { selectStatement } from './sql-select';
import type { CodeInput, Program } from './types';

export const FLINK_TYPES: Readonly<Record<Column['type'], string>> = {
  string: 'STRING',
  long: 'BIGINT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMP_LTZ(3)',
  epochMs: 'BIGINT',
};

function unsupported(q: Query): string | null {
  const w = q.window;
  if (w.type === 'session' && w.gap.kind !== 'fixed')
    return 'Flink SQL: SESSION takes one fixed gap; a gap per event needs the DataStream API (EventTimeSessionWindows.withDynamicGap).';
  if (w.type === 'sliding' && w.sizeMs % w.slideMs !== 0)
    return `Flink SQL: HOP needs the size to be a whole multiple of the slide (here ${formatDuration(w.sizeMs)} and ${formatDuration(w.slideMs)}); the DataStream API's SlidingEventTimeWindows has no such limit.`;
  return null;
}

function watermarkLines(q: Query, time: string): string[] {
  const t = flinkId(time);
  const lines = [
    "  -- Flink SQL's watermark is the largest time so far minus the delay, with no extra − 1 ms;",
    "  -- the DataStream API's BoundedOutOfOrdernessWatermarks subtracts 1 ms more. The engine's",
    '  -- Flink mode matches the DataStream API: to fire on the same event as it does, subtract a',
    "  -- further INTERVAL '0.001' SECOND here.",
  ];
  if (q.watermarkDelayMs === null) {
    lines.push(
      '  -- The query has no watermark delay, but window TVFs need a watermark: this one trails the',
      '  -- newest event by nothing, so out-of-order events are late. Choose the delay you expect.',
    );
  }
  const delay = q.watermarkDelayMs ?? 0;
  lines.push(`  WATERMARK FOR ${t} AS ${delay === 0 ? t : `${t} - ${sqlInterval(delay)}`}`);
  return lines;
}

export function lifecycleComments(q: Query): string[] {
  const out: string[] = [];
  if (q.window.type !== 'none')
    out.push(
      '-- A window aggregation emits each window once, when the watermark passes its end',
      q.semantics === 'spark' && q.outputMode !== 'append'
        ? `-- (like Spark's append mode; this query ran in ${q.outputMode} mode on the page).`
        : "-- (like Spark's append mode).",
    );
  else if (q.groupBy.length > 0 || q.aggregates.length > 0)
    out.push('-- A GROUP BY without a window emits an update of the key’s row for every event.');
  if (q.allowedLatenessMs > 0)
    out.push(
      `-- Allowed lateness (${formatDuration(q.allowedLatenessMs)}) has no Flink SQL equivalent: window TVFs drop`,
      `-- late rows. In the DataStream API: .allowedLateness(Duration.ofMillis(${String(q.allowedLatenessMs)})).`,
    );
  if (q.semantics === 'flink' && q.lateOutput && q.window.type !== 'none')
    out.push(
      '-- Late rows are dropped: the late side output (sideOutputLateData) is DataStream API only.',
    );
  if (q.trigger === 'purging')
    out.push('-- The purging trigger has no SQL form: it is PurgingTrigger in the DataStream API.');
  return out;
}

/** `) WITH (...)` for a JSON Kafka topic, closing a CREATE TABLE. */
export function kafkaWith(topic: string): string[] {
  return [
    ') WITH (',
    "  'connector' = 'kafka',",
    `  'topic' = '${topic}',`,
    "  'properties.bootstrap.servers' = 'localhost:9092',",
    "  'properties.group.id' = 'windowscope',",
    "  'scan.startup.mode' = 'earliest-offset',",
    "  'format' = 'json',",
    "  'json.timestamp-format.standard' = 'ISO-8601'",
    ');',
  ];
}

export const FLINK_PROGRAM = {
  id: 'flink',
  label: 'Flink SQL',
  language: 'sql',
  fileName: 'windowscope_flink.sql',
} as const;

/** The comment and settings every Flink SQL program starts with. */
export function flinkHeader(name: string): string[] {
  return [
    `-- ${name}`,
    '-- Flink SQL (1.19 or later), written by Windowscope from the query on its page. Run it in',
    '-- bin/sql-client.sh with the Kafka SQL connector jar (flink-sql-connector-kafka) in lib/.',
    "SET 'table.local-time-zone' = 'UTC';",
  ];
}

export function flinkSql(input: CodeInput): Program {
  const q = input.query;
  const base = FLINK_PROGRAM;
  const why = unsupported(q);
  if (why !== null) return { ...base, code: null, reason: why };
  const columns = inputColumns(q, input.sample);
  const epoch = columns.find((c) => c.name === q.time && c.type === 'epochMs');
  const time = !usesTime(q) ? null : epoch ? derivedTimeName(columns) : q.time;
  const tableLines = columns.map((c) => `  ${flinkId(c.name)} ${FLINK_TYPES[c.type]},`);
  if (epoch && time !== null)
    tableLines.push(`  ${flinkId(time)} AS TO_TIMESTAMP_LTZ(${flinkId(epoch.name)}, 3),`);
  if (time !== null) tableLines.push(...watermarkLines(q, time));
  else tableLines[tableLines.length - 1] = (tableLines.at(-1) ?? '').replace(/,$/, '');
  const lines = [
    ...flinkHeader(input.name),
    '',
    'CREATE TABLE events (',
    ...tableLines,
    ...kafkaWith('events'),
    '',
    ...lifecycleComments(q),
    `${selectStatement(q, { id: flinkId, table: 'events', time }).join('\n')};`,
  ];
  return { ...base, code: `${lines.join('\n')}\n`, reason: null };
}
