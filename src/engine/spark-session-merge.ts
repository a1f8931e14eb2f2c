// Merging one key's new events with its stored sessions (Spark's MergingSessionsExec): every
// event is a session [ts, ts + gap); sessions that overlap or touch join. Stored sessions sort
// before new events that start at the same time, and accumulators fold in that order. A stored
// session that a merge grows is updated in place (its accumulator already was).
import type { Aggregates, Counted } from './aggregate';
import type { SessionState } from './spark-session-state';
import type { Event } from './types';

/** acc null: a plain count(*), in `count`. */
export interface Session extends Counted {
  /** Both bounds grow when new events extend the session. */
  start: number;
  end: number;
  readonly owner: KeyState;
  /** False once merged into another session or evicted (eviction skips its entry by end then). */
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
  private readonly order: number[] = [];
  private readonly out: Session[] = [];
  /**
   * The current run of joining parts: its end, the session it folds into (the stored session
   * it opened with, grown in place, or a new one when it opened with a new event) and parts.
   */
  private runEnd = 0;
  private target: Session | null = null;
  private targetIsNew = false;
  private readonly runStored: Session[] = [];
  private readonly runBounds: number[] = [];
  private readonly runFresh: number[] = [];

  constructor(
    private readonly aggregates: Aggregates,
    private readonly pending: PendingEvents,
    private readonly state: SessionState,
    private readonly sink: SessionSink,
  ) {}

  /**
   * Merges the key's pending events into its sessions in run `serial`; returns how many
   * sessions it gained.
   */
  merge(ks: KeyState, serial: number): number {
    const order = this.sortedPending(ks);
    const { start, end } = this.pending;
    const stored = this.state.canonical ? ks.sessions : stableByStart(ks.sessions);
    // In canonical state ends increase too, so sessions ending before the first new event
    // cannot join anything: start from the first that reaches it.
    let lo = 0;
    if (this.state.canonical) {
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
        if (takeStored && j >= order.length && this.state.canonical) break;
        open = true;
        this.openRun(ks, partStart, partEnd, takeStored ? s : null);
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
    if (this.state.canonical) replaceRange(ks.sessions, lo, i, this.out);
    else ks.sessions = [...this.out];
    ks.last = ks.sessions[ks.sessions.length - 1];
    this.target = null;
    this.runStored.length = 0;
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

  private openRun(ks: KeyState, start: number, end: number, first: Session | null): void {
    this.runEnd = end;
    this.runStored.length = 0;
    this.runBounds.length = 0;
    this.runFresh.length = 0;
    this.targetIsNew = first === null;
    this.target = first ?? {
      start,
      end,
      acc: this.aggregates.newAcc(),
      count: 0,
      owner: ks,
      live: true,
      touched: 0,
    };
  }

  private takeStored(s: Session): void {
    this.runStored.push(s);
    this.runBounds.push(s.start, s.end);
    const target = this.target as Session;
    if (s !== target) this.aggregates.foldInto(target, s);
  }

  private takeFresh(at: number): void {
    this.runFresh.push(at);
    this.aggregates.fold(this.target as Session, this.pending.event[at] as Event);
  }

  /** A lone stored session stays as it is; otherwise the target takes the run's end. */
  private close(ks: KeyState, serial: number): void {
    const target = this.target as Session;
    if (!this.targetIsNew && this.runFresh.length === 0 && this.runStored.length === 1) {
      this.out.push(target);
      return;
    }
    target.end = this.runEnd;
    // A grown session keeps its entry by end: an end that grew is caught when taken out.
    if (this.targetIsNew) this.state.ends.push(target, target.end);
    target.touched = serial;
    for (const s of this.runStored) if (s !== target) s.live = false;
    this.out.push(target);
    this.sink.merged(ks, target, this.runBounds, this.runFresh);
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
