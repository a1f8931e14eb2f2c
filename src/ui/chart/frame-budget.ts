// How much work a slice spread over animation frames may do: adapts to how long frames really
// take, so a loaded machine (a frame that ran long) gets smaller slices rather than long tasks.

/** A frame's time at 60 Hz; the browser's own style, layout and paint share it with the slice. */
export const FRAME_MS = 1000 / 60;
export const MAX_SLICE_MS = 8;
export const MIN_SLICE_MS = 2;

/**
 * The next slice's budget: `previous` scaled by how far the last frame (`gapMs`, from one
 * callback to the next) overran a frame, or grown back a little when it did not; always within
 * [MIN_SLICE_MS, MAX_SLICE_MS]. No gap yet (the first slice): MAX_SLICE_MS / 2.
 */
export function nextSliceBudget(previous: number | null, gapMs: number | null): number {
  if (previous === null || gapMs === null || !(gapMs > 0)) return MAX_SLICE_MS / 2;
  const next = gapMs > 1.5 * FRAME_MS ? previous * ((1.5 * FRAME_MS) / gapMs) : previous * 1.25;
  return Math.min(MAX_SLICE_MS, Math.max(MIN_SLICE_MS, next));
}

/**
 * What is left of `budget` once other work of the same frame (its callbacks, transitions ending)
 * took `usedMs` since the frame began: never less than MIN_SLICE_MS, so the slices still finish.
 */
export function roomLeft(budget: number, usedMs: number): number {
  return Math.max(MIN_SLICE_MS, Math.min(budget, MAX_SLICE_MS - Math.max(0, usedMs)));
}

/** Whether a slice that has put nothing on screen for `sincePutMs` should show its work now. */
export const shouldShow = (sincePutMs: number, done: boolean): boolean => done || sincePutMs >= 120;
