// State for tumbling and sliding windows, a single running group (`window: none`), and grouping
// on the raw event-time column: groups kept per time bucket, evicted a bucket at a time.
//
// Aligned windows take the hot path: the store keeps the buckets of the current window set
// (spark-window-slots.ts: the floor modulo and bucket lookups run only when the event time
// leaves it), and each group links to its key's group one slide later, so a sliding event costs
// one Map lookup, not one per window. With the trace off a compiled loop takes most events.
// (Past 300 lines: the three bucket kinds share their groups, late rows, eviction and output.)
import type { Aggregates } from './aggregate';
import { groupKey, type GroupKey } from './group-key';
import type { InputSpec, RunContext, SlowPath, SparkStore } from './spark-store';
import { type BucketKind, type Group, keyValues, WindowRows } from './spark-window-rows';
import { WindowState } from './spark-window-state';
import { compileIngest, type CompiledIngest } from './ingest-builder';
import type { Event, Row } from './types';
import { WindowSlots } from './spark-window-slots';

export type { BucketKind } from './spark-window-rows';

export class WindowStore implements SparkStore {
  private readonly state: WindowState;
  private readonly key: GroupKey;
  private readonly rows: WindowRows;
  private readonly isGlobal: boolean;
  /** Aligned windows: the current window set (null for `none` and `point`). */
  private readonly slots: WindowSlots | null;
  /** An event's groups, parallel to slot.starts (undefined: late); reused. */
  private readonly slotGroups: (Group | undefined)[] = [];
  /** The compiled input loop, made on first use (null: the runtime refused to compile). */
  private compiled: CompiledIngest | null | undefined = undefined;
  private run: RunContext = { serial: 0, lateThreshold: null, trace: null };
  private readonly touched: Group[] = [];
  private lateGroups = new Map<number, Set<unknown>>();
  dropped = 0;
  droppedEvents = 0;

  constructor(
    private readonly bucketKind: BucketKind,
    groupBy: readonly string[],
    private readonly aggregates: Aggregates,
  ) {
    this.rows = new WindowRows(bucketKind, groupBy, aggregates);
    this.key = groupKey(this.rows.keyFields);
    this.state = new WindowState(this.key, aggregates, this.rows.keyFields.length === 1);
    this.isGlobal = bucketKind.kind === 'none' && groupBy.length === 0;
    this.slots =
      bucketKind.kind === 'aligned'
        ? new WindowSlots(
            bucketKind.sizeMs,
            bucketKind.slideMs,
            bucketKind.offsetMs,
            (start, end) => this.state.bucketAt(this.bucketId(start), start, end),
          )
        : null;
  }

  get size(): number {
    return this.state.size;
  }

  beginRun(run: RunContext): void {
    this.run = run;
    // Emptied, not replaced: the array keeps its capacity for the next batch.
    this.touched.length = 0;
    this.lateGroups = new Map();
    this.dropped = 0;
    this.droppedEvents = 0;
    // Which windows are late depends on the run's threshold.
    this.forgetSlot();
  }

  add(event: Event, ts: number | null, index: number): void {
    const slots = this.slots;
    if (slots !== null) {
      if (ts !== null) this.addAligned(slots, event, ts, index);
      return;
    }
    const mapKey = this.key.keyOf(event);
    if (this.bucketKind.kind === 'none') {
      this.addAt(0, 0, mapKey, event, index, ts);
      return;
    }
    // A null time is a group of its own that no watermark reaches: `null <= watermark` is
    // not true in SQL, so Spark neither drops nor evicts it. NaN compares the same way.
    const t = ts ?? Number.NaN;
    const threshold = this.run.lateThreshold;
    if (threshold !== null && t <= threshold) {
      this.late(t, t, t, mapKey, event, index, ts);
      this.droppedEvents++;
      return;
    }
    this.addAt(t, t, mapKey, event, index, ts);
  }

  /** The compiled loop for aligned windows (ingest-builder.ts): integer times in a hot slot. */
  addAll(events: readonly Event[], input: InputSpec, slow: SlowPath): number | null {
    if (this.slots === null) return null;
    if (this.compiled === undefined) {
      const fields = this.rows.keyFields;
      this.compiled = compileIngest({
        ...input,
        keyField: fields.length === 1 ? (fields[0] ?? null) : null,
      });
    }
    const ingest = this.compiled;
    if (ingest === null) return null;
    const { add } = this.aggregates;
    return ingest(
      events,
      this.slots.hot,
      this.state,
      this.touched,
      this.run.serial,
      add,
      this.key.keyOf,
      slow,
    );
  }

  /** `none` and `point`: one bucket, whose id is its start. */
  private addAt(
    start: number,
    end: number,
    mapKey: unknown,
    event: Event,
    index: number,
    ts: number | null,
  ): void {
    const bucket = this.state.bucketAt(start, start, end);
    const group = this.state.groupIn(bucket, mapKey, event, this.run.serial, null);
    this.bump(group, event);
    this.run.trace?.counted(index, ts, this.rows.refOf(start, end, keyValues(group)));
  }

  private addAligned(slots: WindowSlots, event: Event, ts: number, index: number): void {
    const slot = slots.slot;
    // −0 gets windows of its own: the trace names an event's windows by its own starts, and
    // −0 − 0 aligns to a start of −0 where +0 aligns to +0.
    const negativeZero = ts === 0 && Object.is(ts, -0);
    if (negativeZero || !(ts >= slot.lo && ts < slot.hi)) {
      slots.enter(ts, this.run.lateThreshold, this.run.trace !== null);
    }
    const mapKey = this.key.keyOf(event);
    const trace = this.run.trace;
    const only = slot.n === 1 ? (slots.buckets[0] ?? null) : null;
    if (only !== null) {
      // One window that is not late (tumbling): its group, found directly.
      const group = this.state.groupIn(only, mapKey, event, this.run.serial, null);
      this.bump(group, event);
      if (trace !== null) {
        const start = slot.starts[0] ?? 0;
        trace.counted(index, ts, this.rows.refOf(start, start + slot.sizeMs, keyValues(group)));
      }
      if (negativeZero) this.forgetSlot();
      return;
    }
    const groups = this.groupsOf(slots, mapKey, event);
    // In window order, latest first: the order of the touched rows and of the trace.
    let counted = false;
    for (let i = 0; i < slot.n; i++) {
      const group = groups[i];
      const start = slot.starts[i] ?? 0;
      const end = start + slot.sizeMs;
      if (group === undefined) {
        this.late(this.bucketId(start), start, end, mapKey, event, index, ts);
        continue;
      }
      this.bump(group, event);
      counted = true;
      if (trace !== null) trace.counted(index, ts, this.rows.refOf(start, end, keyValues(group)));
    }
    if (!counted) this.droppedEvents++;
    if (negativeZero) this.forgetSlot();
  }

  /**
   * The key's group in each window of the slot (undefined where the window is late), created
   * on first use. Found from the oldest window: one Map lookup there, then each group's link to
   * the key's group one slide later, which the key's previous events have usually made.
   */
  private groupsOf(slots: WindowSlots, mapKey: unknown, event: Event): (Group | undefined)[] {
    const groups = this.slotGroups;
    const serial = this.run.serial;
    let older: Group | undefined;
    for (let i = slots.slot.n - 1; i >= 0; i--) {
      const bucket = slots.buckets[i] ?? null;
      if (bucket === null) {
        groups[i] = older = undefined;
        continue;
      }
      let group = older?.newer;
      if (group?.bucket !== bucket) {
        group = this.state.groupIn(bucket, mapKey, event, serial, older?.key ?? null);
        if (older !== undefined) older.newer = group;
      }
      groups[i] = older = group;
    }
    return groups;
  }

  private forgetSlot(): void {
    this.slots?.forget();
  }

  private bucketId(start: number): number {
    const b = this.bucketKind;
    return b.kind === 'aligned' ? (start - b.offsetMs) / b.slideMs : start;
  }

  private bump(group: Group, event: Event): void {
    this.aggregates.fold(group, event);
    const serial = this.run.serial;
    if (group.touched !== serial) {
      group.touched = serial;
      this.touched.push(group);
    }
  }

  /** A late (key, window) group: counted once per run in `dropped`, and traced. */
  private late(
    bucketId: number,
    start: number,
    end: number,
    mapKey: unknown,
    event: Event,
    index: number,
    ts: number | null,
  ): void {
    let late = this.lateGroups.get(bucketId);
    if (late === undefined) this.lateGroups.set(bucketId, (late = new Set()));
    if (!late.has(mapKey)) {
      late.add(mapKey);
      this.dropped++;
    }
    const trace = this.run.trace;
    if (trace !== null && ts !== null) {
      trace.late(index, ts, {
        group: this.rows.refOf(start, end, this.key.valuesOf(event)),
        rule:
          this.bucketKind.kind === 'point' ? 'event_time <= watermark' : 'window_end <= watermark',
        bound: end,
        watermark: this.run.lateThreshold as number,
      });
    }
  }

  endInput(): void {
    if (this.isGlobal) this.touchGlobal();
    const trace = this.run.trace;
    if (trace === null) return;
    for (const g of this.touched) {
      trace.window(
        g.created === this.run.serial ? 'created' : 'updated',
        this.rows.groupRef(g),
        this.rows.rowOf(g),
      );
    }
  }

  /**
   * An aggregation with no grouping key outputs its one row from every batch, even one whose
   * input was all filtered out (Spark's aggregate on empty input still yields the empty buffer).
   */
  private touchGlobal(): void {
    const serial = this.run.serial;
    const bucket = this.state.bucketAt(0, 0, 0);
    const group = this.state.groupIn(bucket, '', {}, serial, null);
    if (group.touched !== serial) {
      group.touched = serial;
      this.touched.push(group);
    }
  }

  emitUpdated(rows: Row[]): void {
    const touched = this.touched;
    // An index loop: this runs once per batch over every touched group, often before V8 has
    // optimized it, and for-of then pays for the iterator protocol on each element.
    // The array grown once, not by doubling as it is pushed to.
    const base = rows.length;
    rows.length = base + touched.length;
    for (let i = 0; i < touched.length; i++) rows[base + i] = this.rows.rowOf(touched[i] as Group);
  }

  emitAll(rows: Row[]): void {
    for (const bucket of this.state.buckets.values()) {
      for (const g of bucket.groups.values()) rows.push(this.rows.rowOf(g));
    }
  }

  evict(threshold: number, rows: Row[] | null): void {
    if (this.bucketKind.kind === 'none') return;
    const trace = this.run.trace;
    let evicted = false;
    for (const [id, bucket] of this.state.buckets) {
      if (!(bucket.end <= threshold)) continue;
      if (rows !== null || trace !== null) {
        for (const g of bucket.groups.values()) {
          const row = this.rows.rowOf(g);
          rows?.push(row);
          trace?.window(rows === null ? 'evicted' : 'emitted', this.rows.groupRef(g), row);
        }
      }
      this.state.delete(id, bucket);
      evicted = true;
    }
    // The current slot may hold a bucket just removed.
    if (evicted) this.forgetSlot();
  }

  toJSON(): unknown {
    return this.state.toJSON();
  }

  restore(json: unknown): void {
    this.forgetSlot();
    this.state.restore(json, this.rows.keyFields, (start) => this.bucketId(start));
  }
}
