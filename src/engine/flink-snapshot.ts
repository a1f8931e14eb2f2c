// Flink mode's state as plain JSON and back: keys with their windows and accumulators, and the
// live timers with their order, so a restored run fires exactly as the original would have.
import type { Aggregates } from './aggregate';
import { TimerQueue } from './flink-timers';
import {
  accOf,
  DISPLACED,
  newKeyState,
  newWindow,
  type FlinkWindow,
  type KeyState,
  type Slot,
} from './flink-windows';
import { keyOfValues } from './group-key';

/** −∞ and +∞ are not JSON: they travel as strings. */
export type EncodedTime = number | '-inf' | '+inf';

interface WindowJson {
  readonly start: number;
  readonly end: number;
  readonly acc: unknown[] | null;
  /** Live timers of this window as [time, seq]. */
  readonly timers: [number, number][];
}

interface KeyJson {
  readonly key: unknown[];
  readonly running: unknown[] | null;
  readonly aligned: WindowJson[];
  readonly sessions: WindowJson[];
}

export interface FlinkSnapshot {
  readonly version: 1;
  readonly semantics: 'flink';
  readonly position: number;
  readonly watermark: EncodedTime;
  readonly maxTimestamp: EncodedTime;
  readonly nextSeq: number;
  readonly keys: KeyJson[];
}

export function encodeTime(t: number): EncodedTime {
  return t === -Infinity ? '-inf' : t === Infinity ? '+inf' : t;
}

export function decodeTime(t: unknown): number {
  if (t === '-inf') return -Infinity;
  if (t === '+inf') return Infinity;
  if (typeof t === 'number' && Number.isFinite(t)) return t;
  throw new Error(`a snapshot time must be a number, "-inf" or "+inf", got ${JSON.stringify(t)}`);
}

export function snapshotKeys(
  keys: ReadonlyMap<unknown, KeyState>,
  timers: TimerQueue<FlinkWindow>,
  aggregates: Aggregates,
): { nextSeq: number; keys: KeyJson[] } {
  // Each window's live timers, in registration order.
  const timersOf = new Map<FlinkWindow, [number, number][]>();
  for (const t of timers.live()) {
    const own = timersOf.get(t.owner);
    if (own === undefined) timersOf.set(t.owner, [[t.time, t.seq]]);
    else own.push([t.time, t.seq]);
  }
  const windowJson = (w: FlinkWindow, acc = accOf(w, aggregates.isPlainCount)): WindowJson => ({
    start: w.start,
    end: w.end,
    acc: acc === null ? null : aggregates.toJSON(acc),
    timers: timersOf.get(w) ?? [],
  });
  return {
    nextSeq: timers.nextSeq,
    keys: [...keys.values()].map((ks) => ({
      key: [...ks.key],
      running: ks.running === null ? null : aggregates.toJSON(ks.running),
      aligned: [...ks.aligned.values()].map((w) => windowJson(w)),
      sessions: ks.sessions.map((w) => windowJson(w)),
    })),
  };
}

/** What restoring needs to know of the query. */
export interface KeyShape {
  readonly groupBy: readonly string[];
  readonly lateness: number;
  readonly windowsPerRecord: number;
  readonly sessions: boolean;
  readonly slotOf: (start: number) => Slot;
}

export function restoreKeys(
  s: FlinkSnapshot,
  aggregates: Aggregates,
  { groupBy, lateness, windowsPerRecord, sessions, slotOf }: KeyShape,
): { keys: Map<unknown, KeyState>; timers: TimerQueue<FlinkWindow>; windowCount: number } {
  if (!Array.isArray(s.keys) || !Number.isInteger(s.nextSeq))
    throw new Error('a Flink snapshot needs "keys" and "nextSeq"');
  const keys = new Map<unknown, KeyState>();
  const timers = new TimerQueue<FlinkWindow>(s.nextSeq);
  let windowCount = 0;
  for (const k of s.keys) {
    const mapKey = keyOfValues(groupBy, k.key);
    const running = k.running === null ? null : aggregates.fromJSON(k.running);
    // A snapshot of this query holds only its kind of window; any other gets a key of its own.
    const ks = newKeyState(k.key, mapKey, running, {
      windowsPerRecord: k.aligned.length > 0 ? Math.max(windowsPerRecord, 1) : windowsPerRecord,
      sessions: sessions || k.sessions.length > 0,
    });
    if (ks.running !== null) windowCount++;
    const load = (w: WindowJson, slot: Slot | null): FlinkWindow => {
      const win = newWindow(ks, w.start, w.end, slot);
      win.acc = w.acc === null ? null : aggregates.fromJSON(w.acc);
      if (win.acc !== null) win.count = win.acc[0] as number;
      for (const [time, seq] of w.timers) {
        if (time === w.end - 1 && win.fireTimer === null) {
          win.fireTimer = timers.reschedule(win, time, seq);
        } else if (time === w.end - 1 + lateness && win.cleanupTimer === null) {
          win.cleanupTimer = timers.reschedule(win, time, seq);
        } else timers.restoreTimer(win, time, seq);
      }
      windowCount++;
      return win;
    };
    for (const w of k.aligned) {
      const slot = slotOf(w.start);
      const displaced = ks.aligned.get(slot);
      if (displaced !== undefined) displaced.slot = DISPLACED;
      ks.aligned.set(slot, load(w, slot));
    }
    for (const win of k.sessions.map((w) => load(w, null))) ks.sessions.push(win);
    keys.set(mapKey, ks);
  }
  return { keys, timers, windowCount };
}
