// The columns of a query's result table, in order; null for a pass-through query (its rows are
// the input events, whatever fields they have).
import { builtinColumns } from './state-builtins';
import type { Query } from './types';

export function outputColumns(q: Query): string[] | null {
  if (q.stateful !== null) {
    // Per-key state: the key, then what the function returns (unknown for custom code).
    const added = builtinColumns(q.stateful);
    return added === null ? null : [...q.groupBy, ...added];
  }
  const windowed = q.window.type !== 'none';
  if (!windowed && q.groupBy.length === 0 && q.aggregates.length === 0) return null;
  return [
    ...(windowed ? ['window_start', 'window_end'] : []),
    ...q.groupBy,
    ...q.aggregates.map((a) => a.as),
    ...q.derived.map((d) => d.as),
  ];
}
