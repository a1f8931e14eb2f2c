// Flink mode's session windows, merged as Flink's MergingWindowSet does: a new [start, end)
// that overlaps or touches stored windows of its key replaces them with one window covering
// all, their contents merged and their timers deleted. The merged window reuses the first
// stored one in place (it is the same window to everything that looks), so extending a session
// allocates nothing.
import type { Aggregates } from './aggregate';
import type { TimerQueue } from './flink-timers';
import { deleteTimers, type FlinkWindow, type KeyState, type Spares } from './flink-windows';
import type { GroupRef } from './trace';

/**
 * One `addSession`: the window to add in, what it did out. Times travel in this object rather
 * than as arguments, which V8 would box (allocate) on every call.
 */
export interface SessionMerge {
  start: number;
  end: number;
  /** How many stored windows merged into the returned one (0 when none did). */
  merged: number;
  /** True when the returned window is new and took nothing from stored windows. */
  fresh: boolean;
}

/**
 * Adds [r.start, r.end) to the key's sessions. Returns the window the element belongs to: a
 * fresh one, a stored one that already covers it, or the merge of every stored window it
 * overlaps or touches: their timers deleted, all but the first retired (alive = false, kept in
 * `spares`). `mergedFrom`, when given, receives the merged windows as they were.
 */
export function addSession(
  ks: KeyState,
  r: SessionMerge,
  aggregates: Aggregates,
  timers: TimerQueue<FlinkWindow>,
  spares: Spares,
  mergedFrom: GroupRef[] | null,
): FlinkWindow {
  const { start, end } = r;
  const sessions = ks.sessions;
  // Sorted by start and never touching, so also sorted by end: the windows that overlap or
  // touch [start, end) are the run below the last start <= end down to the last end >= start.
  let hi = sessions.length - 1;
  while (hi >= 0 && (sessions[hi] as FlinkWindow).start > end) hi--;
  let lo = hi;
  while (lo >= 0 && (sessions[lo] as FlinkWindow).end >= start) lo--;
  lo++;
  r.fresh = false;
  r.merged = 0;
  if (lo > hi) {
    const window = spares.window(ks, start, end, null);
    if (lo === sessions.length) sessions.push(window);
    else sessions.splice(lo, 0, window);
    r.fresh = true;
    return window;
  }
  const first = sessions[lo] as FlinkWindow;
  const mergedStart = Math.min(start, first.start);
  const mergedEnd = Math.max(end, (sessions[hi] as FlinkWindow).end);
  if (lo === hi && first.start === mergedStart && first.end === mergedEnd) return first;
  for (let i = lo; i <= hi; i++) {
    const w = sessions[i] as FlinkWindow;
    mergedFrom?.push({ windowStart: w.start, windowEnd: w.end, key: ks.key });
    deleteTimers(w, timers);
  }
  if (hi > lo) {
    // The first non-null contents, the others merged into them in order (a plain count's
    // accumulator is shared, its count on the window: `FlinkOperator.add`).
    const plain = aggregates.isPlainCount;
    let acc = null;
    let count = 0;
    for (let i = lo; i <= hi; i++) {
      const w = sessions[i] as FlinkWindow;
      if (w.acc !== null) {
        if (acc === null) {
          acc = w.acc;
          count = w.count;
        } else if (plain) count += w.count;
        else aggregates.merge(acc, w.acc);
      }
      if (i > lo) w.alive = false;
    }
    for (const w of sessions.splice(lo + 1, hi - lo)) spares.retire(w);
    first.acc = acc;
    first.count = count;
  }
  first.start = mergedStart;
  first.end = mergedEnd;
  r.merged = hi - lo + 1;
  return first;
}
