// Flink's event-time timer service: a min-heap of (time, window) firing in time order when the
// watermark passes them. Deleting a timer is lazy: the window keeps the set of times it still
// wants, and a popped timer it no longer wants is skipped.

export interface TimerOwner {
  /** The times of this window's timers that are still registered (at most two: fire, cleanup). */
  readonly timers: number[];
}

interface Timer<W extends TimerOwner> {
  readonly time: number;
  readonly seq: number;
  readonly owner: W;
}

export class TimerQueue<W extends TimerOwner> {
  private readonly heap: Timer<W>[] = [];

  /** `seq` orders timers of equal time by registration, so a restored queue fires alike. */
  constructor(private seq = 0) {}

  get nextSeq(): number {
    return this.seq;
  }

  /** Live timers (still wanted by their window), for a snapshot. */
  live(): { time: number; seq: number; owner: W }[] {
    const seen = new Set<string>();
    return [...this.heap]
      .sort((a, b) => a.seq - b.seq)
      .filter((t) => {
        if (!t.owner.timers.includes(t.time)) return false;
        // A timer deleted and registered again leaves two heap entries: keep one.
        const id = `${String(this.ownerIds(t.owner))}:${String(t.time)}`;
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      });
  }

  private readonly ids = new Map<W, number>();
  private ownerIds(owner: W): number {
    let id = this.ids.get(owner);
    if (id === undefined) this.ids.set(owner, (id = this.ids.size));
    return id;
  }

  /** Puts back a timer from a snapshot with its original sequence number. */
  restoreTimer(owner: W, time: number, seq: number): void {
    owner.timers.push(time);
    this.push({ time, seq, owner });
  }

  /** Registers a timer; registering the same (window, time) twice keeps one, as Flink does. */
  register(owner: W, time: number): void {
    if (owner.timers.includes(time)) return;
    owner.timers.push(time);
    this.push({ time, seq: this.seq++, owner });
  }

  delete(owner: W, time: number): void {
    const at = owner.timers.indexOf(time);
    if (at !== -1) owner.timers.splice(at, 1);
  }

  /** Removes and returns the earliest live timer with time <= watermark, or null. */
  pollUpTo(watermark: number): { time: number; owner: W } | null {
    for (;;) {
      const top = this.heap[0];
      if (top === undefined || top.time > watermark) return null;
      this.pop();
      const at = top.owner.timers.indexOf(top.time);
      if (at === -1) continue;
      top.owner.timers.splice(at, 1);
      return top;
    }
  }

  get size(): number {
    return this.heap.length;
  }

  private less(a: Timer<W>, b: Timer<W>): boolean {
    return a.time < b.time || (a.time === b.time && a.seq < b.seq);
  }

  private push(t: Timer<W>): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent] as Timer<W>;
      if (!this.less(t, p)) break;
      h[i] = p;
      i = parent;
    }
    h[i] = t;
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop();
    if (last === undefined || h.length === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const child = r < h.length && this.less(h[r] as Timer<W>, h[l] as Timer<W>) ? r : l;
      const c = h[child] as Timer<W>;
      if (!this.less(c, last)) break;
      h[i] = c;
      i = child;
    }
    h[i] = last;
  }
}
