// Items by an end time given when each is pushed, for taking out every item with end <= a
// threshold (the session state's eviction, as the watermark moves). Ends go in buckets of one
// second: a push appends to its bucket, and only the buckets' numbers sit in a heap, so a
// steady stream (many sessions ending in each second) pushes and takes in O(1) where a heap of
// the items themselves costs O(log n) each. Ends spread thin cost what that heap did.
// Nothing is removed from the middle: the caller skips dead items and re-pushes one whose end
// has grown since it was pushed.
import { EndHeap } from './end-heap';

interface Bucket<T> {
  readonly items: T[];
  readonly ends: number[];
}

const WIDTH_MS = 1000;
/** At most this many emptied buckets are kept for reuse. */
const SPARE_BUCKETS = 256;

export class EndBuckets<T> {
  private readonly byNumber = new Map<number, Bucket<T>>();
  /** The buckets' numbers (each once), least first. */
  private readonly numbers = new EndHeap<number>();
  private readonly spare: Bucket<T>[] = [];
  private count = 0;

  /** Items pushed and not taken out, dead ones included. */
  get length(): number {
    return this.count;
  }

  push(item: T, end: number): void {
    const n = bucketOf(end);
    let bucket = this.byNumber.get(n);
    if (bucket === undefined) {
      bucket = this.spare.pop() ?? { items: [], ends: [] };
      this.byNumber.set(n, bucket);
      this.numbers.push(n, n);
    }
    bucket.items.push(item);
    bucket.ends.push(end);
    this.count++;
  }

  /**
   * Takes out every item pushed with an end <= threshold and hands each to `take`, in no
   * particular order; `take` may push again (an end above the threshold lands after it).
   */
  takeUpTo(threshold: number, take: (item: T) => void): void {
    const last = bucketOf(threshold);
    const numbers = this.numbers;
    while (numbers.length > 0 && numbers.topEnd() <= last) {
      const n = numbers.pop();
      const bucket = this.byNumber.get(n) as Bucket<T>;
      this.byNumber.delete(n);
      const { items, ends } = bucket;
      this.count -= items.length;
      if (n < last) {
        for (const item of items) take(item);
      } else {
        // The threshold's own bucket: what ends after it goes back in (a fresh bucket).
        for (let i = 0; i < items.length; i++) {
          const end = ends[i] as number;
          if (end > threshold) this.push(items[i] as T, end);
          else take(items[i] as T);
        }
      }
      items.length = 0;
      ends.length = 0;
      if (this.spare.length < SPARE_BUCKETS) this.spare.push(bucket);
      // Past the threshold's bucket, which may have been made again just now.
      if (n === last) break;
    }
  }

  /** Replaces the contents. */
  reset(items: Iterable<T>, endOf: (item: T) => number): void {
    this.byNumber.clear();
    this.numbers.reset([], (n) => n);
    this.count = 0;
    for (const item of items) this.push(item, endOf(item));
  }
}

/** An end's bucket (±∞ for ±∞); NaN, which no threshold reaches, shares +∞'s. */
function bucketOf(end: number): number {
  const n = Math.floor(end / WIDTH_MS);
  return Number.isNaN(n) ? Infinity : n;
}
