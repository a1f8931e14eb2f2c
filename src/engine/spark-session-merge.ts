// Merging one key's new events with its stored sessions (Spark's MergingSessionsExec): every
// event is a session [ts, ts + gap); sessions that overlap or touch join. Stored sessions sort
// before new events that start at the same time, and accumulators fold in that order. A stored
// session that a merge grows is updated in place (its accumulator already was).
import type { Accumulator, Aggregates } from './aggregate';
import type { EndHeap } from './end-heap';
import type { Event } from './types';

export interface Session {
  /** Both bounds grow when new events extend the session. */
  start: number;
  end: number;
  readonly acc: Accumulator;
  readonly owner: KeyState;
  /** False once merged into another session or evicted (the end heap skips it then). */
  live: boolean;
  /** The run that last created or grew it. */
  touched: number;
}

export interface KeyState {
  readonly mapKey: unknown;
  readonly key: readonly unknown[];
  /** Sorted by start; in an engine's own state each starts after the previous one's end. */
  sessions: Session[];
  /** sessions' last element, kept beside it so the common event reads one object less. */
  last: Session | undefined;
  /** Order of insertion into the store's Map, which eviction follows. */
  readonly seq: number;
  /** The last run that had new events for the key. */
  pendingRun: number;
  /** This run's new events of the key: first and last index into PendingEvents, or -1. */
  firstPending: number;
  lastPending: number;
  /** The eviction pass that last found a session of this key to evict. */
  evictMark: number;
}

/**
 * A run's new events in input order, chained per key, in columns: no object per event, and the
 * columns keep their capacity from run to run.
 */
export class PendingEvents {
  count = 0;
  readonly start: number[] = [];
  readonly end: number[] = [];
  readonly event: (Event | undefined)[] = [];
  readonly index: number[] = [];
  readonly next: number[] = [];

  push(ks: KeyState, start: number, end: number, event: Event, index: number): void {
    const at = this.count++;
    this.start[at] = start;
    this.end[at] = end;
    this.event[at] = event;
    this.index[at] = index;
    this.next[at] = -1;
    if (ks.lastPending < 0) ks.firstPending = at;
    else this.next[ks.lastPending] = at;
    ks.lastPending = at;
  }

  /** Forgets the run's events, letting go of them. */
  clear(): void {
    this.event.fill(undefined, 0, this.count);
    this.count = 0;
  }
}

/** Told of each session a merge creates or grows, with what it was made of (scratch lists). */
export interface SessionSink {
  /**
   * `storedBounds` holds the start and end each stored session in it had, in pairs; `fresh`
   * the new events' PendingEvents indices.
   */
  merged(
    ks: KeyState,
    session: Session,
    storedBounds: readonly number[],
    fresh: readonly number[],
  ): void;
}

export class SessionMerge {
  /** Whether every key's sessions are sorted and apart (false after restoring a state that is not). */
  canonical = true;
  private readonly order: number[] = [];
  private readonly out: Session[] = [];
  /** The current run of joining parts: its bounds, accumulator and parts. */
  private runStart = 0;
  private runEnd = 0;
  private acc: Accumulator | null = null;
  /** The stored session the run opened with (it grows in place), or null. */
  private runFirst: Session | null = null;
  private readonly runStored: Session[] = [];
  private readonly runBounds: number[] = [];
  private readonly runFresh: number[] = [];

  constructor(
    private readonly aggregates: Aggregates,
    private readonly pending: PendingEvents,
    private readonly ends: EndHeap<Session>,
    private readonly sink: SessionSink,
  ) {}

  /**
   * Merges the key's pending events into its sessions in run `serial`; returns how many
   * sessions it gained.
   */
  merge(ks: KeyState, serial: number): number {
    const order = this.sortedPending(ks);
    const { start, end } = this.pending;
    const stored = this.canonical ? ks.sessions : stableByStart(ks.sessions);
    // In canonical state ends increase too, so sessions ending before the first new event
    // cannot join anything: start from the first that reaches it.
    let lo = 0;
    if (this.canonical) {
      const first = start[order[0] as number] as number;
      lo = stored.length;
      while (lo > 0 && (stored[lo - 1] as Session).end >= first) lo--;
    }
    this.out.length = 0;
    let open = false;
    let i = lo;
    let j = 0;
    while (i < stored.length || j < order.length) {
      const s = stored[i];
      const e = order[j] ?? -1;
      const takeStored = s !== undefined && (e < 0 || s.start <= (start[e] as number));
      const partStart = takeStored ? s.start : (start[e] as number);
      const partEnd = takeStored ? s.end : (end[e] as number);
      if (open && partStart <= this.runEnd) {
        if (partEnd > this.runEnd) this.runEnd = partEnd;
      } else {
        if (open) this.close(ks, serial);
        open = false;
        // No new event left and nothing open: the remaining stored sessions stay as they are.
        if (takeStored && j >= order.length && this.canonical) break;
        open = true;
        this.openRun(partStart, partEnd, takeStored ? s : null);
      }
      if (takeStored) {
        this.takeStored(s);
        i++;
      } else {
        this.takeFresh(e);
        j++;
      }
    }
    if (open) this.close(ks, serial);
    const before = ks.sessions.length;
    if (this.canonical) replaceRange(ks.sessions, lo, i, this.out);
    else ks.sessions = [...this.out];
    ks.last = ks.sessions[ks.sessions.length - 1];
    this.runFirst = null;
    this.runStored.length = 0;
    this.acc = null;
    return ks.sessions.length - before;
  }

  /** The key's pending indices by start; equal starts keep input order (a stable sort). */
  private sortedPending(ks: KeyState): number[] {
    const { start, next } = this.pending;
    const order = this.order;
    order.length = 0;
    let sorted = true;
    let previous = Number.NEGATIVE_INFINITY;
    for (let at = ks.firstPending; at >= 0; at = next[at] as number) {
      const s = start[at] as number;
      if (s < previous) sorted = false;
      previous = s;
      order.push(at);
    }
    if (!sorted) order.sort((a, b) => (start[a] as number) - (start[b] as number) || a - b);
    return order;
  }

  private openRun(start: number, end: number, first: Session | null): void {
    this.runStart = start;
    this.runEnd = end;
    this.runFirst = first;
    this.acc = null;
    this.runStored.length = 0;
    this.runBounds.length = 0;
    this.runFresh.length = 0;
  }

  private takeStored(s: Session): void {
    this.runStored.push(s);
    this.runBounds.push(s.start, s.end);
    if (this.acc === null) this.acc = s.acc;
    else this.aggregates.merge(this.acc, s.acc);
  }

  private takeFresh(at: number): void {
    this.runFresh.push(at);
    const acc = (this.acc ??= this.aggregates.create());
    if (this.aggregates.isPlainCount) acc[0] = (acc[0] as number) + 1;
    else this.aggregates.add(acc, this.pending.event[at] as Event);
  }

  /**
   * A lone stored session stays as it is; a run that opened with a stored session grows it
   * (the accumulators were folded into its own); a run that opened with a new event is a new
   * session. Stored sessions it swallowed are dead.
   */
  private close(ks: KeyState, serial: number): void {
    const first = this.runFirst;
    if (first !== null && this.runFresh.length === 0 && this.runStored.length === 1) {
      this.out.push(first);
      return;
    }
    let session: Session;
    if (first !== null) {
      // Its heap entry stays: an end that grew is caught when popped.
      first.end = this.runEnd;
      session = first;
    } else {
      session = {
        start: this.runStart,
        end: this.runEnd,
        acc: this.acc ?? this.aggregates.create(),
        owner: ks,
        live: true,
        touched: serial,
      };
      this.ends.push(session, session.end);
    }
    session.touched = serial;
    for (const s of this.runStored) if (s !== session) s.live = false;
    this.out.push(session);
    this.sink.merged(ks, session, this.runBounds, this.runFresh);
  }
}

function stableByStart(sessions: readonly Session[]): Session[] {
  return [...sessions].sort((a, b) => a.start - b.start);
}

/** list[lo, hi) := items, in place. */
function replaceRange<T>(list: T[], lo: number, hi: number, items: readonly T[]): void {
  if (hi - lo === items.length) {
    for (let k = 0; k < items.length; k++) list[lo + k] = items[k] as T;
  } else {
    list.splice(lo, hi - lo, ...items);
  }
}
