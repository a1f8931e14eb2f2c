// A key's aligned windows at hand: a small ring, one flat array, indexed by slot (the window's
// index, `alignedSlot`) modulo its size. Each position holds [slot, pending, window]:
//  - slot: the cached window's slot, null when the position is empty;
//  - pending: with a plain count(*), elements counted here but not yet in `window.count`, or −1
//    when the window is not "armed" (see below) and elements must go through `add`;
//  - window: the window itself (always live: it leaves the ring when it is removed).
// An armed window has its contents and its timers (fire, and cleanup with allowed lateness)
// and has not ended, so adding an element changes nothing but its count: `addAligned` then only
// bumps `pending`, touching neither the window nor its accumulator. Whatever reads a count
// first settles `pending` into the window (`settle`, through `accOf`). The Map `aligned` stays
// the key's full record of windows; the ring only caches them.
import type { FlinkWindow, KeyState } from './flink-windows';

export type Ring = (number | FlinkWindow | null)[];

/** A ring for `windowsPerRecord` (> 0) windows a record. */
export function newRing(windowsPerRecord: number): Ring {
  let size = 4;
  while (size < windowsPerRecord + 2 && size < 64) size *= 2;
  const ring: Ring = new Array<number | FlinkWindow | null>(3 * size);
  for (let p = 0; p < 3 * size; p += 3) {
    ring[p] = null;
    ring[p + 1] = -1;
    ring[p + 2] = null;
  }
  return ring;
}

/** Where a numeric slot sits in the ring (its size is a power of two). */
export function ringAt(ring: Ring, slot: number): number {
  return (slot & (ring.length / 3 - 1)) * 3;
}

/** Caches a window (with a numeric slot) at its position, settling any window it displaces. */
export function ringPut(ks: KeyState, win: FlinkWindow, slot: number): void {
  const ring = ks.ring;
  if (ring.length === 0) return;
  const p = ringAt(ring, slot);
  const old = ring[p + 2] as FlinkWindow | null;
  if (old !== null && old !== win) settleAt(ring, p, old);
  ring[p] = slot;
  ring[p + 1] = -1;
  ring[p + 2] = win;
}

/** The ring position holding `w`, or −1. */
function positionOf(w: FlinkWindow): number {
  const ring = w.keyState.ring;
  if (typeof w.slot !== 'number' || ring.length === 0) return -1;
  const p = ringAt(ring, w.slot);
  return ring[p + 2] === w ? p : -1;
}

function settleAt(ring: Ring, p: number, w: FlinkWindow): void {
  const pending = ring[p + 1] as number;
  if (pending > 0) {
    w.count += pending;
    ring[p + 1] = 0;
  }
}

/** Moves counts pending in the ring into `w.count`. */
export function settle(w: FlinkWindow): void {
  const p = positionOf(w);
  if (p !== -1) settleAt(w.keyState.ring, p, w);
}

/** Marks `w` armed (it must be cached at position p): its counts may now pend in the ring. */
export function arm(ring: Ring, p: number): void {
  if ((ring[p + 1] as number) < 0) ring[p + 1] = 0;
}

/** Settles and disarms `w` (its fire timer is gone): elements go through `add` again. */
export function disarm(w: FlinkWindow): void {
  const p = positionOf(w);
  if (p === -1) return;
  settleAt(w.keyState.ring, p, w);
  w.keyState.ring[p + 1] = -1;
}

/** Takes `w` out of the ring (it is being removed). */
export function ringDrop(w: FlinkWindow): void {
  const p = positionOf(w);
  if (p === -1) return;
  settleAt(w.keyState.ring, p, w);
  const ring = w.keyState.ring;
  ring[p] = null;
  ring[p + 1] = -1;
  ring[p + 2] = null;
}
