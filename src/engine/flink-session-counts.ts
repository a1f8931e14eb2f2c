// Flink mode's count store (flink-count-store.ts) for session windows with a fixed gap: per key
// its sessions sorted by start, each with its count and the seq of its one timer (fire at
// end − 1), merged as the operator's `addSession` merges windows. The operator cancels a
// merged window's timer and registers a new one on every element that grows a session; here
// the session only takes the next seq, and its entry in the fire queue stays where it was.
// An entry is never later than its session's timer (a session's end and seq only grow), so
// when one comes up stale it goes back in at the timer's (time, seq): the queue still fires in
// (time, seq) order, as the operator's timer queue does.
import {
  countsFit,
  FlinkCountStore,
  type CountStoreParts,
  type GeneralState,
} from './flink-count-store';
import { EndHeap } from './end-heap';
import { TimerQueue } from './flink-timers';
import { newKeyState, type FlinkWindow, type KeyKinds, type KeyState } from './flink-windows';
import type { Event, Query } from './types';
import { OrderedKeyTable } from './key-table';

interface CountSession {
  start: number;
  end: number;
  count: number;
  /** The seq of its fire timer, the one registered last. */
  seq: number;
  readonly owner: SessionKey;
  /** False once fired (and cleared) or merged into another session. */
  live: boolean;
}

interface SessionKey {
  readonly mapKey: unknown;
  /** The key's values, from the element that made the key. */
  readonly key: readonly unknown[];
  /** Sorted by start, never overlapping or touching. */
  readonly sessions: CountSession[];
  /** The last of them (most elements join it: read without the array). */
  last: CountSession | undefined;
}

const NO_SESSIONS: readonly CountSession[] = [];

export class SessionCounts extends FlinkCountStore {
  private readonly keys = new OrderedKeyTable<SessionKey>();
  /** Each live session once, by its timer's (time, seq) when pushed (dead ones skipped). */
  private readonly queue = new EndHeap<CountSession>();
  private readonly gapMs: number;

  /** Whether a query's run can be kept here (with tracing off). */
  static fits(query: Query, plainCount: boolean): boolean {
    const w = query.window;
    return (
      w.type === 'session' &&
      w.gap.kind === 'fixed' &&
      w.gap.gapMs > 0 &&
      countsFit(query, plainCount)
    );
  }

  constructor(query: Query, parts: CountStoreParts) {
    super(query, parts);
    const w = query.window;
    if (w.type !== 'session' || w.gap.kind !== 'fixed') throw new Error('fixed-gap sessions only');
    this.gapMs = w.gap.gapMs;
  }

  protected takes(ts: number): boolean {
    return Number.isSafeInteger(ts + this.gapMs);
  }

  /** [ts, ts + gap) joins the key's sessions it overlaps or touches, as `addSession` does. */
  protected add(element: Event, ts: number): boolean {
    const start = ts;
    const end = ts + this.gapMs;
    const mapKey = this.parts.key.keyOf(element);
    let sk = this.keys.get(mapKey);
    const last = sk?.last;
    if (last !== undefined && start >= last.start && start <= last.end) {
      // Within or touching the key's last session, and no other: sessions never touch, so
      // the one before ends before last.start. It grows (a new timer) or only counts.
      if (end > last.end) {
        last.end = end;
        last.seq = this.nextSeq++;
      }
      last.count++;
      return true;
    }
    const sessions = sk === undefined ? NO_SESSIONS : sk.sessions;
    let hi = sessions.length - 1;
    while (hi >= 0 && (sessions[hi] as CountSession).start > end) hi--;
    let lo = hi;
    while (lo >= 0 && (sessions[lo] as CountSession).end >= start) lo--;
    lo++;
    if (lo > hi) {
      // A new session, late if it has ended (the operator makes it, then removes it).
      if (end - 1 <= this.watermark) return false;
      if (sk === undefined) {
        sk = { mapKey, key: this.parts.key.valuesOf(element), sessions: [], last: undefined };
        this.keys.add(mapKey, sk);
      }
      const s: CountSession = { start, end, count: 1, seq: this.nextSeq++, owner: sk, live: true };
      if (lo === sk.sessions.length) sk.sessions.push((sk.last = s));
      else sk.sessions.splice(lo, 0, s);
      this.queue.push(s, end - 1, s.seq);
      return true;
    }
    // Live sessions have not ended, so neither has what they merge into: never late.
    const list = (sk as SessionKey).sessions;
    const first = list[lo] as CountSession;
    const mergedStart = Math.min(start, first.start);
    const mergedEnd = Math.max(end, (list[hi] as CountSession).end);
    if (lo === hi && first.start === mergedStart && first.end === mergedEnd) {
      first.count++;
      return true;
    }
    let count = first.count;
    for (let i = lo + 1; i <= hi; i++) {
      const merged = list[i] as CountSession;
      count += merged.count;
      merged.live = false;
    }
    if (hi > lo) {
      list.splice(lo + 1, hi - lo);
      (sk as SessionKey).last = list[list.length - 1];
    }
    first.start = mergedStart;
    first.end = mergedEnd;
    first.count = count + 1;
    // The merged window's new fire timer (EventTimeTrigger.onMerge).
    first.seq = this.nextSeq++;
    return true;
  }

  /** Sessions whose timers are at or before `mark` fire and are cleared, in (time, seq) order. */
  protected advance(mark: number): void {
    this.watermark = mark;
    const queue = this.queue;
    while (queue.length > 0 && queue.topEnd() <= mark) {
      const time = queue.topEnd();
      const seq = queue.topSeq();
      const s = queue.pop();
      if (!s.live) continue;
      if (time !== s.end - 1 || seq !== s.seq) {
        queue.push(s, s.end - 1, s.seq);
        continue;
      }
      this.emit(s.start, s.end, s.owner.key, s.count);
      s.live = false;
      const sessions = s.owner.sessions;
      sessions.splice(sessions.indexOf(s), 1);
      s.owner.last = sessions[sessions.length - 1];
      if (sessions.length === 0) this.keys.remove(s.owner.mapKey);
    }
  }

  toGeneral(kinds: KeyKinds): GeneralState {
    const timers = new TimerQueue<FlinkWindow>(this.nextSeq);
    const keys = new Map<unknown, KeyState>();
    let windowCount = 0;
    for (const sk of this.keys.values()) {
      const ks = newKeyState(sk.key, sk.mapKey, null, kinds);
      for (const s of sk.sessions) {
        ks.sessions.push(this.generalWindow(ks, s.start, s.end, null, s.count, s.seq, timers));
        windowCount++;
      }
      keys.set(sk.mapKey, ks);
    }
    return { keys, timers, windowCount };
  }
}
