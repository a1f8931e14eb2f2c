// Tumbling and sliding windows whose aggregates are all counts (count(*), count(field), with or
// without where: CTR's impressions and clicks), the trace off and a watermark that evicts:
// each key keeps its windows' counts side by side in a ring indexed by window id (see
// spark-key-rings.ts), so an event bumps its size / slide counts in a cache line or two,
// found with one key lookup, instead of visiting a group object per window found through a
// Map per window (the general store's sliding events wait on memory for five of them).
//
// Everything observable is the window store's: buckets are made when a slot is entered (latest
// window first), a bucket lists its keys in the order of their first events, late windows
// count in `dropped` once per run, rows go out in first-touch order (an event's windows latest
// first), and the snapshot is the window store's JSON, so a snapshot restores into the general
// store (this one is never restored). Property tests hold the two to the same output and
// snapshot after every batch (test/engine/ingest-builder.test.ts).
// (Past 300 lines: the input loop keeps the current and the previous slot in locals, and the
// general path it falls back to moves those slots; apart, each would reach into the other.)
import type { Accumulator, Aggregates } from './aggregate';
import { matches } from './field-equals';
import { groupKey, type GroupKey } from './group-key';
import type { RowBuilder } from './row-builder';
import { COUNTS, KeyRings, MADE, TOUCHED } from './spark-key-rings';
import type { InputSpec, RunContext, SlowPath, SparkStore } from './spark-store';
import type { Event, Row } from './types';
import { AlignedSlot } from './window-slot';

/** A window: bounds, id, ring offset, and the ids of the keys holding it (first event order). */
interface RingBucket {
  readonly start: number;
  readonly end: number;
  readonly id: number;
  readonly at: number;
  readonly keys: number[];
}

export class RingStore implements SparkStore {
  private readonly key: GroupKey;
  private readonly singleField: boolean;
  private readonly build: RowBuilder;
  private readonly slot: AlignedSlot;
  /** The current slot's buckets, parallel to slot.starts; null where the window is late. */
  private readonly slotBuckets: (RingBucket | null)[] = [];
  /**
   * The slot entered before the current one, if all its windows were open then (they stay so
   * for the run): an out-of-order event usually falls there, and the next event back in the
   * current slot. Its bounds, window count and buckets; n2 = 0: none.
   */
  private lo2 = Number.NaN;
  private hi2 = Number.NaN;
  private n2 = 0;
  private buckets2: (RingBucket | null)[] = [];
  /** Buckets by id ((start − offset) / slide), in creation order: eviction and snapshots. */
  private readonly buckets = new Map<number, RingBucket>();
  private readonly rings: KeyRings<RingBucket>;
  private run: RunContext = { serial: 0, lateThreshold: null, trace: null };
  /** This run's touched windows, in first-touch order: key ids and buckets side by side. */
  private readonly touchedKeys: number[] = [];
  private readonly touchedBuckets: RingBucket[] = [];
  private lateGroups = new Map<number, Set<unknown>>();
  private readonly scratch: Accumulator;
  size = 0;
  dropped = 0;
  droppedEvents = 0;

  constructor(
    window: { readonly sizeMs: number; readonly slideMs: number; readonly offsetMs: number },
    keyFields: readonly string[],
    private readonly aggregates: Aggregates,
  ) {
    this.key = groupKey(keyFields);
    this.singleField = keyFields.length === 1;
    this.build = aggregates.rowBuilder({ window: true, keyFields, singleKey: this.singleField });
    this.slot = new AlignedSlot(window.sizeMs, window.slideMs, window.offsetMs);
    const perEvent = Math.ceil(window.sizeMs / window.slideMs);
    this.rings = new KeyRings(this.key, this.singleField, perEvent, aggregates);
    this.scratch = aggregates.create();
  }

  /** Whether a window's state can live in rings: counts only, a watermark that evicts. */
  static fits(
    window: { readonly sizeMs: number; readonly slideMs: number },
    aggregates: Aggregates,
    evicts: boolean,
  ): boolean {
    return window.sizeMs >= window.slideMs && aggregates.addAt !== null && evicts;
  }

  beginRun(run: RunContext): void {
    this.run = run;
    this.touchedKeys.length = 0;
    this.touchedBuckets.length = 0;
    this.lateGroups = new Map();
    this.dropped = 0;
    this.droppedEvents = 0;
    // Which windows are late depends on the run's threshold.
    this.clearSlots();
  }

  private clearSlots(): void {
    this.slot.clear();
    this.n2 = 0;
    this.lo2 = this.hi2 = Number.NaN;
  }

  /**
   * The run's input: an event with an integer time (not 0) in the current or the previous
   * slot, all of whose windows are open, of a key in state, is counted here (its windows
   * already in the key's ring bumped in place); every other event goes through `add` (or,
   * without an integer time, through `slow`, the driver's general path). The loop keeps the
   * two slots in locals, swapping them as events move between; after `add` or `slow` (which
   * may enter a slot) it rereads them.
   */
  addAll(events: readonly Event[], input: InputSpec, slow: SlowPath): number {
    const { timeField, filter } = input;
    const slot = this.slot;
    const rings = this.rings;
    const strings = rings.ids.strings;
    const others = rings.ids.others;
    const stride = rings.stride;
    const fold = rings.fold;
    // A plain count(*) is bumped inline, other counts through the compiled fold.
    const plain = this.aggregates.isPlainCount;
    let slots = rings.slots;
    const keyOf = this.key.keyOf;
    const serial = this.run.serial;
    let lo = slot.lo;
    let hi = slot.hi;
    let n = this.openWindows();
    let buckets = this.slotBuckets;
    let lo2 = this.lo2;
    let hi2 = this.hi2;
    let n2 = this.n2;
    let buckets2 = this.buckets2;
    let max = -Infinity;
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as Event;
      if (filter.length !== 0 && !matches(e, filter)) continue;
      const ts = e[timeField];
      if (typeof ts === 'number' && Number.isInteger(ts)) {
        if (ts > max) max = ts;
        if (ts !== 0 && n2 !== 0 && !(n !== 0 && ts >= lo && ts < hi) && ts >= lo2 && ts < hi2) {
          // An out-of-order event in the previous slot: it becomes the current one.
          const l = lo;
          const h = hi;
          const m = n;
          const b = buckets;
          lo = lo2;
          hi = hi2;
          n = n2;
          buckets = buckets2;
          lo2 = l;
          hi2 = h;
          n2 = m;
          buckets2 = b;
        }
        let id: number | undefined;
        if (n !== 0 && ts >= lo && ts < hi && ts !== 0) {
          const k = keyOf(e);
          id = typeof k === 'string' ? strings[k] : others.get(k);
        }
        if (id !== undefined) {
          const base = id * stride;
          for (let j = 0; j < n; j++) {
            const bucket = buckets[j] as RingBucket;
            const at = base + bucket.at;
            // Most events: the window is in its ring place, touched already. Else the general way.
            if (slots[at] === bucket.id && slots[at + 1] === serial) {
              if (plain) slots[at + COUNTS] = (slots[at + COUNTS] as number) + 1;
              else fold(slots, at + COUNTS, e);
            } else this.count(id, bucket, e);
          }
          continue;
        }
        this.add(e, ts);
      } else slow(e, i);
      // `add` (which the general path calls too) may have entered a slot or grown the rings.
      slots = rings.slots;
      lo = slot.lo;
      hi = slot.hi;
      n = this.openWindows();
      buckets = this.slotBuckets;
      lo2 = this.lo2;
      hi2 = this.hi2;
      n2 = this.n2;
      buckets2 = this.buckets2;
    }
    return max;
  }

  /** The current slot's window count when none is late, else 0 (the loop then calls `add`). */
  private openWindows(): number {
    const slot = this.slot;
    for (let i = 0; i < slot.n; i++) if (this.slotBuckets[i] === null) return 0;
    return slot.n;
  }

  add(event: Event, ts: number | null): void {
    if (ts === null) return;
    const slot = this.slot;
    // −0 gets windows of its own, as in the window store (their starts may be −0).
    const negativeZero = ts === 0 && Object.is(ts, -0);
    if (negativeZero || !(ts >= slot.lo && ts < slot.hi)) this.enterSlot(ts);
    const mapKey = this.key.keyOf(event);
    const id = this.rings.of(mapKey);
    let counted = false;
    for (let i = 0; i < slot.n; i++) {
      const bucket = this.slotBuckets[i] ?? null;
      if (bucket === null) this.late(slot.starts[i] ?? 0, mapKey);
      else {
        counted = true;
        this.count(id, bucket, event);
      }
    }
    if (!counted) {
      this.droppedEvents++;
      // A key met only in late windows holds none.
      if (this.rings.isEmpty(id)) this.rings.leave(id);
    }
    if (negativeZero) this.clearSlots();
  }

  /** Counts the event in the key's window, listing the window as touched (and the key as holding it). */
  private count(id: number, bucket: RingBucket, event: Event): void {
    const what = this.rings.count(id, bucket, event, this.run.serial);
    if (what === MADE) {
      bucket.keys.push(id);
      this.size++;
    }
    if (what === TOUCHED || what === MADE) {
      this.touchedKeys.push(id);
      this.touchedBuckets.push(bucket);
    }
  }

  /** Computes the windows of ts, making the buckets of those that are not late, latest first. */
  private enterSlot(ts: number): void {
    const slot = this.slot;
    const open = this.openWindows();
    if (open !== 0 && !Number.isNaN(slot.lo)) {
      this.lo2 = slot.lo;
      this.hi2 = slot.hi;
      this.n2 = open;
      for (let i = 0; i < open; i++) this.buckets2[i] = this.slotBuckets[i] ?? null;
    }
    slot.moveTo(ts);
    const threshold = this.run.lateThreshold;
    for (let i = 0; i < slot.n; i++) {
      const start = slot.starts[i] ?? 0;
      const end = start + slot.sizeMs;
      this.slotBuckets[i] = threshold !== null && end <= threshold ? null : this.bucketAt(start);
    }
  }

  private bucketAt(start: number): RingBucket {
    const id = this.bucketId(start);
    let bucket = this.buckets.get(id);
    if (bucket === undefined) {
      const at = this.rings.atOf(id);
      bucket = { start, end: start + this.slot.sizeMs, id, at, keys: [] };
      this.buckets.set(id, bucket);
    }
    return bucket;
  }

  private bucketId(start: number): number {
    return (start - this.slot.offsetMs) / this.slot.slideMs;
  }

  /** A late (key, window) group: counted once per run in `dropped`. */
  private late(start: number, mapKey: unknown): void {
    const id = this.bucketId(start);
    let late = this.lateGroups.get(id);
    if (late === undefined) this.lateGroups.set(id, (late = new Set()));
    if (!late.has(mapKey)) {
      late.add(mapKey);
      this.dropped++;
    }
  }

  endInput(): void {
    // Nothing waits for the end of the input: counts are final as they are bumped.
  }

  private rowOf(id: number, bucket: RingBucket): Row {
    this.rings.read(id, bucket, this.scratch);
    const first = this.rings.firstOf(id, bucket);
    return this.singleField
      ? this.build(bucket.start, bucket.end, first, null, this.scratch)
      : this.build(bucket.start, bucket.end, null, first as unknown[], this.scratch);
  }

  emitUpdated(rows: Row[]): void {
    const keys = this.touchedKeys;
    const buckets = this.touchedBuckets;
    // The array grown once, not by doubling as it is pushed to.
    const base = rows.length;
    rows.length = base + keys.length;
    for (let i = 0; i < keys.length; i++) {
      rows[base + i] = this.rowOf(keys[i] as number, buckets[i] as RingBucket);
    }
  }

  emitAll(rows: Row[]): void {
    for (const bucket of this.buckets.values()) {
      for (const id of bucket.keys) rows.push(this.rowOf(id, bucket));
    }
  }

  evict(threshold: number, rows: Row[] | null): void {
    let evicted = false;
    for (const [id, bucket] of this.buckets) {
      if (!(bucket.end <= threshold)) continue;
      for (const key of bucket.keys) {
        if (rows !== null) rows.push(this.rowOf(key, bucket));
        this.rings.forget(key, bucket);
      }
      this.size -= bucket.keys.length;
      this.buckets.delete(id);
      evicted = true;
    }
    // The current slot may hold a bucket just removed.
    if (evicted) this.clearSlots();
  }

  /** The window store's JSON: buckets in creation order, each key's group in first-event order. */
  toJSON(): unknown {
    return [...this.buckets.values()].map((b) => ({
      start: b.start,
      end: b.end,
      groups: b.keys.map((id) => {
        this.rings.read(id, b, this.scratch);
        const first = this.rings.firstOf(id, b);
        return {
          key: this.singleField ? [first] : first,
          acc: this.aggregates.toJSON(this.scratch),
        };
      }),
    }));
  }

  restore(): void {
    throw new Error('a ring store is not restored: the engine restores into a window store');
  }
}
