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
import { compiled, scalarKey } from './compile-cache';
import type { Fold } from './fold-builder';
import type { InputSpec } from './spark-store';
import type { Bucket, Group } from './spark-window-rows';
import type { Event } from './types';

/**
 * The store's two latest slots whose windows were all open when it entered them (they stay so
 * for the rest of the batch: lateness is fixed within a batch, and nothing is evicted before
 * its input ends). Two, because an out-of-order event usually falls in the previous window
 * and the next event back in the current one. A slot: every integer ts with lo <= ts < hi
 * (other than 0) has exactly its n windows, whose buckets are listed latest first.
 */
export class HotSlots {
  lo = Number.NaN;
  hi = Number.NaN;
  n = 0;
  buckets: Bucket[] = [];
  lo2 = Number.NaN;
  hi2 = Number.NaN;
  n2 = 0;
  buckets2: Bucket[] = [];
  /** Scratch: an event's groups, parallel to buckets. */
  readonly groups: Group[] = [];

  /** Keeps the current slot (if open) as the second; returns the array for the next one. */
  next(): Bucket[] {
    if (this.n > 0) {
      const spare = this.buckets2;
      this.buckets2 = this.buckets;
      this.buckets = spare;
      this.lo2 = this.lo;
      this.hi2 = this.hi;
      this.n2 = this.n;
    }
    this.lo = this.hi = Number.NaN;
    this.n = 0;
    return this.buckets;
  }

  /** Opens the current slot, whose n buckets `next` handed out have been filled. */
  open(lo: number, hi: number, n: number): void {
    this.lo = lo;
    this.hi = hi;
    this.n = n;
  }

  clear(): void {
    this.lo = this.hi = this.lo2 = this.hi2 = Number.NaN;
    this.n = this.n2 = 0;
  }
}

/** What the compiled loop needs from the store: a group for a key its bucket lacks. */
export interface GroupMaker {
  createIn(
    bucket: Bucket,
    mapKey: unknown,
    event: Event,
    serial: number,
    values: readonly unknown[] | null,
  ): Group;
}

export interface IngestSpec extends InputSpec {
  /** The one grouping field, read inline; null: several (or none), through `keyOf`. */
  readonly keyField: string | null;
}

/** The filter as `continue` statements over `e`, its values read from `values`. */
export function filterSource(filter: InputSpec['filter']): string {
  return filter
    .map(
      ([field], i) =>
        `if ((e[${JSON.stringify(field)}] ?? null) !== values[${String(i)}]) continue;`,
    )
    .join('\n    ');
}

/** `k`, the event's Map key: a one-field key is the value itself, unless an object (keyOf tags those). */
export function keySource(keyField: string | null): string {
  return keyField === null
    ? 'const k = keyOf(e);'
    : `const v = e[${JSON.stringify(keyField)}] ?? null;
    const k = typeof v === 'object' && v !== null ? keyOf(e) : v;`;
}

/**
 * The function a loop's source returns, compiled with `new Function` (filter values passed in
 * as `values`; shared by queries with the same source and values: compile-cache.ts); null
 * where the runtime refuses. The caller knows its type.
 */
export function compileSource(source: string, filter: InputSpec['filter']): unknown {
  const values = filter.map(([, value]) => value);
  return compiled(['values'], source, [values], scalarKey(values));
}

/** Returns the batch's max event time over the events it took itself (−∞ if none). */
export type CompiledIngest = (
  events: readonly Event[],
  hot: HotSlots,
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
  const filter = filterSource(spec.filter);
  const key = keySource(spec.keyField);
  const bump = (g: string): string => `if (${g}.acc === null) ${g}.count = ${g}.count + 1;
        else add(${g}.acc, e);
        if (${g}.touched !== serial) {
          ${g}.touched = serial;
          touched.push(${g});
        }`;
  return `return function ingest(events, hot, state, touched, serial, add, keyOf, slow) {
  let max = -Infinity;
  let lo = hot.lo, hi = hot.hi, n = hot.n, buckets = hot.buckets;
  let lo2 = hot.lo2, hi2 = hot.hi2, n2 = hot.n2, buckets2 = hot.buckets2;
  const groups = hot.groups;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    ${filter}
    const ts = e[${q(spec.timeField)}];
    // 0 may be −0, whose windows the store keeps apart: the general path sees to it.
    let hit = typeof ts === 'number' && ts !== 0 && Number.isInteger(ts);
    if (hit && !(ts >= lo && ts < hi)) {
      hit = ts >= lo2 && ts < hi2;
      if (hit) {
        const l = lo, h = hi, m = n, b = buckets;
        lo = lo2; hi = hi2; n = n2; buckets = buckets2;
        lo2 = l; hi2 = h; n2 = m; buckets2 = b;
      }
    }
    if (!hit) {
      slow(e, i);
      lo = hot.lo; hi = hot.hi; n = hot.n; buckets = hot.buckets;
      lo2 = hot.lo2; hi2 = hot.hi2; n2 = hot.n2; buckets2 = hot.buckets2;
      continue;
    }
    if (ts > max) max = ts;
    ${key}
    if (n === 1) {
      const b = buckets[0];
      let g = b.groups.get(k);
      if (g === undefined) g = state.createIn(b, k, e, serial, null);
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
        if (g === undefined) g = state.createIn(b, k, e, serial, older === undefined ? null : older.key);
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
  return compileSource(ingestSource(spec), spec.filter) as CompiledIngest | null;
}
