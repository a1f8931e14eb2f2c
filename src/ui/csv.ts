// A result table as CSV (RFC 4180): the columns as the query names them, windows as ISO times.
import type { Row } from '../engine/types';

function cell(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ''
      : typeof value === 'string'
        ? value
        : typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : JSON.stringify(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Columns: every field of the rows in first-seen order; window bounds also as ISO-8601. */
export function rowsToCsv(rows: readonly Row[]): string {
  const columns: string[] = [];
  for (const row of rows)
    for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const iso = (v: unknown): unknown =>
    typeof v === 'number' && Number.isFinite(v) ? new Date(v).toISOString() : v;
  const header = columns.flatMap((c) =>
    c === 'window_start' || c === 'window_end' ? [c, `${c}_iso`] : [c],
  );
  const lines = rows.map((row) =>
    columns
      .flatMap((c) =>
        c === 'window_start' || c === 'window_end'
          ? [cell(row[c]), cell(iso(row[c]))]
          : [cell(row[c])],
      )
      .join(','),
  );
  return [header.map(cell).join(','), ...lines].join('\r\n') + '\r\n';
}

/** Saves text as a file through a temporary link (the browser's download). */
export function download(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}
