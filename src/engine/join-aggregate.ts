// The aggregation over a join's output: the joined rows of one run go through the ordinary Spark
// store (windows, groups, late groups, eviction) in append mode, the only mode a join allows.
import { toEpochMs } from './event-time';
import type { SparkStore } from './spark-store';
import type { TraceRecorder } from './trace-recorder';
import type { Query, Row } from './types';

/**
 * Adds `joined` (numbered from `run.first`) to the store with groups late at `end <= run.late`,
 * then emits and evicts the groups with `end <= evictAt`. Returns the late group rows.
 */
export function aggregateJoined(
  store: SparkStore,
  query: Query,
  joined: readonly Row[],
  run: { readonly serial: number; readonly first: number; readonly late: number | null },
  rows: Row[],
  evictAt: number | null,
  trace: TraceRecorder | null,
): number {
  store.beginRun({ serial: run.serial, lateThreshold: run.late, trace });
  const timeField = query.time;
  const needsTime = query.window.type !== 'none';
  joined.forEach((row, i) => {
    const ts = timeField === null ? null : toEpochMs(row[timeField]);
    // A null row's missing side has no time: no window takes it (Spark's window() of null).
    if (ts === null && needsTime) {
      trace?.fate(run.first + i, { kind: 'no-time', field: timeField ?? '', value: null });
      return;
    }
    store.add(row, ts, run.first + i);
  });
  store.endInput();
  if (evictAt !== null) store.evict(evictAt, rows);
  return store.dropped;
}
