// A binary min-heap of items by an end time given when each is pushed, ties broken by a second
// number (`seq`, 0 unless given). EndBuckets (end-buckets.ts) keeps its bucket numbers in one;
// the Flink session count store (flink-session-counts.ts) its sessions by (timer time, seq).
// Nothing is removed from the middle: a caller that keeps dead items skips them when popped.

export class EndHeap<T> {
  private ends: number[] = [];
  private seqs: number[] = [];
  private items: T[] = [];

  get length(): number {
    return this.items.length;
  }

  push(item: T, end: number, seq = 0): void {
    const { ends, seqs, items } = this;
    let i = items.length;
    ends.push(end);
    seqs.push(seq);
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentEnd = ends[parent] as number;
      const parentSeq = seqs[parent] as number;
      if (parentEnd < end || (parentEnd === end && parentSeq <= seq)) break;
      ends[i] = parentEnd;
      seqs[i] = parentSeq;
      items[i] = items[parent] as T;
      i = parent;
    }
    ends[i] = end;
    seqs[i] = seq;
    items[i] = item;
  }

  /** The least end pushed (Infinity when empty). */
  topEnd(): number {
    return this.ends[0] ?? Number.POSITIVE_INFINITY;
  }

  /** The seq of the least entry (undefined when empty). */
  topSeq(): number | undefined {
    return this.seqs[0];
  }

  /** Removes the least entry; the heap must not be empty. */
  pop(): T {
    const { ends, seqs, items } = this;
    const top = items[0] as T;
    const lastEnd = ends.pop() as number;
    const lastSeq = seqs.pop() as number;
    const last = items.pop() as T;
    const n = items.length;
    if (n === 0) return top;
    // Sift the last entry down from the root.
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.before(child + 1, child)) child++;
      const childEnd = ends[child] as number;
      const childSeq = seqs[child] as number;
      if (lastEnd < childEnd || (lastEnd === childEnd && lastSeq <= childSeq)) break;
      ends[i] = childEnd;
      seqs[i] = childSeq;
      items[i] = items[child] as T;
      i = child;
    }
    ends[i] = lastEnd;
    seqs[i] = lastSeq;
    items[i] = last;
    return top;
  }

  /** Replaces the contents (seq 0 each). */
  reset(items: readonly T[], endOf: (item: T) => number): void {
    this.ends = [];
    this.seqs = [];
    this.items = [];
    for (const item of items) this.push(item, endOf(item));
  }

  private before(a: number, b: number): boolean {
    const ea = this.ends[a] as number;
    const eb = this.ends[b] as number;
    return ea < eb || (ea === eb && (this.seqs[a] as number) < (this.seqs[b] as number));
  }
}
