// State for tumbling and sliding windows, a single running group (`window: none`), and grouping
// on the raw event-time column: groups kept per time bucket, evicted a bucket at a time.
import { slidingWindowStarts } from './assign-sliding';
import type { Accumulator, Aggregates } from './aggregate';
import { groupKey, keyOfValues, type GroupKey } from './group-key';
import type { RunContext, SparkStore } from './spark-store';
import type { GroupRef } from './trace';
import type { Event, Row } from './types';
import { floorMod } from './window';

/** aligned: tumbling/sliding; none: one bucket, never late; point: one bucket per event time. */
export type BucketKind =
  | {
      readonly kind: 'aligned';
      readonly sizeMs: number;
      readonly slideMs: number;
      readonly offsetMs: number;
    }
  | { readonly kind: 'none' }
  | { readonly kind: 'point'; readonly timeField: string };

class Bucket {
  readonly groups = new Map<unknown, Group>();
  constructor(
    readonly start: number,
    readonly end: number,
  ) {}
}

interface Group {
  readonly key: readonly unknown[];
  readonly acc: Accumulator;
  readonly bucket: Bucket;
  touched: number;
  created: number;
}

export class WindowStore implements SparkStore {
  private readonly buckets = new Map<number, Bucket>();
  private readonly key: GroupKey;
  private readonly keyFields: readonly string[];
  private readonly starts: number[] = [];
  private readonly isGlobal: boolean;
  private run: RunContext = { serial: 0, lateThreshold: null, trace: null };
  private touched: Group[] = [];
  private lateGroups = new Map<number, Set<unknown>>();
  size = 0;
  dropped = 0;
  droppedEvents = 0;

  constructor(
    private readonly bucketKind: BucketKind,
    private readonly groupBy: readonly string[],
    private readonly aggregates: Aggregates,
  ) {
    this.keyFields =
      bucketKind.kind === 'point' ? groupBy.filter((f) => f !== bucketKind.timeField) : groupBy;
    this.key = groupKey(this.keyFields);
    this.isGlobal = bucketKind.kind === 'none' && groupBy.length === 0;
  }

  beginRun(run: RunContext): void {
    this.run = run;
    this.touched = [];
    this.lateGroups = new Map();
    this.dropped = 0;
    this.droppedEvents = 0;
  }

  add(event: Event, ts: number | null, index: number): void {
    const b = this.bucketKind;
    const key = this.key.keyOf(event);
    let counted: boolean;
    if (b.kind === 'aligned') {
      if (ts === null) return;
      if (b.sizeMs === b.slideMs) {
        const start = ts - floorMod(ts - b.offsetMs, b.sizeMs);
        counted = this.addTo(start, start + b.sizeMs, b.sizeMs, b.offsetMs, key, event, index, ts);
      } else {
        const n = slidingWindowStarts(ts, b.sizeMs, b.slideMs, b.offsetMs, this.starts);
        counted = false;
        for (let i = 0; i < n; i++) {
          const start = this.starts[i] ?? 0;
          if (this.addTo(start, start + b.sizeMs, b.slideMs, b.offsetMs, key, event, index, ts)) {
            counted = true;
          }
        }
      }
    } else if (b.kind === 'none') {
      counted = this.addTo(0, 0, 1, 0, key, event, index, ts);
    } else {
      // A null time is a group of its own that no watermark reaches: `null <= watermark` is
      // not true in SQL, so Spark neither drops nor evicts it. NaN compares the same way.
      const t = ts ?? Number.NaN;
      counted = this.addTo(t, t, 1, 0, key, event, index, ts);
    }
    if (!counted) this.droppedEvents++;
  }

  /** Adds to the group (key, [start, end)); false when the group is late. */
  private addTo(
    start: number,
    end: number,
    slideMs: number,
    offsetMs: number,
    key: unknown,
    event: Event,
    index: number,
    ts: number | null,
  ): boolean {
    const { lateThreshold, trace, serial } = this.run;
    const bucketId = (start - offsetMs) / slideMs;
    if (lateThreshold !== null && this.bucketKind.kind !== 'none' && end <= lateThreshold) {
      let late = this.lateGroups.get(bucketId);
      if (late === undefined) this.lateGroups.set(bucketId, (late = new Set()));
      if (!late.has(key)) {
        late.add(key);
        this.dropped++;
      }
      if (trace !== null && ts !== null) {
        trace.late(index, ts, {
          group: this.refOf(start, end, this.key.valuesOf(event)),
          rule:
            this.bucketKind.kind === 'point'
              ? 'event_time <= watermark'
              : 'window_end <= watermark',
          bound: end,
          watermark: lateThreshold,
        });
      }
      return false;
    }
    let bucket = this.buckets.get(bucketId);
    if (bucket === undefined) this.buckets.set(bucketId, (bucket = new Bucket(start, end)));
    let group = bucket.groups.get(key);
    if (group === undefined) {
      group = {
        key: this.key.valuesOf(event),
        acc: this.aggregates.create(),
        bucket,
        touched: 0,
        created: serial,
      };
      bucket.groups.set(key, group);
      this.size++;
    }
    if (this.aggregates.isPlainCount) group.acc[0] = (group.acc[0] as number) + 1;
    else this.aggregates.add(group.acc, event);
    if (group.touched !== serial) {
      group.touched = serial;
      this.touched.push(group);
    }
    if (trace !== null) trace.counted(index, ts, this.refOf(start, end, group.key));
    return true;
  }

  endInput(): void {
    if (this.isGlobal) this.touchGlobal();
    const trace = this.run.trace;
    if (trace === null) return;
    for (const g of this.touched) {
      trace.window(
        g.created === this.run.serial ? 'created' : 'updated',
        this.groupRef(g),
        this.rowOf(g),
      );
    }
  }

  /**
   * An aggregation with no grouping key outputs its one row from every batch, even one whose
   * input was all filtered out (Spark's aggregate on empty input still yields the empty buffer).
   */
  private touchGlobal(): void {
    let bucket = this.buckets.get(0);
    if (bucket === undefined) this.buckets.set(0, (bucket = new Bucket(0, 0)));
    let group = bucket.groups.get('');
    if (group === undefined) {
      group = {
        key: [],
        acc: this.aggregates.create(),
        bucket,
        touched: 0,
        created: this.run.serial,
      };
      bucket.groups.set('', group);
      this.size++;
    }
    if (group.touched !== this.run.serial) {
      group.touched = this.run.serial;
      this.touched.push(group);
    }
  }

  emitUpdated(rows: Row[]): void {
    for (const g of this.touched) rows.push(this.rowOf(g));
  }

  emitAll(rows: Row[]): void {
    for (const bucket of this.buckets.values()) {
      for (const g of bucket.groups.values()) rows.push(this.rowOf(g));
    }
  }

  evict(threshold: number, rows: Row[] | null): void {
    if (this.bucketKind.kind === 'none') return;
    const trace = this.run.trace;
    for (const [id, bucket] of this.buckets) {
      if (!(bucket.end <= threshold)) continue;
      for (const g of bucket.groups.values()) {
        const row = rows === null && trace === null ? null : this.rowOf(g);
        if (row !== null) {
          rows?.push(row);
          trace?.window(rows === null ? 'evicted' : 'emitted', this.groupRef(g), row);
        }
      }
      this.size -= bucket.groups.size;
      this.buckets.delete(id);
    }
  }

  private refOf(start: number, end: number, key: readonly unknown[]): GroupRef {
    switch (this.bucketKind.kind) {
      case 'aligned':
        return { windowStart: start, windowEnd: end, key };
      case 'none':
        return { windowStart: null, windowEnd: null, key };
      case 'point':
        return { windowStart: null, windowEnd: null, key: this.pointKey(start, key) };
    }
  }

  private groupRef(g: Group): GroupRef {
    return this.refOf(g.bucket.start, g.bucket.end, g.key);
  }

  /** The groupBy values in query order, with the event time in the time field's place. */
  private pointKey(ts: number, key: readonly unknown[]): unknown[] {
    let k = 0;
    return this.groupBy.map((f) =>
      this.bucketKind.kind === 'point' && f === this.bucketKind.timeField
        ? Number.isNaN(ts)
          ? null
          : ts
        : key[k++],
    );
  }

  private rowOf(g: Group): Row {
    const row: Row = {};
    const b = this.bucketKind;
    if (b.kind === 'aligned') {
      row.window_start = g.bucket.start;
      row.window_end = g.bucket.end;
      this.keyFields.forEach((f, i) => (row[f] = g.key[i]));
    } else if (b.kind === 'none') {
      this.keyFields.forEach((f, i) => (row[f] = g.key[i]));
    } else {
      const values = this.pointKey(g.bucket.start, g.key);
      this.groupBy.forEach((f, i) => (row[f] = values[i]));
    }
    this.aggregates.writeResult(g.acc, row);
    return row;
  }

  toJSON(): unknown {
    return [...this.buckets.values()].map((b) => ({
      start: b.start,
      end: b.end,
      groups: [...b.groups.values()].map((g) => ({
        key: g.key,
        acc: this.aggregates.toJSON(g.acc),
      })),
    }));
  }

  restore(json: unknown): void {
    this.buckets.clear();
    this.size = 0;
    if (!Array.isArray(json)) throw new Error('window state must be a list of buckets');
    const b = this.bucketKind;
    for (const item of json as {
      start: number;
      end: number;
      groups: { key: unknown[]; acc: unknown[] }[];
    }[]) {
      const id = b.kind === 'aligned' ? (item.start - b.offsetMs) / b.slideMs : item.start;
      const bucket = new Bucket(item.start, item.end);
      for (const g of item.groups) {
        bucket.groups.set(keyOfValues(this.keyFields, g.key), {
          key: g.key,
          acc: this.aggregates.fromJSON(g.acc),
          bucket,
          touched: 0,
          created: 0,
        });
      }
      this.size += bucket.groups.size;
      this.buckets.set(id, bucket);
    }
  }
}
