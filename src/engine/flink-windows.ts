// Flink mode's keyed window state: per key, aligned windows by start, or session windows that
// merge as Flink's MergingWindowSet does (overlapping or touching windows become one, their
// contents merged, their timers deleted).
import type { Accumulator, Aggregates } from './aggregate';
import type { TimerOwner } from './flink-timers';

export interface FlinkWindow extends TimerOwner {
  readonly start: number;
  readonly end: number;
  /** null: nothing added yet, or purged (Flink's window state reads null then). */
  acc: Accumulator | null;
  readonly keyState: KeyState;
  /** False once cleaned up or merged into another window; its timers are then ignored. */
  alive: boolean;
  timers: number[];
}

export interface KeyState {
  readonly key: readonly unknown[];
  readonly mapKey: unknown;
  readonly aligned: Map<number, FlinkWindow>;
  /** Session windows of this key, sorted by start, never overlapping or touching. */
  sessions: FlinkWindow[];
  /** `window: none`: the running aggregate. */
  running: Accumulator | null;
}

export function newWindow(keyState: KeyState, start: number, end: number): FlinkWindow {
  return { start, end, acc: null, keyState, alive: true, timers: [] };
}

export interface SessionMerge {
  readonly window: FlinkWindow;
  /** The stored windows that merged into `window` (empty when none did). */
  readonly merged: readonly FlinkWindow[];
  /** True when `window` is new and took nothing from stored windows. */
  readonly fresh: boolean;
}

/**
 * Adds [start, end) to the key's sessions. Returns the window the element belongs to: a fresh
 * one, an existing one that already covers it, or a new merged window replacing every stored
 * window it overlaps or touches (those are retired: alive = false, timers gone).
 */
export function addSession(
  ks: KeyState,
  start: number,
  end: number,
  aggregates: Aggregates,
): SessionMerge {
  const overlapping = ks.sessions.filter((w) => w.start <= end && w.end >= start);
  if (overlapping.length === 0) {
    const window = newWindow(ks, start, end);
    insertSorted(ks, window);
    return { window, merged: [], fresh: true };
  }
  let mergedStart = start;
  let mergedEnd = end;
  for (const w of overlapping) {
    mergedStart = Math.min(mergedStart, w.start);
    mergedEnd = Math.max(mergedEnd, w.end);
  }
  const [only] = overlapping;
  if (overlapping.length === 1 && only?.start === mergedStart && only.end === mergedEnd) {
    return { window: only, merged: [], fresh: false };
  }
  const window = newWindow(ks, mergedStart, mergedEnd);
  for (const w of overlapping) {
    if (w.acc !== null) {
      if (window.acc === null) window.acc = w.acc;
      else aggregates.merge(window.acc, w.acc);
    }
    w.alive = false;
    w.timers = [];
  }
  ks.sessions = ks.sessions.filter((w) => w.alive);
  insertSorted(ks, window);
  return { window, merged: overlapping, fresh: false };
}

function insertSorted(ks: KeyState, w: FlinkWindow): void {
  const at = ks.sessions.findIndex((s) => s.start > w.start);
  if (at === -1) ks.sessions.push(w);
  else ks.sessions.splice(at, 0, w);
}

/** Removes a window from its key's state (cleanup, or a fresh session that was late). */
export function removeWindow(w: FlinkWindow): void {
  w.alive = false;
  w.timers = [];
  const ks = w.keyState;
  if (ks.aligned.get(w.start) === w) ks.aligned.delete(w.start);
  else ks.sessions = ks.sessions.filter((s) => s !== w);
}

export function isEmpty(ks: KeyState): boolean {
  return ks.aligned.size === 0 && ks.sessions.length === 0 && ks.running === null;
}
