// Flink mode's keyed window state: per key, aligned windows by start, or session windows that
// merge as Flink's MergingWindowSet does (`flink-sessions.ts`). Each key also remembers the
// aligned windows its last record went to, so the next record, usually in the same windows or
// one slide later, finds them without a Map lookup (`FlinkEngine.addAligned`).
import type { Accumulator } from './aggregate';
import type { WindowSpec } from './types';
import { NO_TIMERS, type Timer, type TimerOwner, type TimerQueue } from './flink-timers';

export interface FlinkWindow extends TimerOwner {
  /** Fixed for aligned windows; a session window grows in place when it merges. */
  start: number;
  end: number;
  /** null: nothing added yet, or purged (Flink's window state reads null then). */
  acc: Accumulator | null;
  /**
   * With a single count(*) the count lives here, not in acc[0], sparing a memory access per
   * element: read the accumulator through `accOf`, which writes it in.
   */
  count: number;
  readonly keyState: KeyState;
  /** Its key in `keyState.aligned` (`alignedSlot`); null for a session window. */
  readonly slot: Slot | null;
  /** False once cleaned up or merged into another window. */
  alive: boolean;
  /** The trigger's timer at end − 1, and the cleanup timer at end − 1 + allowed lateness. */
  fireTimer: Timer<FlinkWindow> | null;
  cleanupTimer: Timer<FlinkWindow> | null;
  /** Any other timer a restored snapshot gave it (none, in snapshots this engine takes). */
  timers: readonly Timer<FlinkWindow>[];
}

export interface KeyState {
  /**
   * The aligned windows of the key's last record, latest first: a cache of fixed length that
   * may hold dead windows (`FlinkEngine.addAligned` checks each before use).
   */
  readonly recent: (FlinkWindow | undefined)[];
  /** Slot of `recent[0]`; null when the cache is empty. */
  recentSlot: number | null;
  /** Aligned windows by `alignedSlot` of their start, in creation order. */
  readonly aligned: Map<Slot, FlinkWindow>;
  readonly key: readonly unknown[];
  readonly mapKey: unknown;
  /** Session windows of this key, sorted by start, never overlapping or touching. */
  readonly sessions: FlinkWindow[];
  /** `window: none`: the running aggregate. */
  running: Accumulator | null;
}

/** `cacheSize`: how many aligned windows of a record the key remembers (0: sessions, none). */
export function newKeyState(
  key: readonly unknown[],
  mapKey: unknown,
  running: Accumulator | null,
  cacheSize: number,
): KeyState {
  const recent = new Array<FlinkWindow | undefined>(cacheSize);
  return { recent, recentSlot: null, aligned: new Map(), key, mapKey, sessions: [], running };
}

/** The cache size for a query: its windows per record (size / slide, rounded up), at most 32. */
export function cacheSizeOf(w: WindowSpec): number {
  return w.type === 'tumbling' || w.type === 'sliding'
    ? Math.min(Math.ceil(w.sizeMs / w.slideMs), 32)
    : 0;
}

/**
 * An aligned window's key in its key's Map, standing for its start one to one: the window's
 * index (start − offset) / slide when that is exact, a small integer Map keys quickly (a large
 * double such as an epoch-ms start is boxed and hashed at every lookup); else the start as text.
 */
export type Slot = number | string;

export function alignedSlot(start: number, slideMs: number, offsetMs: number): Slot {
  const fromOffset = start - offsetMs;
  return Number.isSafeInteger(start) &&
    Number.isSafeInteger(fromOffset) &&
    fromOffset % slideMs === 0
    ? fromOffset / slideMs
    : `t${String(start)}`;
}

export function newWindow(
  keyState: KeyState,
  start: number,
  end: number,
  slot: Slot | null,
): FlinkWindow {
  // What an element reads first, first: one cache line usually holds it.
  return {
    slot,
    alive: true,
    count: 0,
    acc: null,
    fireTimer: null,
    cleanupTimer: null,
    keyState,
    start,
    end,
    timers: NO_TIMERS as readonly Timer<FlinkWindow>[],
  };
}

/** The window's accumulator, complete: a plain count (`count`) written into its slot. */
export function accOf(w: FlinkWindow, plainCount: boolean): Accumulator | null {
  const acc = w.acc;
  if (acc !== null && plainCount) acc[0] = w.count;
  return acc;
}

/** Removes a window from its key's state (cleanup, or a fresh session that was late). */
export function removeWindow(w: FlinkWindow, timers: TimerQueue<FlinkWindow>): void {
  w.alive = false;
  deleteTimers(w, timers);
  const ks = w.keyState;
  if (w.slot !== null) {
    if (ks.aligned.get(w.slot) === w) ks.aligned.delete(w.slot);
  } else {
    const at = ks.sessions.indexOf(w);
    if (at !== -1) ks.sessions.splice(at, 1);
  }
}

export function deleteTimers(w: FlinkWindow, timers: TimerQueue<FlinkWindow>): void {
  if (w.fireTimer !== null) timers.cancel(w.fireTimer);
  if (w.cleanupTimer !== null) timers.cancel(w.cleanupTimer);
  w.fireTimer = null;
  w.cleanupTimer = null;
  timers.deleteAll(w);
}

export function isEmpty(ks: KeyState): boolean {
  return ks.aligned.size === 0 && ks.sessions.length === 0 && ks.running === null;
}
