// A Spark batch's input loop for session windows with a fixed gap, compiled once per query with
// the trace off (see ingest-builder.ts for the why and the safety rules). It takes only the
// common event, one that joins its key's latest session (what insertEvent does first, with
// what SessionStore.add does before it: not late, key already in state); every other event
// (a new key, a new or merging session, a late one, a time that is not an integer) goes to
// `slow`, the driver's general path, in input order, so keys still join the Map in the order
// of their first events. Only in the store's direct mode (count aggregates, canonical state).
import type { Fold } from './fold-builder';
import { compileSource, filterSource, keySource, type IngestSpec } from './ingest-builder';
import type { KeyState } from './spark-session-merge';
import type { SlowPath } from './spark-store';
import type { Event } from './types';

/** Returns the max event time of the events it took itself (−∞ if none). */
export type CompiledSessionIngest = (
  events: readonly Event[],
  keys: ReadonlyMap<unknown, KeyState>,
  /** Keys with new events this run, which the loop extends as SessionStore.add does. */
  pendingKeys: KeyState[],
  serial: number,
  /** The run's late threshold, −∞ for none. */
  late: number,
  gap: number,
  add: Fold,
  keyOf: (event: Event) => unknown,
  slow: SlowPath,
) => number;

/** The loop's source (for tests to read). */
export function sessionIngestSource(spec: IngestSpec): string {
  return `return function ingestSessions(events, keys, pendingKeys, serial, late, gap, add, keyOf, slow) {
  let max = -Infinity;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    ${filterSource(spec.filter)}
    const ts = e[${JSON.stringify(spec.timeField)}];
    if (typeof ts !== 'number' || ts === 0 || !Number.isInteger(ts)) {
      slow(e, i);
      continue;
    }
    const end = ts + gap;
    ${keySource(spec.keyField)}
    const ks = end <= late ? undefined : keys.get(k);
    const last = ks === undefined ? undefined : ks.last;
    if (last === undefined || !(ts >= last.start && ts <= last.end)) {
      slow(e, i);
      continue;
    }
    if (ts > max) max = ts;
    if (ks.pendingRun !== serial) {
      ks.pendingRun = serial;
      pendingKeys.push(ks);
    }
    // Its entry by end stays at the old end: a grown end is caught when taken out.
    if (end > last.end) last.end = end;
    if (last.acc === null) last.count = last.count + 1;
    else add(last.acc, e);
    last.touched = serial;
  }
  return max;
};`;
}

export function compileSessionIngest(spec: IngestSpec): CompiledSessionIngest | null {
  return compileSource(sessionIngestSource(spec), spec.filter) as CompiledSessionIngest | null;
}
