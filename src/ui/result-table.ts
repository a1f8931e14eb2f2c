// How a batch's result rows become a table: which columns, in which order, and each cell's text.
// The engine reports rows as a multiset; the table sorts them so a reader can scan by window.
import { formatClock } from '../engine/event-time';

export type ResultRow = Readonly<Record<string, unknown>>;

/** The pseudo-column that shows `window_start`–`window_end` as one cell. */
export const WINDOW_COLUMN = 'window';

function hasWindow(row: ResultRow): boolean {
  return typeof row.window_start === 'number' && typeof row.window_end === 'number';
}

/** "10:00:00–10:01:00" (UTC; the end is exclusive). */
export function formatWindow(startMs: number, endMs: number): string {
  return `${formatClock(startMs)}–${formatClock(endMs)}`;
}

/**
 * Columns of a result table: `window` first when rows carry window bounds, then every other
 * field in the order it first appears. Taken over all batches so every table has the same header.
 */
export function resultColumns(rows: readonly ResultRow[]): string[] {
  const columns: string[] = [];
  if (rows.some(hasWindow)) columns.push(WINDOW_COLUMN);
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (key === 'window_start' || key === 'window_end' || columns.includes(key)) continue;
      columns.push(key);
    }
  }
  return columns;
}

/**
 * The table's header from the query, so a batch with no rows still shows its columns; null for
 * a pass-through query (its rows are the input events: take the columns from the rows).
 */
export function queryColumns(columns: readonly string[] | null): string[] | null {
  if (columns === null) return null;
  const rest = columns.filter((c) => c !== 'window_start' && c !== 'window_end');
  return rest.length === columns.length ? rest : [WINDOW_COLUMN, ...rest];
}

/** The text of one cell; null and missing values show as "null", as Spark's show() does. */
export function cellText(row: ResultRow, column: string): string {
  if (column === WINDOW_COLUMN) {
    const { window_start: start, window_end: end } = row;
    return typeof start === 'number' && typeof end === 'number' ? formatWindow(start, end) : '';
  }
  const value = row[column];
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Each row's cells as one string (unsorted): what marks a row, whatever its place. */
export function rowKeys(rows: readonly ResultRow[], columns: readonly string[]): string[] {
  const text = cellTexts();
  return rows.map((row) => columns.map((column) => text(row, column)).join('\u0000'));
}

/** cellText, with each window's text worked out once (a big batch has thousands of rows). */
function cellTexts(): (row: ResultRow, column: string) => string {
  const windows = new Map<string, string>();
  return (row, column) => {
    if (column !== WINDOW_COLUMN) return cellText(row, column);
    const key = `${String(row.window_start)}|${String(row.window_end)}`;
    let text = windows.get(key);
    if (text === undefined) windows.set(key, (text = cellText(row, column)));
    return text;
  };
}

/** Rows as cell texts, sorted by window start, then by the cells left to right. */
export function tableBody(rows: readonly ResultRow[], columns: readonly string[]): string[][] {
  const start = (row: ResultRow): number =>
    typeof row.window_start === 'number' ? row.window_start : Number.NEGATIVE_INFINITY;
  const text = cellTexts();
  return rows
    .map((row) => ({ start: start(row), cells: columns.map((column) => text(row, column)) }))
    .sort((a, b) => a.start - b.start || compareCells(a.cells, b.cells))
    .map((entry) => entry.cells);
}

/** One collator for every cell: `localeCompare` with options builds one per call, which took
 * most of a second to sort a big run's batch of thousands of rows. */
const collator = new Intl.Collator('en', { numeric: true });

function compareCells(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const order = collator.compare(a[i] ?? '', b[i] ?? '');
    if (order !== 0) return order;
  }
  return 0;
}

const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/** For each column, whether every cell in the body is a number (those align right). */
export function numericColumns(body: readonly (readonly string[])[], width: number): boolean[] {
  return Array.from(
    { length: width },
    (_, i) => body.length > 0 && body.every((cells) => NUMBER.test(cells[i] ?? '')),
  );
}
