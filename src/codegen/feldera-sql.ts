// The query as Feldera SQL where it applies: a table whose time column carries LATENESS (the
// watermark delay) and a materialized view with TUMBLE or HOP; otherwise one line saying why not.
import type { Query } from '../engine/types';
import { sqlInterval } from './interval';
import { felderaId } from './names';
import { inputColumns, type Column } from './schema';
import { selectStatement } from './sql-select';
import type { CodeInput, Program } from './types';

const FELDERA_TYPES: Readonly<Record<Column['type'], string>> = {
  string: 'VARCHAR',
  long: 'BIGINT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMP',
  epochMs: 'BIGINT',
};

/** A jq path to a field: .name, or .["odd name"]. */
function jqPath(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `.${name}` : `.[${JSON.stringify(name)}]`;
}

function unsupported(q: Query, columns: readonly Column[]): string | null {
  if (q.window.type === 'session') return 'Feldera SQL has TUMBLE and HOP but no session windows.';
  if (q.window.type !== 'none' && columns.some((c) => c.name === q.time && c.type === 'epochMs'))
    return `Feldera SQL windows need a TIMESTAMP column, and "${q.time ?? ''}" holds epoch milliseconds.`;
  return null;
}

export function felderaSql(input: CodeInput): Program {
  const q = input.query;
  const base = {
    id: 'feldera',
    label: 'Feldera SQL',
    language: 'sql',
    fileName: 'windowscope_feldera.sql',
  } as const;
  const columns = inputColumns(q, input.sample);
  const why = unsupported(q, columns);
  if (why !== null) return { ...base, code: null, reason: why };
  const tableLines = columns.map((c) => {
    const lateness =
      c.name === q.time && q.watermarkDelayMs !== null
        ? ` NOT NULL LATENESS ${sqlInterval(q.watermarkDelayMs)}`
        : '';
    return `  ${felderaId(c.name)} ${FELDERA_TYPES[c.type]}${lateness}`;
  });
  const timeCol = columns.find((c) => c.name === q.time && c.type === 'timestamp');
  const ingress = `curl -X POST 'http://localhost:8080/v0/pipelines/windowscope/ingress/events?format=json&update_format=raw' --data-binary @`;
  const lines = [
    `-- ${input.name}`,
    '-- Feldera SQL, written by Windowscope from the query on its page. Paste it into a new',
    '-- pipeline named windowscope, start it, and send the exported events:',
    ...(timeCol
      ? [
          '-- (Feldera reads a JSON TIMESTAMP as "2024-01-01 10:00:00", so the ISO times change first)',
          `--   jq -c '${jqPath(timeCol.name)} |= (sub("T"; " ") | sub("Z$"; ""))' windowscope-events.jsonl > feldera-events.jsonl`,
          `--   ${ingress}feldera-events.jsonl`,
        ]
      : [`--   ${ingress}windowscope-events.jsonl`]),
    ...(q.watermarkDelayMs === null
      ? []
      : [
          '-- LATENESS is the watermark delay: Feldera may drop rows older than the newest minus it,',
          '-- and frees the state of windows that can no longer change.',
        ]),
    'CREATE TABLE events (',
    tableLines.join(',\n'),
    ');',
    '',
    "-- The view is kept up to date: each new event updates its rows (as in Spark's update mode).",
    'CREATE MATERIALIZED VIEW windowscope_result AS',
    `${selectStatement(q, { id: felderaId, table: 'events', time: q.time }).join('\n')};`,
  ];
  return { ...base, code: `${lines.join('\n')}\n`, reason: null };
}
