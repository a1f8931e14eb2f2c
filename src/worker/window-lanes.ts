// Stacks window bands into lanes so that overlapping windows (sliding windows, several keys over
// the same span, sessions) never share one: greedy interval partitioning, first lane that is free.
// Here, not in the chart, so the worker can send a big run's page only the windows it can show.
import type { TimelineWindow } from './timeline';

/** Lanes the chart's window strip has: on a narrow screen, and on a wide one. */
export const STRIP_LANES = { narrow: 6, wide: 10 } as const;

export interface Interval {
  /** Null (a global window) or not finite: hidden. */
  readonly start: number | null;
  readonly end: number | null;
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

/** Code-unit order: any fixed order keeps keys in their lanes, and localeCompare is slow for a
 * hundred thousand windows. */
const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Windows are half-open [start, end), so one ending at t and one starting at t share a lane.
 * Intervals are placed in order of start, then end, then key; each takes the lane its key last
 * used if that lane is free again (so a key keeps its row), else the lowest lane whose last
 * interval ended at or before its start. With no lane free and `maxLanes` reached it is hidden.
 * Intervals with a non-finite bound are hidden too. As a new lane opens only when every lane is
 * taken at that start, the fewest lanes possible are used.
 */
export function assignLanes(
  items: readonly Interval[],
  maxLanes = Infinity,
  /** The caller knows `items` are in that order already: they are not checked. */
  inOrder = false,
): LaneLayout {
  const lanes = new Array<number>(items.length).fill(-1);
  const start = (k: number): number => items[k]?.start ?? NaN;
  const end = (k: number): number => items[k]?.end ?? NaN;
  const before = (k: number, l: number): number =>
    start(k) - start(l) ||
    end(k) - end(l) ||
    compareKeys(items[k]?.key ?? '', items[l]?.key ?? '') ||
    k - l;
  const order: number[] = [];
  items.forEach((item, i) => {
    if (Number.isFinite(item.start) && Number.isFinite(item.end)) order.push(i);
  });
  // The worker sends windows in this order already (timeline.ts): sort only when they are not.
  let sorted = true;
  for (let j = 1; j < order.length && sorted && !inOrder; j++)
    sorted = before(order[j - 1] as number, order[j] as number) < 0;
  if (!sorted) order.sort(before);
  /** Where each lane's last interval ends. */
  const ends: number[] = [];
  /** The lane each key used last. */
  const keyLane = new Map<string, number>();
  let hidden = items.length - order.length;
  /** The earliest lane end: with every lane taken, an interval starting before it is hidden. */
  let firstFree = -Infinity;
  for (let j = 0; j < order.length; j++) {
    const i = order[j] as number;
    const from = start(i);
    if (ends.length >= maxLanes && from < firstFree) {
      // Every interval up to the first starting at firstFree is hidden: a big run has a
      // hundred thousand windows and a few hundred lanes' worth, so jump there.
      let lo = j + 1;
      let hi = order.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (start(order[mid] as number) < firstFree) lo = mid + 1;
        else hi = mid;
      }
      hidden += lo - j;
      j = lo - 1;
      continue;
    }
    const key = items[i]?.key;
    const own = key === undefined ? undefined : keyLane.get(key);
    let lane =
      own !== undefined && (ends[own] ?? Infinity) <= from ? own : ends.findIndex((e) => e <= from);
    if (lane === -1 && ends.length < maxLanes) lane = ends.length;
    if (lane === -1) {
      hidden++;
      continue;
    }
    ends[lane] = Math.max(end(i), from);
    firstFree = Math.min(...ends);
    lanes[i] = lane;
    if (key !== undefined) keyLane.set(key, lane);
  }
  return { lanes, count: ends.length, hidden };
}

/**
 * The windows the strip can place with either lane count, in their order. Laying out just these
 * gives every one of them the lane it has among all windows: a window left out never changes
 * the lanes (greedy placement skips it without a trace), so dropping windows the strip hides
 * under both counts changes nothing the strip shows.
 */
export function stripWindows(windows: readonly TimelineWindow[]): TimelineWindow[] {
  const narrow = assignLanes(windows, STRIP_LANES.narrow, true).lanes;
  const wide = assignLanes(windows, STRIP_LANES.wide, true).lanes;
  return windows.filter((_, k) => (narrow[k] ?? -1) >= 0 || (wide[k] ?? -1) >= 0);
}
