// Stacks window bands into lanes so that overlapping windows (sliding windows, several keys over
// the same span, sessions) never share one: greedy interval partitioning, first lane that is free.
import type { TimelineWindow } from '../../worker/timeline';
import { windowId } from './chart-text';

export interface Interval {
  readonly start: number;
  readonly end: number;
  /** Tie-break for equal spans, so each key tends to keep the same lane from window to window. */
  readonly key?: string;
}

export interface LaneLayout {
  /** Per input interval, in input order: its lane (0 = first), or -1 when it did not fit. */
  readonly lanes: readonly number[];
  /** Lanes used. */
  readonly count: number;
  /** Intervals left out because every allowed lane was taken where they lie. */
  readonly hidden: number;
}

/**
 * Windows are half-open [start, end), so one ending at t and one starting at t share a lane.
 * Intervals are placed in order of start, then end, then key; each takes the lane its key last
 * used if that lane is free again (so a key keeps its row), else the lowest lane whose last
 * interval ended at or before its start. With no lane free and `maxLanes` reached it is hidden.
 * Intervals with a non-finite bound are hidden too. As a new lane opens only when every lane is
 * taken at that start, the fewest lanes possible are used.
 */
export function assignLanes(items: readonly Interval[], maxLanes = Infinity): LaneLayout {
  const lanes = new Array<number>(items.length).fill(-1);
  const order = items
    .map((item, i) => ({ item, i }))
    .filter(({ item }) => Number.isFinite(item.start) && Number.isFinite(item.end))
    .sort(
      (a, b) =>
        a.item.start - b.item.start ||
        a.item.end - b.item.end ||
        (a.item.key ?? '').localeCompare(b.item.key ?? '') ||
        a.i - b.i,
    );
  /** Where each lane's last interval ends. */
  const ends: number[] = [];
  /** The lane each key used last. */
  const keyLane = new Map<string, number>();
  let hidden = items.length - order.length;
  for (const { item, i } of order) {
    const own = item.key === undefined ? undefined : keyLane.get(item.key);
    let lane =
      own !== undefined && (ends[own] ?? Infinity) <= item.start
        ? own
        : ends.findIndex((end) => end <= item.start);
    if (lane === -1 && ends.length < maxLanes) lane = ends.length;
    if (lane === -1) {
      hidden++;
      continue;
    }
    ends[lane] = Math.max(item.end, item.start);
    lanes[i] = lane;
    if (item.key !== undefined) keyLane.set(item.key, lane);
  }
  return { lanes, count: ends.length, hidden };
}

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
): { placed: PlacedWindow[]; lanes: number; hidden: number } {
  const bounded = windows.filter(
    (w) => w.start !== null && w.end !== null && Number.isFinite(w.start) && Number.isFinite(w.end),
  );
  const layout = assignLanes(
    bounded.map((w) => ({ start: w.start ?? 0, end: w.end ?? 0, key: w.key })),
    maxLanes,
  );
  const placed = bounded
    .map((w, k): PlacedWindow => ({ id: windowId(w), window: w, lane: layout.lanes[k] ?? -1 }))
    .filter((p) => p.lane >= 0)
    .sort((a, b) => (a.window.start ?? 0) - (b.window.start ?? 0) || a.lane - b.lane);
  return { placed, lanes: layout.count, hidden: layout.hidden + windows.length - bounded.length };
}
