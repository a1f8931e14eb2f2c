// The window store's groups, in time buckets: created on first use, evicted a bucket at a time,
// and read and written as the snapshot's plain JSON.
import { accumulatorOf, type Accumulator, type Aggregates } from './aggregate';
import { keyOfValues, type GroupKey } from './group-key';
import { Bucket, keyValues, type Group } from './spark-window-rows';
import type { Event } from './types';

export class WindowState {
  /** By bucket id, in creation order: the order of emitAll, eviction and snapshots. */
  readonly buckets = new Map<number, Bucket>();
  /** Groups in state. */
  size = 0;
  private readonly scratch: Accumulator = [0];

  constructor(
    private readonly key: GroupKey,
    private readonly aggregates: Aggregates,
    private readonly singleField: boolean,
  ) {}

  bucketAt(id: number, start: number, end: number): Bucket {
    let bucket = this.buckets.get(id);
    if (bucket === undefined) this.buckets.set(id, (bucket = new Bucket(start, end)));
    return bucket;
  }

  /**
   * The key's group in the bucket, created on first use by this event in run `serial`. A new
   * group takes `values` as its key when they are exactly the event's (sharing one array).
   */
  groupIn(
    bucket: Bucket,
    mapKey: unknown,
    event: Event,
    serial: number,
    values: readonly unknown[] | null,
  ): Group {
    return bucket.groups.get(mapKey) ?? this.createIn(bucket, mapKey, event, serial, values);
  }

  /** groupIn for a key the bucket does not hold yet (the caller has just looked). */
  createIn(
    bucket: Bucket,
    mapKey: unknown,
    event: Event,
    serial: number,
    values: readonly unknown[] | null,
  ): Group {
    // A one-field key keeps its value in the group and makes no array (see keyValues);
    // several fields share `values` when the event's are exactly those.
    let key: readonly unknown[] | null = null;
    if (!this.singleField) {
      key =
        values !== null && this.key.sameValues(event, values) ? values : this.key.valuesOf(event);
    }
    // What an event reads first, first (the same order as in restore: one hidden class), so
    // the fields an event touches usually share a cache line with the object's header.
    const group: Group = {
      acc: this.aggregates.newAcc(),
      count: 0,
      touched: 0,
      bucket,
      newer: undefined,
      first: key === null ? this.key.firstOf(event) : key[0],
      key,
      created: serial,
    };
    bucket.groups.set(mapKey, group);
    this.size++;
    return group;
  }

  delete(id: number, bucket: Bucket): void {
    this.size -= bucket.groups.size;
    this.buckets.delete(id);
  }

  toJSON(): unknown {
    return [...this.buckets.values()].map((b) => ({
      start: b.start,
      end: b.end,
      groups: [...b.groups.values()].map((g) => ({
        key: keyValues(g),
        acc: this.aggregates.toJSON(accumulatorOf(g, this.scratch)),
      })),
    }));
  }

  /** Replaces the state; `idOf` gives a bucket's id from its start. */
  restore(json: unknown, keyFields: readonly string[], idOf: (start: number) => number): void {
    this.buckets.clear();
    this.size = 0;
    if (!Array.isArray(json)) throw new Error('window state must be a list of buckets');
    for (const item of json as {
      start: number | null;
      end: number | null;
      groups: { key: unknown[]; acc: unknown[] }[];
    }[]) {
      // JSON writes NaN as null: the bounds of the null-time group (grouping on raw time).
      const start = item.start ?? Number.NaN;
      const bucket = new Bucket(start, item.end ?? Number.NaN);
      for (const g of item.groups) {
        const mapKey = keyOfValues(keyFields, g.key);
        const acc = this.aggregates.fromJSON(g.acc);
        const plain = this.aggregates.isPlainCount;
        const group: Group = {
          acc: plain ? null : acc,
          count: plain ? (acc[0] as number) : 0,
          touched: 0,
          bucket,
          newer: undefined,
          first: g.key[0],
          key: g.key,
          created: 0,
        };
        bucket.groups.set(mapKey, group);
      }
      this.size += bucket.groups.size;
      this.buckets.set(idOf(start), bucket);
    }
  }
}
