// Flink mode's keyed window state: per key, aligned windows by start, or session windows that
// merge as Flink's MergingWindowSet does (`flink-sessions.ts`). Each key also keeps its recent
// aligned windows at hand in a small ring (`flink-ring.ts`).
import type { Accumulator } from './aggregate';
import { newRing, ringDrop, settle, type Ring } from './flink-ring';
import type { WindowSpec } from './types';
import { NO_TIMERS, type Timer, type TimerOwner, type TimerQueue } from './flink-timers';

export interface FlinkWindow extends TimerOwner {
  /** Fixed for aligned windows; a session window grows in place when it merges. */
  start: number;
  end: number;
  /** null: nothing added yet, or purged (Flink's window state reads null then). */
  acc: Accumulator | null;
  /**
   * With a single count(*) the count lives here (and in the ring, `flink-ring.ts`), not in
   * acc[0], sparing memory accesses per element: read the accumulator through `accOf`.
   */
  count: number;
  keyState: KeyState;
  /** Its key in `keyState.aligned` (`alignedSlot`); null for a session window. */
  slot: Slot | null;
  /** False once cleaned up or merged into another window. */
  alive: boolean;
  /** The trigger's timer at end − 1, and the cleanup timer at end − 1 + allowed lateness. */
  fireTimer: Timer<FlinkWindow> | null;
  cleanupTimer: Timer<FlinkWindow> | null;
  /** Any other timer a restored snapshot gave it (none, in snapshots this engine takes). */
  timers: readonly Timer<FlinkWindow>[];
}

export interface KeyState {
  /** Recent aligned windows by slot (`flink-ring.ts`); empty for other window types. */
  readonly ring: Ring;
  /** Slot of the latest window of the key's newest record so far; null before any. */
  recentSlot: number | null;
  /** Aligned windows by `alignedSlot` of their start, in creation order. */
  readonly aligned: Map<Slot, FlinkWindow>;
  key: readonly unknown[];
  mapKey: unknown;
  /** Session windows of this key, sorted by start, never overlapping or touching. */
  readonly sessions: FlinkWindow[];
  /** `window: none`: the running aggregate. */
  running: Accumulator | null;
}

/** What windows a key may hold: aligned ones (this many a record; 0: none), sessions. */
export interface KeyKinds {
  readonly windowsPerRecord: number;
  readonly sessions: boolean;
}

/** Shared, never written, by keys that hold no windows of that kind. */
const NO_RING: Ring = [];
const NO_ALIGNED = new Map<Slot, FlinkWindow>();
const NO_SESSIONS: FlinkWindow[] = [];

export function newKeyState(
  key: readonly unknown[],
  mapKey: unknown,
  running: Accumulator | null,
  kinds: KeyKinds,
): KeyState {
  const n = kinds.windowsPerRecord;
  return {
    ring: n > 0 ? newRing(n) : NO_RING,
    recentSlot: null,
    aligned: n > 0 ? new Map<Slot, FlinkWindow>() : NO_ALIGNED,
    key,
    mapKey,
    sessions: kinds.sessions ? [] : NO_SESSIONS,
    running,
  };
}

/** Aligned windows a record of the query belongs to: size / slide, rounded up. */
export function windowsPerRecordOf(w: WindowSpec): number {
  return w.type === 'tumbling' || w.type === 'sliding' ? Math.ceil(w.sizeMs / w.slideMs) : 0;
}

/**
 * An aligned window's key in its key's Map, standing for its start one to one: the window's
 * index (start − offset) / slide when that is exact, a small integer Map keys quickly (a large
 * double such as an epoch-ms start is boxed and hashed at every lookup); else the start as text.
 */
export type Slot = number | string;

/**
 * The slot of a window a restored snapshot listed twice for one start: the later one took its
 * place in the Map (as Map.set does), so it is in no Map, and removing it deletes nothing.
 */
export const DISPLACED: Slot = '\u0000displaced';

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

/** At most this many spare windows and keys are kept. */
const SPARES = 16384;

/**
 * Windows and keys that left the state, reused for new ones: a steady stream then allocates
 * little. Only what is out of every structure (timers, ring, Map, session list, keys) comes
 * here; nothing looks at it afterwards but this.
 */
export class Spares {
  private readonly windows: FlinkWindow[] = [];
  private readonly keys: KeyState[] = [];

  window(keyState: KeyState, start: number, end: number, slot: Slot | null): FlinkWindow {
    const w = this.windows.pop();
    if (w === undefined) return newWindow(keyState, start, end, slot);
    w.slot = slot;
    w.alive = true;
    w.count = 0;
    w.acc = null;
    w.fireTimer = null;
    w.cleanupTimer = null;
    w.keyState = keyState;
    w.start = start;
    w.end = end;
    w.timers = NO_TIMERS as readonly Timer<FlinkWindow>[];
    return w;
  }

  retire(w: FlinkWindow): void {
    if (this.windows.length < SPARES) this.windows.push(w);
  }

  /** A key with no windows: empty ring, Map and session list, no running aggregate. */
  key(key: readonly unknown[], mapKey: unknown, kinds: KeyKinds): KeyState {
    const ks = this.keys.pop();
    if (ks === undefined) return newKeyState(key, mapKey, null, kinds);
    ks.key = key;
    ks.mapKey = mapKey;
    ks.recentSlot = null;
    return ks;
  }

  retireKey(ks: KeyState): void {
    if (this.keys.length < SPARES) this.keys.push(ks);
  }
}

/**
 * The window's accumulator, complete: a plain count (`count`, plus any pending in the ring)
 * written into it. A plain count's accumulator is shared by all windows: use it at once.
 */
export function accOf(w: FlinkWindow, plainCount: boolean): Accumulator | null {
  const acc = w.acc;
  if (acc !== null && plainCount) {
    settle(w);
    acc[0] = w.count;
  }
  return acc;
}

/** Removes a window from its key's state (cleanup, or a fresh session that was late). */
export function removeWindow(w: FlinkWindow, timers: TimerQueue<FlinkWindow>): void {
  w.alive = false;
  deleteTimers(w, timers);
  const ks = w.keyState;
  if (w.slot !== null) {
    ringDrop(w);
    ks.aligned.delete(w.slot);
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
