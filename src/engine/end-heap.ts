// A binary min-heap of items by an end time given when each is pushed. EndBuckets
// (end-buckets.ts) keeps its bucket numbers in one, least first. Nothing is removed from the
// middle: a caller that keeps dead items skips them when popped.

export class EndHeap<T> {
  private ends: number[] = [];
  private items: T[] = [];

  get length(): number {
    return this.items.length;
  }

  push(item: T, end: number): void {
    const { ends, items } = this;
    let i = items.length;
    ends.push(end);
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentEnd = ends[parent] as number;
      if (parentEnd <= end) break;
      ends[i] = parentEnd;
      items[i] = items[parent] as T;
      i = parent;
    }
    ends[i] = end;
    items[i] = item;
  }

  /** The least end pushed (Infinity when empty). */
  topEnd(): number {
    return this.ends[0] ?? Number.POSITIVE_INFINITY;
  }

  /** Removes the item with the least end; the heap must not be empty. */
  pop(): T {
    const { ends, items } = this;
    const top = items[0] as T;
    const lastEnd = ends.pop() as number;
    const last = items.pop() as T;
    const n = items.length;
    if (n === 0) return top;
    // Sift the last item down from the root.
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && (ends[child + 1] as number) < (ends[child] as number)) child++;
      const childEnd = ends[child] as number;
      if (lastEnd <= childEnd) break;
      ends[i] = childEnd;
      items[i] = items[child] as T;
      i = child;
    }
    ends[i] = lastEnd;
    items[i] = last;
    return top;
  }

  /** Replaces the contents. */
  reset(items: readonly T[], endOf: (item: T) => number): void {
    this.ends = [];
    this.items = [];
    for (const item of items) this.push(item, endOf(item));
  }
}
