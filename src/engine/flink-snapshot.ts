// Flink mode's state as plain JSON and back: keys with their windows and accumulators, and the
// live timers with their order, so a restored run fires exactly as the original would have.
import type { Aggregates } from './aggregate';
import { TimerQueue } from './flink-timers';
import type { FlinkWindow, KeyState } from './flink-windows';
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
  const live = timers.live();
  const windowJson = (w: FlinkWindow): WindowJson => ({
    start: w.start,
    end: w.end,
    acc: w.acc === null ? null : aggregates.toJSON(w.acc),
    timers: live.filter((t) => t.owner === w).map((t) => [t.time, t.seq]),
  });
  return {
    nextSeq: timers.nextSeq,
    keys: [...keys.values()].map((ks) => ({
      key: [...ks.key],
      running: ks.running === null ? null : aggregates.toJSON(ks.running),
      aligned: [...ks.aligned.values()].map(windowJson),
      sessions: ks.sessions.map(windowJson),
    })),
  };
}

export function restoreKeys(
  s: FlinkSnapshot,
  aggregates: Aggregates,
  groupBy: readonly string[],
): { keys: Map<unknown, KeyState>; timers: TimerQueue<FlinkWindow>; windowCount: number } {
  if (!Array.isArray(s.keys) || !Number.isInteger(s.nextSeq))
    throw new Error('a Flink snapshot needs "keys" and "nextSeq"');
  const keys = new Map<unknown, KeyState>();
  const timers = new TimerQueue<FlinkWindow>(s.nextSeq);
  let windowCount = 0;
  for (const k of s.keys) {
    const mapKey = keyOfValues(groupBy, k.key);
    const ks: KeyState = {
      key: k.key,
      mapKey,
      aligned: new Map(),
      sessions: [],
      running: k.running === null ? null : aggregates.fromJSON(k.running),
    };
    if (ks.running !== null) windowCount++;
    const load = (w: WindowJson): FlinkWindow => {
      const win: FlinkWindow = {
        start: w.start,
        end: w.end,
        acc: w.acc === null ? null : aggregates.fromJSON(w.acc),
        keyState: ks,
        alive: true,
        timers: [],
      };
      for (const [time, seq] of w.timers) timers.restoreTimer(win, time, seq);
      windowCount++;
      return win;
    };
    for (const w of k.aligned) ks.aligned.set(w.start, load(w));
    ks.sessions = k.sessions.map(load);
    keys.set(mapKey, ks);
  }
  return { keys, timers, windowCount };
}
