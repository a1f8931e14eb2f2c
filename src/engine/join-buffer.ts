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

/** A row in the state with its join key (kept on the row: a Map keyed by rows is slow). */
export interface HeldRow extends StoredRow {
  key: unknown;
}

export class JoinBuffer {
  private readonly byKey = new Map<unknown, HeldRow[]>();
  /** Rows with an eviction time, a binary min-heap by (evictTime, id). */
  private heap: HeldRow[] = [];
  private count = 0;

  constructor(private readonly keyOf: (event: Event) => unknown) {}

  get size(): number {
    return this.count;
  }

  /** Buffers `row` (the object itself: its `matched` flag changes in place). */
  add(row: HeldRow | StoredRow, key: unknown = this.keyOf(row.event)): void {
    const held = row as HeldRow;
    held.key = key;
    const list = this.byKey.get(key);
    if (list === undefined) this.byKey.set(key, [held]);
    else list.push(held);
    this.count++;
    if (row.evictTime !== null) this.push(held);
  }

  /** The rows buffered under `key`, oldest first. */
  rowsOf(key: unknown): readonly HeldRow[] | undefined {
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
      this.count--;
      const list = this.byKey.get(top.key);
      if (list === undefined) continue;
      if (list.length === 1) {
        this.byKey.delete(top.key);
        continue;
      }
      const at = list.indexOf(top);
      if (at >= 0) list.splice(at, 1);
    }
  }

  /** Every buffered row, by id (the order rows came in). */
  rows(): StoredRow[] {
    const all: StoredRow[] = [];
    for (const list of this.byKey.values()) for (const r of list) all.push(r);
    return all.sort((a, b) => a.id - b.id);
  }

  /** The rows as plain JSON, without their keys (restore recomputes them). */
  toJSON(): StoredRow[] {
    return this.rows().map((r) => ({
      id: r.id,
      batch: r.batch,
      index: r.index,
      event: r.event,
      time: r.time,
      evictTime: r.evictTime,
      matched: r.matched,
    }));
  }

  restore(rows: readonly StoredRow[]): void {
    this.byKey.clear();
    this.heap = [];
    this.count = 0;
    for (const r of rows) this.add({ ...r });
  }

  private less(a: HeldRow, b: HeldRow): boolean {
    const ta = a.evictTime as number;
    const tb = b.evictTime as number;
    return ta < tb || (ta === tb && a.id < b.id);
  }

  private push(row: HeldRow): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(row);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as HeldRow;
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
      const c = r < n && this.less(heap[r] as HeldRow, heap[l] as HeldRow) ? r : l;
      const child = heap[c] as HeldRow;
      if (!this.less(child, last)) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = last;
  }
}
