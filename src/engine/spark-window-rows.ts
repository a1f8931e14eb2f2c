// The window store's records (buckets of groups) and how a group reads out: its output row and
// the GroupRef the trace names it by.
import { accumulatorOf, type Accumulator, type Aggregates, type Counted } from './aggregate';
import type { RowBuilder } from './row-builder';
import type { GroupRef } from './trace';
import type { Row } from './types';

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

export class Bucket {
  /** By grouping key, in creation order: the order of emitAll, eviction and snapshots. */
  readonly groups = new Map<unknown, Group>();
  constructor(
    readonly start: number,
    readonly end: number,
  ) {}
}

/** acc null: a plain count(*) in `count`, read once per event instead of an array's slot. */
export interface Group extends Counted {
  /**
   * The grouping values of the event that created the group, or null for a new group of a
   * one-field key: `first` holds its value and keyValues makes the array when one is needed.
   */
  readonly key: readonly unknown[] | null;
  /** The first grouping value, in the group so a row of a one-field key reads no array. */
  readonly first: unknown;
  readonly bucket: Bucket;
  touched: number;
  created: number;
  /**
   * Sliding windows: the same key's group in the window one slide later, once an event has
   * been in both (a hint, checked by its bucket). It points forward, so groups still in state
   * never keep evicted ones alive.
   */
  newer: Group | undefined;
}

export function keyValues(g: Group): readonly unknown[] {
  return g.key ?? [g.first];
}

export class WindowRows {
  private readonly scratch: Accumulator = [0];
  /** The grouping fields other than the raw time column (which `point` buckets hold). */
  readonly keyFields: readonly string[];
  /** Aligned and `none` rows in one literal (row-builder.ts); null for `point`. */
  private readonly build: RowBuilder | null;

  constructor(
    private readonly bucketKind: BucketKind,
    private readonly groupBy: readonly string[],
    private readonly aggregates: Aggregates,
  ) {
    this.keyFields =
      bucketKind.kind === 'point' ? groupBy.filter((f) => f !== bucketKind.timeField) : groupBy;
    this.build =
      bucketKind.kind === 'point'
        ? null
        : aggregates.rowBuilder({
            window: bucketKind.kind === 'aligned',
            keyFields: this.keyFields,
            singleKey: this.keyFields.length === 1,
          });
  }

  refOf(start: number, end: number, key: readonly unknown[]): GroupRef {
    switch (this.bucketKind.kind) {
      case 'aligned':
        return { windowStart: start, windowEnd: end, key };
      case 'none':
        return { windowStart: null, windowEnd: null, key };
      case 'point':
        return { windowStart: null, windowEnd: null, key: this.pointKey(start, key) };
    }
  }

  groupRef(g: Group): GroupRef {
    return this.refOf(g.bucket.start, g.bucket.end, keyValues(g));
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

  /** Window bounds (aligned), grouping values in query order, aggregates, derived columns. */
  rowOf(g: Group): Row {
    const acc = accumulatorOf(g, this.scratch);
    const bucket = g.bucket;
    if (this.build !== null) return this.build(bucket.start, bucket.end, g.first, g.key, acc);
    const row: Row = {};
    const values = this.pointKey(bucket.start, keyValues(g));
    const fields = this.groupBy;
    for (let i = 0; i < fields.length; i++) row[fields[i] as string] = values[i];
    this.aggregates.writeResult(acc, row);
    return row;
  }
}
