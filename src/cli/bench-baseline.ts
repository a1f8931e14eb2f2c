// The benchmark's yardstick: each query's final answer by one plain pass over the whole stream
// into Maps (window start → user_id → value), with no batches and no watermark, so nothing is
// dropped and nothing evicted: "how fast could a naive final answer be".
import type { ClickEvent } from './bench-stream';

/** A final answer being built: events go in chunk by chunk, so the caller can sample the heap. */
export interface Baseline<V> {
  /** Takes events[from] .. events[to - 1]. */
  add(events: readonly ClickEvent[], from: number, to: number): void;
  /** Completes the answer (sessions merge, ratios divide); returns how many groups it has. */
  finish(): number;
  /** The answer by `window_start|window_end|user_id`, after finish (for tests; not timed). */
  rows(): Map<string, V>;
}

const keyOf = (start: number, end: number, user: string): string =>
  `${String(start)}|${String(end)}|${user}`;

/** Start of the latest window of `slideMs` containing ts (floor, so negative ts work too). */
const alignDown = (ts: number, slideMs: number): number =>
  ts - (((ts % slideMs) + slideMs) % slideMs);

/** The per-user map of window `start`, created on first use. */
function windowOf<V>(windows: Map<number, Map<string, V>>, start: number): Map<string, V> {
  let users = windows.get(start);
  if (users === undefined) windows.set(start, (users = new Map<string, V>()));
  return users;
}

function groupCount(windows: Map<number, Map<string, unknown>>): number {
  let n = 0;
  for (const users of windows.values()) n += users.size;
  return n;
}

function flatten<V>(windows: Map<number, Map<string, V>>, sizeMs: number): Map<string, V> {
  const out = new Map<string, V>();
  for (const [start, users] of windows) {
    for (const [user, v] of users) out.set(keyOf(start, start + sizeMs, user), v);
  }
  return out;
}

/** count(*) per user in every window [start, start + sizeMs) with start a multiple of slideMs. */
export function windowCounts(sizeMs: number, slideMs: number = sizeMs): Baseline<number> {
  const windows = new Map<number, Map<string, number>>();
  return {
    add(events, from, to) {
      for (let i = from; i < to; i++) {
        const e = events[i] as ClickEvent;
        for (let start = alignDown(e.ts, slideMs); e.ts < start + sizeMs; start -= slideMs) {
          const users = windowOf(windows, start);
          users.set(e.user_id, (users.get(e.user_id) ?? 0) + 1);
        }
      }
    },
    finish: () => groupCount(windows),
    rows: () => flatten(windows, sizeMs),
  };
}

export interface Ctr {
  impressions: number;
  clicks: number;
  /** clicks / impressions, null when there are no impressions (Spark's `/` on zero). */
  ctr: number | null;
}

/** Impressions, clicks and their ratio per user in tumbling windows of sizeMs. */
export function windowCtr(sizeMs: number): Baseline<Ctr> {
  const windows = new Map<number, Map<string, Ctr>>();
  return {
    add(events, from, to) {
      for (let i = from; i < to; i++) {
        const e = events[i] as ClickEvent;
        const users = windowOf(windows, alignDown(e.ts, sizeMs));
        let g = users.get(e.user_id);
        if (g === undefined) users.set(e.user_id, (g = { impressions: 0, clicks: 0, ctr: null }));
        if (e.event_type === 'impression') g.impressions++;
        else if (e.event_type === 'click') g.clicks++;
      }
    },
    finish() {
      for (const users of windows.values()) {
        for (const g of users.values())
          g.ctr = g.impressions === 0 ? null : g.clicks / g.impressions;
      }
      return groupCount(windows);
    },
    rows: () => flatten(windows, sizeMs),
  };
}

interface Session {
  readonly start: number;
  end: number;
  count: number;
}

/**
 * count(*) per user session: each event opens [ts, ts + gapMs) and a user's sessions that overlap
 * or touch merge. Collects each user's times, then sorts and sweeps them once.
 */
export function sessionCounts(gapMs: number): Baseline<number> {
  const times = new Map<string, number[]>();
  const sessions = new Map<string, Session[]>();
  return {
    add(events, from, to) {
      for (let i = from; i < to; i++) {
        const e = events[i] as ClickEvent;
        let list = times.get(e.user_id);
        if (list === undefined) times.set(e.user_id, (list = []));
        list.push(e.ts);
      }
    },
    finish() {
      let n = 0;
      for (const [user, list] of times) {
        list.sort((a, b) => a - b);
        const out: Session[] = [];
        let current: Session | undefined;
        for (const ts of list) {
          // Sorted, so ts + gapMs is the merged session's end.
          if (current !== undefined && ts <= current.end) {
            current.end = ts + gapMs;
            current.count++;
          } else {
            out.push((current = { start: ts, end: ts + gapMs, count: 1 }));
          }
        }
        sessions.set(user, out);
        n += out.length;
      }
      return n;
    },
    rows() {
      const out = new Map<string, number>();
      for (const [user, list] of sessions) {
        for (const s of list) out.set(keyOf(s.start, s.end, user), s.count);
      }
      return out;
    },
  };
}
