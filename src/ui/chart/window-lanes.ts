// The window strip's bands in their lanes (the lane layout itself is the worker's
// window-lanes.ts, which also picks a big run's windows the strip can show).
import type { TimelineWindow } from '../../worker/timeline';
import { assignLanes } from '../../worker/window-lanes';
import { windowId } from './chart-text';

export { assignLanes, STRIP_LANES } from '../../worker/window-lanes';
export type { Interval, LaneLayout } from '../../worker/window-lanes';

/** A window the strip draws, in its lane. */
export interface PlacedWindow {
  readonly id: string;
  readonly window: TimelineWindow;
  readonly lane: number;
}

/**
 * The windows a strip shows: those with finite bounds, in lanes (at most `maxLanes`), in reading
 * order (by start, then lane) so the arrow keys move along the strip as it looks.
 */
export function placeWindows(
  windows: readonly TimelineWindow[],
  maxLanes: number,
  /** Windows already in start, end, key order (the worker's timeline sorts them). */
  inOrder = false,
): { placed: PlacedWindow[]; lanes: number; hidden: number } {
  // Windows with a null or infinite bound are hidden by assignLanes.
  const layout = assignLanes(windows, maxLanes, inOrder);
  // Only the windows given a lane are named (a big run has far more than the strip shows).
  const placed: PlacedWindow[] = [];
  windows.forEach((w, k) => {
    const lane = layout.lanes[k] ?? -1;
    if (lane >= 0) placed.push({ id: windowId(w), window: w, lane });
  });
  placed.sort((a, b) => (a.window.start ?? 0) - (b.window.start ?? 0) || a.lane - b.lane);
  return { placed, lanes: layout.count, hidden: layout.hidden };
}
