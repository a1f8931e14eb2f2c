// The columns of a query's result table, in order; null for a pass-through query (its rows are
// the input events, whatever fields they have).
import type { Query } from './types';

export function outputColumns(q: Query): string[] | null {
  const windowed = q.window.type !== 'none';
  if (!windowed && q.groupBy.length === 0 && q.aggregates.length === 0) return null;
  return [
    ...(windowed ? ['window_start', 'window_end'] : []),
    ...q.groupBy,
    ...q.aggregates.map((a) => a.as),
    ...q.derived.map((d) => d.as),
  ];
}
