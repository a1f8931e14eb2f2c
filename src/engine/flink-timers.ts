// Flink's event-time timer service: timers fire in time order when the watermark passes them,
// equal times in registration order (`seq`). A min-heap (4 children a node, times and seqs side
// by side) holds one entry per run: `schedule`d timers for one time, as windows of many keys
// ending together are, follow their run's head in a linked list, so most timers join and leave
// in O(1). A new timer joins the run of the latest timer scheduled for its time while that one
// is pending and last in its run (found in `tails`, a small table by time); so runs of one time
// never interleave in seq, a run fires in order, and a follower can take its head's place in
// the heap without moving. Deleting a timer takes it out at once; entries that leave are kept
// for reuse.
//
// Two ways to keep track of an owner's timers: `register` / `delete` list them in
// `owner.timers` (lists are replaced, never changed in place, so owners without timers share
// one empty list); `schedule` / `cancel` hand the entry back for the owner to hold itself, as
// Flink mode's windows do with their fire and cleanup timers.

export interface TimerOwner {
  /** Timers added with `register` or `restoreTimer`, in registration order. */
  timers: readonly Timer<TimerOwner>[];
}

/** Shared by every owner without listed timers. */
export const NO_TIMERS: readonly Timer<TimerOwner>[] = [];

export interface Timer<W extends TimerOwner> {
  time: number;
  /** Registration order: breaks ties between equal times, and survives a snapshot. */
  seq: number;
  owner: W;
  /** Index in the heap of a run's head; FOLLOWER inside a run; OUT once not pending. */
  pos: number;
  /** The run's next and previous timers. */
  next: Timer<W> | null;
  prev: Timer<W> | null;
}

const OUT = -1;
const FOLLOWER = -2;

export class TimerQueue<W extends TimerOwner> {
  /** Run heads. */
  private readonly heap: Timer<W>[] = [];
  /** heap[i].time and heap[i].seq side by side, so ordering reads no entries. */
  private readonly times: number[] = [];
  private readonly seqs: number[] = [];
  private readonly spare: Timer<W>[] = [];
  /**
   * By `tailIndex(time)`: the latest timer `schedule` added for a time with that index. While it
   * is pending, last in its run and of the same time, a new timer for that time follows it.
   */
  private readonly tails: (Timer<W> | null)[] = new Array<Timer<W> | null>(TAILS).fill(null);
  private pending = 0;

  /** `seq` orders timers of equal time by registration, so a restored queue fires alike. */
  constructor(private seq = 0) {}

  get nextSeq(): number {
    return this.seq;
  }

  get size(): number {
    return this.pending;
  }

  /** Live timers in registration order, each (owner, time) once, for a snapshot. */
  live(): { time: number; seq: number; owner: W }[] {
    const all: Timer<W>[] = [];
    for (const head of this.heap) for (let t: Timer<W> | null = head; t; t = t.next) all.push(t);
    const seen = new Map<W, number[]>();
    return all
      .sort((a, b) => a.seq - b.seq)
      .filter((t) => {
        const times = seen.get(t.owner);
        if (times === undefined) seen.set(t.owner, [t.time]);
        else if (times.includes(t.time)) return false;
        else times.push(t.time);
        return true;
      })
      .map(({ time, seq, owner }) => ({ time, seq, owner }));
  }

  /** Adds a timer the caller keeps track of; take it back out with `cancel`. */
  schedule(owner: W, time: number): Timer<W> {
    const i = tailIndex(time);
    const tail = this.tails[i] as Timer<W> | null;
    const t = this.take(owner, time, this.seq++);
    // Pending and last in its run: no timer of this time came after it, so t's seq is above
    // every other pending timer of this time.
    if (tail !== null && tail.pos !== OUT && tail.next === null && tail.time === time) {
      tail.next = t;
      t.prev = tail;
      t.pos = FOLLOWER;
    } else this.push(t);
    this.tails[i] = t;
    return t;
  }

  /** Puts back a scheduled timer from a snapshot with its original sequence number. */
  reschedule(owner: W, time: number, seq: number): Timer<W> {
    const t = this.take(owner, time, seq);
    this.push(t);
    // Its seq may fall anywhere: no timer scheduled later may join a run from before it.
    this.tails.fill(null);
    return t;
  }

  /** Takes a pending timer out. */
  cancel(t: Timer<W>): void {
    this.remove(t);
    this.free(t);
  }

  /** Puts back a listed timer from a snapshot with its original sequence number. */
  restoreTimer(owner: W, time: number, seq: number): void {
    const t = this.reschedule(owner, time, seq);
    owner.timers = owner.timers.concat(t);
  }

  /** Registers a listed timer; the same (owner, time) twice keeps one, as Flink does. */
  register(owner: W, time: number): void {
    if (owner.timers.some((t) => t.time === time)) return;
    const t = this.reschedule(owner, time, this.seq++);
    owner.timers = owner.timers.concat(t);
  }

  /** Deletes the owner's listed timer at `time`, if any. */
  delete(owner: W, time: number): void {
    const t = owner.timers.find((x) => x.time === time) as Timer<W> | undefined;
    if (t === undefined) return;
    unlink(t);
    this.cancel(t);
  }

  /** Deletes every listed timer of `owner`. */
  deleteAll(owner: W): void {
    const own = owner.timers as readonly Timer<W>[];
    if (own.length === 0) return;
    owner.timers = NO_TIMERS;
    for (const t of own) this.cancel(t);
  }

  /**
   * Removes and returns the earliest timer with time <= watermark, or null. The caller may hand
   * it back with `free` once it has read it.
   */
  pollUpTo(watermark: number): Timer<W> | null {
    const top = this.heap[0];
    if (top === undefined || top.time > watermark) return null;
    this.pop();
    return top;
  }

  /** The earliest timer, left in place. */
  peek(): Timer<W> | undefined {
    return this.heap[0];
  }

  /** Removes the earliest timer (there must be one); `free` it once read. */
  pop(): void {
    const top = this.heap[0] as Timer<W>;
    this.remove(top);
    if (top.owner.timers.length !== 0) unlink(top);
  }

  /** Takes back a timer no longer pending, for reuse. */
  free(t: Timer<W>): void {
    if (t.pos !== OUT) return;
    this.spare.push(t);
  }

  private take(owner: W, time: number, seq: number): Timer<W> {
    this.pending++;
    const t = this.spare.pop();
    if (t === undefined) return { time, seq, owner, pos: OUT, next: null, prev: null };
    t.time = time;
    t.seq = seq;
    t.owner = owner;
    return t;
  }

  private push(t: Timer<W>): void {
    const i = this.heap.length;
    this.heap.push(t);
    this.times.push(t.time);
    this.seqs.push(t.seq);
    this.up(t, i);
  }

  /** Takes t out of its run, or out of the heap (its follower, if any, taking its place). */
  private remove(t: Timer<W>): void {
    this.pending--;
    const { next, prev } = t;
    t.next = null;
    t.prev = null;
    if (t.pos === FOLLOWER) {
      (prev as Timer<W>).next = next;
      if (next !== null) next.prev = prev;
    } else if (next !== null) {
      next.prev = null;
      this.place(next, t.pos);
    } else this.removeAt(t.pos);
    t.pos = OUT;
  }

  private removeAt(i: number): void {
    const h = this.heap;
    const last = h.pop() as Timer<W>;
    this.times.pop();
    this.seqs.pop();
    if (i === h.length) return;
    const parent = (i - 1) >> 2;
    if (i > 0 && before(last.time, last.seq, this.times[parent], this.seqs[parent])) {
      this.up(last, i);
    } else this.down(last, i);
  }

  /** Puts t at index i and records it there. */
  private place(t: Timer<W>, i: number): void {
    this.heap[i] = t;
    this.times[i] = t.time;
    this.seqs[i] = t.seq;
    t.pos = i;
  }

  /** Places t at or above index i. */
  private up(t: Timer<W>, i: number): void {
    const { heap, times, seqs } = this;
    const { time, seq } = t;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      if (!before(time, seq, times[parent], seqs[parent])) break;
      this.place(heap[parent] as Timer<W>, i);
      i = parent;
    }
    this.place(t, i);
  }

  /** Places t at or below index i. */
  private down(t: Timer<W>, i: number): void {
    const { heap, times, seqs } = this;
    const { time, seq } = t;
    const n = heap.length;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      let least = first;
      const end = Math.min(first + 4, n);
      for (let c = first + 1; c < end; c++) {
        if (before(times[c], seqs[c], times[least], seqs[least])) least = c;
      }
      if (!before(times[least], seqs[least], time, seq)) break;
      this.place(heap[least] as Timer<W>, i);
      i = least;
    }
    this.place(t, i);
  }
}

/** Size of `TimerQueue.tails` (a power of two). */
const TAILS = 64;

/**
 * A time's place in `tails`: its low 32 bits, mixed (window ends are often multiples of a round
 * number, which the low bits alone would crowd into one place).
 */
function tailIndex(time: number): number {
  return Math.imul(time | 0, 0x9e3779b1) >>> 26;
}

/** Takes t off its owner's list, if it is there. */
function unlink(t: Timer<TimerOwner>): void {
  const own = t.owner.timers;
  if (own.length === 1 && own[0] === t) t.owner.timers = NO_TIMERS;
  else if (own.includes(t)) t.owner.timers = own.filter((x) => x !== t);
}

/** Whether (time a, seq a) fires before (time b, seq b). */
function before(
  aTime: number | undefined,
  aSeq: number | undefined,
  bTime: number | undefined,
  bSeq: number | undefined,
): boolean {
  const at = aTime as number;
  const bt = bTime as number;
  return at < bt || (at === bt && (aSeq as number) < (bSeq as number));
}
