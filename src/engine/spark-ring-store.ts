// Sliding windows with a plain count(*), the trace off and a watermark that evicts: each key
// keeps its windows' counts side by side in one small array (a ring indexed by window id), so
// an event bumps its size / slide counts in a cache line or two instead of visiting a group
// object per window (the general store's sliding events wait on memory for five of them).
// Tumbling windows stay in the window store: one group an event is as cheap (rings: ×0.68).
//
// Everything observable is the window store's: buckets are made when a slot is entered (latest
// window first), a bucket lists its keys in the order of their first events, late windows
// count in `dropped` once per run, rows go out in first-touch order (an event's windows latest
// first), and the snapshot is the window store's JSON, so a snapshot restores into the general
// store (this one is never restored). Property tests hold the two to the same output and
// snapshot after every batch (test/engine/ingest-builder.test.ts).
import type { Accumulator, Aggregates } from './aggregate';
import { matches } from './field-equals';
import { groupKey, type GroupKey } from './group-key';
import type { RowBuilder } from './row-builder';
import { KeyRings, MADE, TOUCHED, type KeyRing } from './spark-key-rings';
import type { InputSpec, RunContext, SlowPath, SparkStore } from './spark-store';
import type { Event, Row } from './types';
import { AlignedSlot } from './window-slot';

/** A window: its bounds, its ring place, and the keys holding it in order of first event. */
interface RingBucket {
  readonly start: number;
  readonly end: number;
  readonly at: number;
  readonly keys: KeyRing<RingBucket>[];
}

export class RingStore implements SparkStore {
  private readonly key: GroupKey;
  private readonly singleField: boolean;
  private readonly build: RowBuilder;
  private readonly slot: AlignedSlot;
  /** The current slot's buckets, parallel to slot.starts; null where the window is late. */
  private readonly slotBuckets: (RingBucket | null)[] = [];
  /** Buckets by id ((start − offset) / slide), in creation order: eviction and snapshots. */
  private readonly buckets = new Map<number, RingBucket>();
  private readonly rings: KeyRings<RingBucket>;
  private run: RunContext = { serial: 0, lateThreshold: null, trace: null };
  /** This run's touched windows, in first-touch order: keys and buckets side by side. */
  private readonly touchedKeys: KeyRing<RingBucket>[] = [];
  private readonly touchedBuckets: RingBucket[] = [];
  private lateGroups = new Map<number, Set<unknown>>();
  private readonly scratch: Accumulator = [0];
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
    this.rings = new KeyRings(this.key, this.singleField, perEvent);
  }

  /**
   * Whether a sliding window's state can live in rings: longer than its slide (one as long is
   * tumbling, cheaper with groups), a plain count(*), a watermark that evicts.
   */
  static fits(
    window: { readonly sizeMs: number; readonly slideMs: number },
    aggregates: Aggregates,
    evicts: boolean,
  ): boolean {
    return window.sizeMs > window.slideMs && aggregates.isPlainCount && evicts;
  }

  beginRun(run: RunContext): void {
    this.run = run;
    this.touchedKeys.length = 0;
    this.touchedBuckets.length = 0;
    this.lateGroups = new Map();
    this.dropped = 0;
    this.droppedEvents = 0;
    // Which windows are late depends on the run's threshold.
    this.slot.clear();
  }

  /**
   * The run's input: an event with an integer time (not 0) in the current slot, all of whose
   * windows are open, of a key in state, is counted here (its windows already in the key's
   * ring bumped in place); every other event goes through `add` (or, without an integer time,
   * through `slow`, the driver's general path).
   */
  addAll(events: readonly Event[], input: InputSpec, slow: SlowPath): number {
    const { timeField, filter } = input;
    const slot = this.slot;
    const slotBuckets = this.slotBuckets;
    const byKey = this.rings.byKey;
    const keyOf = this.key.keyOf;
    const serial = this.run.serial;
    let lo = slot.lo;
    let hi = slot.hi;
    let n = this.openWindows();
    let max = -Infinity;
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as Event;
      if (filter.length !== 0 && !matches(e, filter)) continue;
      const ts = e[timeField];
      if (typeof ts !== 'number' || !Number.isInteger(ts)) {
        // The general path may move the slot (it calls `add`).
        slow(e, i);
        lo = slot.lo;
        hi = slot.hi;
        n = this.openWindows();
        continue;
      }
      if (ts > max) max = ts;
      const kr = n === 0 || !(ts >= lo && ts < hi) || ts === 0 ? undefined : byKey.get(keyOf(e));
      if (kr === undefined) {
        this.add(e, ts);
        lo = slot.lo;
        hi = slot.hi;
        n = this.openWindows();
        continue;
      }
      const ring = kr.ring;
      for (let j = 0; j < n; j++) {
        const bucket = slotBuckets[j] as RingBucket;
        const at = bucket.at;
        // Most events: the window is in its ring place, touched already. Else the general way.
        if (ring[at] === bucket && ring[at + 2] === serial) {
          ring[at + 1] = (ring[at + 1] as number) + 1;
        } else this.count(kr, bucket, e);
      }
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
    const kr = this.rings.of(mapKey);
    let counted = false;
    for (let i = 0; i < slot.n; i++) {
      const bucket = this.slotBuckets[i] ?? null;
      if (bucket === null) this.late(slot.starts[i] ?? 0, mapKey);
      else {
        counted = true;
        this.count(kr, bucket, event);
      }
    }
    if (!counted) {
      this.droppedEvents++;
      // A key met only in late windows holds none.
      if (kr.live === 0) this.rings.byKey.delete(mapKey);
    }
    if (negativeZero) this.slot.clear();
  }

  /** Counts the event in the key's window, listing the window as touched (and the key as holding it). */
  private count(kr: KeyRing<RingBucket>, bucket: RingBucket, event: Event): void {
    const what = this.rings.count(kr, bucket, event, this.run.serial);
    if (what === MADE) {
      bucket.keys.push(kr);
      this.size++;
    }
    if (what === TOUCHED || what === MADE) {
      this.touchedKeys.push(kr);
      this.touchedBuckets.push(bucket);
    }
  }

  /** Computes the windows of ts, making the buckets of those that are not late, latest first. */
  private enterSlot(ts: number): void {
    const slot = this.slot;
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
      const at = this.rings.placeOf(id);
      bucket = { start, end: start + this.slot.sizeMs, at, keys: [] };
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

  private rowOf(kr: KeyRing<RingBucket>, bucket: RingBucket): Row {
    this.scratch[0] = this.rings.countOf(kr, bucket);
    const first = this.rings.firstOf(kr, bucket);
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
      rows[base + i] = this.rowOf(keys[i] as KeyRing<RingBucket>, buckets[i] as RingBucket);
    }
  }

  emitAll(rows: Row[]): void {
    for (const bucket of this.buckets.values()) {
      for (const kr of bucket.keys) rows.push(this.rowOf(kr, bucket));
    }
  }

  evict(threshold: number, rows: Row[] | null): void {
    let evicted = false;
    for (const [id, bucket] of this.buckets) {
      if (!(bucket.end <= threshold)) continue;
      for (const kr of bucket.keys) {
        if (rows !== null) rows.push(this.rowOf(kr, bucket));
        this.rings.forget(kr, bucket);
      }
      this.size -= bucket.keys.length;
      this.buckets.delete(id);
      evicted = true;
    }
    // The current slot may hold a bucket just removed.
    if (evicted) this.slot.clear();
  }

  /** The window store's JSON: buckets in creation order, each key's group in first-event order. */
  toJSON(): unknown {
    return [...this.buckets.values()].map((b) => ({
      start: b.start,
      end: b.end,
      groups: b.keys.map((kr) => {
        this.scratch[0] = this.rings.countOf(kr, b);
        const first = this.rings.firstOf(kr, b);
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
