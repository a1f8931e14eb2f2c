// Which rows of a step's table a lesson step's `highlight` marks: rows of the key, or of the window.
import { valuesEqual } from '../engine/compare';
import type { Row } from '../engine/types';
import type { Highlight } from './types';

export function highlightedRows(rows: readonly Row[], highlight: Highlight | null): Row[] {
  if (highlight === null) return [];
  if (highlight.kind === 'key') {
    const key = Object.entries(highlight.key);
    return rows.filter((row) => key.every(([field, value]) => valuesEqual(row[field], value)));
  }
  if (highlight.kind === 'window')
    return rows.filter(
      (row) =>
        valuesEqual(row.window_start, highlight.start) &&
        valuesEqual(row.window_end, highlight.end),
    );
  return [];
}
