// Prints a batch the way Spark's console sink does ("Batch: 0", then a +---+ table with the
// window as {start, end}), so the command line reads like the PySpark tutorials.
import { formatTime } from '../engine/event-time';
import type { Row } from '../engine/types';

function cell(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return cell(a).localeCompare(cell(b));
}

/** Columns in output order; window_start/window_end shown as one `window` column. */
export function toDisplayRows(
  rows: readonly Row[],
  columnsOfQuery: readonly string[] | null,
): { header: string[]; body: string[][] } {
  const first = rows[0];
  const columns = columnsOfQuery ?? (first === undefined ? [] : Object.keys(first));
  const windowed = columns.includes('window_start') && columns.includes('window_end');
  const rest = columns.filter((c) => c !== 'window_start' && c !== 'window_end');
  const sorted = [...rows].sort((a, b) => {
    for (const c of windowed ? ['window_start', 'window_end', ...rest] : rest) {
      const d = compare(a[c], b[c]);
      if (d !== 0) return d;
    }
    return 0;
  });
  const header = windowed ? ['window', ...rest] : rest;
  const body = sorted.map((r) => {
    const values = rest.map((c) => cell(r[c]));
    if (!windowed) return values;
    return [
      `{${formatTime(Number(r.window_start))}, ${formatTime(Number(r.window_end))}}`,
      ...values,
    ];
  });
  return { header, body };
}

/** A +---+ table; an empty result still shows the header, as Spark's console sink does. */
export function renderTable(rows: readonly Row[], columns: readonly string[] | null): string {
  const { header, body } = toDisplayRows(rows, columns);
  if (header.length === 0) return '(no rows)';
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = `+${widths.map((w) => '-'.repeat(w)).join('+')}+`;
  const format = (cells: readonly string[]): string =>
    `|${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('|')}|`;
  return [line, format(header), line, ...body.map(format), line].join('\n');
}

export function batchHeading(index: number): string {
  const rule = '-------------------------------------------';
  return `${rule}\nBatch: ${String(index)}\n${rule}`;
}
