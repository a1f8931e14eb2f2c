// A Spark batch's input loop for tumbling and sliding windows, compiled once per query (with the
// trace off): the time and key read by name, the filter compared inline, each event's groups
// found and folded without a call per event, as Spark's whole-stage code generation fuses a
// stage into one loop. It handles only the common case: an integer time inside the store's hot
// slot (every window of the current slot open, none late). Every other event goes to `slow`,
// the driver's general path, which also moves the slot; the loop then rereads it.
//
// Safety as in row-builder.ts: field names enter the source only through JSON.stringify as
// quoted property keys; filter values, helpers and the store are passed in as data. When the
// runtime refuses `new Function` the compiler returns null and the driver keeps its loop.
import type { Fold } from './fold-builder';
import type { Bucket, Group } from './spark-window-rows';
import type { Event } from './types';

/** The store's current windows while every one of them is open (n = 0: none such). */
export interface HotSlot {
  /** Every integer ts with lo <= ts < hi (other than 0) has exactly these windows. */
  lo: number;
  hi: number;
  n: number;
  /** The windows' buckets, latest first, parallel to AlignedSlot.starts. */
  readonly buckets: Bucket[];
  /** Scratch: an event's groups, parallel to buckets. */
  readonly groups: Group[];
}

/** What the compiled loop needs from the store: creating a group, as WindowState.groupIn. */
export interface GroupMaker {
  groupIn(
    bucket: Bucket,
    mapKey: unknown,
    event: Event,
    serial: number,
    values: readonly unknown[] | null,
  ): Group;
}

export interface IngestSpec {
  readonly timeField: string;
  /** The filter's conditions (all must hold), or none. */
  readonly filter: readonly (readonly [field: string, value: unknown])[];
  /** The one grouping field, read inline; null: several (or none), through `keyOf`. */
  readonly keyField: string | null;
}

/** Returns the batch's max event time over the events it took itself (−∞ if none). */
export type CompiledIngest = (
  events: readonly Event[],
  hot: HotSlot,
  state: GroupMaker,
  touched: Group[],
  serial: number,
  add: Fold,
  keyOf: (event: Event) => unknown,
  slow: (event: Event, index: number) => void,
) => number;

/** The loop's source (for tests to read). */
export function ingestSource(spec: IngestSpec): string {
  const q = JSON.stringify;
  const filter = spec.filter
    .map(([field], i) => `if ((e[${q(field)}] ?? null) !== values[${String(i)}]) continue;`)
    .join('\n    ');
  // A one-field key is the value itself, unless it is an object (keyOf tags those).
  const key =
    spec.keyField === null
      ? 'const k = keyOf(e);'
      : `const v = e[${q(spec.keyField)}] ?? null;
    const k = typeof v === 'object' && v !== null ? keyOf(e) : v;`;
  const bump = (g: string): string => `if (${g}.acc === null) ${g}.count = ${g}.count + 1;
        else add(${g}.acc, e);
        if (${g}.touched !== serial) {
          ${g}.touched = serial;
          touched.push(${g});
        }`;
  return `return function ingest(events, hot, state, touched, serial, add, keyOf, slow) {
  let max = -Infinity;
  let lo = hot.lo;
  let hi = hot.hi;
  let n = hot.n;
  const buckets = hot.buckets;
  const groups = hot.groups;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    ${filter}
    const ts = e[${q(spec.timeField)}];
    // 0 may be −0, whose windows the store keeps apart: the general path sees to it.
    if (n === 0 || typeof ts !== 'number' || !(ts >= lo && ts < hi) || ts === 0 || !Number.isInteger(ts)) {
      slow(e, i);
      lo = hot.lo;
      hi = hot.hi;
      n = hot.n;
      continue;
    }
    if (ts > max) max = ts;
    ${key}
    if (n === 1) {
      const b = buckets[0];
      let g = b.groups.get(k);
      if (g === undefined) g = state.groupIn(b, k, e, serial, null);
      ${bump('g')}
      continue;
    }
    // Oldest window first, each group found from the key's group one slide earlier (as
    // WindowStore.groupsOf does, creating groups in the same order); then folded latest first.
    let older = undefined;
    for (let j = n - 1; j >= 0; j--) {
      const b = buckets[j];
      let g = older === undefined ? undefined : older.newer;
      if (g === undefined || g.bucket !== b) {
        g = b.groups.get(k);
        if (g === undefined) g = state.groupIn(b, k, e, serial, older === undefined ? null : older.key);
        if (older !== undefined) older.newer = g;
      }
      groups[j] = older = g;
    }
    for (let j = 0; j < n; j++) {
      const g = groups[j];
      ${bump('g')}
    }
  }
  return max;
};`;
}

export function compileIngest(spec: IngestSpec): CompiledIngest | null {
  const values = spec.filter.map(([, value]) => value);
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- see the header: names are JSON-quoted, values passed as data
    const make = new Function('values', ingestSource(spec)) as (
      values: readonly unknown[],
    ) => CompiledIngest;
    return make(values);
  } catch {
    return null;
  }
}
