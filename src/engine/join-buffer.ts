// One side's join state (Spark's SymmetricHashJoinStateManager): buffered rows by join key, in
// arrival order, each with its `matched` flag, and a heap by eviction time so that evicting
// `time <= state watermark` touches only the rows that leave.
import type { Event } from './types';

export interface StoredRow {
  readonly id: number;
  readonly batch: number;
  readonly index: number;
  readonly event: Event;
  readonly time: number;
  /** The time eviction compares: the event time, or the key's time with a key watermark; null: never. */
  readonly evictTime: number | null;
  matched: boolean;
}

export class JoinBuffer {
  private readonly byKey = new Map<unknown, StoredRow[]>();
  private readonly keys = new Map<StoredRow, unknown>();
  /** Rows with an eviction time, a binary min-heap by (evictTime, id). */
  private heap: StoredRow[] = [];

  constructor(private readonly keyOf: (event: Event) => unknown) {}

  get size(): number {
    return this.keys.size;
  }

  add(row: StoredRow, key: unknown = this.keyOf(row.event)): void {
    const list = this.byKey.get(key);
    if (list === undefined) this.byKey.set(key, [row]);
    else list.push(row);
    this.keys.set(row, key);
    if (row.evictTime !== null) this.push(row);
  }

  /** The rows buffered under `key`, oldest first. */
  rowsOf(key: unknown): readonly StoredRow[] | undefined {
    return this.byKey.get(key);
  }

  /** Removes every row with `evictTime <= threshold`, in (evictTime, id) order, into `out`. */
  evict(threshold: number, out: StoredRow[]): void {
    const heap = this.heap;
    for (;;) {
      const top = heap[0];
      if (top === undefined || (top.evictTime as number) > threshold) return;
      this.pop();
      out.push(top);
      const key = this.keys.get(top);
      this.keys.delete(top);
      const list = this.byKey.get(key);
      if (list === undefined) continue;
      const at = list.indexOf(top);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0) this.byKey.delete(key);
    }
  }

  /** Every buffered row, by id (the order rows came in). */
  rows(): StoredRow[] {
    return [...this.keys.keys()].sort((a, b) => a.id - b.id);
  }

  toJSON(): StoredRow[] {
    return this.rows().map((r) => ({ ...r }));
  }

  restore(rows: readonly StoredRow[]): void {
    this.byKey.clear();
    this.keys.clear();
    this.heap = [];
    for (const r of rows) this.add({ ...r });
  }

  private less(a: StoredRow, b: StoredRow): boolean {
    const ta = a.evictTime as number;
    const tb = b.evictTime as number;
    return ta < tb || (ta === tb && a.id < b.id);
  }

  private push(row: StoredRow): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(row);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as StoredRow;
      if (!this.less(row, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = row;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (last === undefined || heap.length === 0) return;
    let i = 0;
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.less(heap[r] as StoredRow, heap[l] as StoredRow) ? r : l;
      const child = heap[c] as StoredRow;
      if (!this.less(child, last)) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = last;
  }
}
