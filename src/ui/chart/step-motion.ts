// What moves when a step is shown, read from what the engine reported (the timeline and the
// current step's trace), never re-derived: which of this step's events went into which window
// band, which bands changed value, closed or were evicted, and the numbers a band ticks through.
import type { EventFate, GroupRef } from '../../engine/trace';
import { keyText, type Timeline, type TimelineWindow } from '../../worker/timeline';
import { windowValue } from './chart-text';
import type { PlacedWindow } from './window-lanes';

/** What a window band does when the step is shown. */
export type WindowMotion =
  /** Its value changed this step: the number ticks to the new one. */
  | 'counted'
  /** Output this step (Spark append's emit, Flink's fire, even with its clear): it flashes. */
  | 'closed'
  /** Left the state this step (evicted, cleared, merged into another session): it fades. */
  | 'evicted';

/** One of this step's events going into one window band (a sliding window's event into several). */
export interface Arrival {
  /** Index into the timeline's event columns. */
  readonly event: number;
  readonly windowId: string;
  readonly lane: number;
}

/** The step the timeline ends at (the one on screen). */
export const currentStepOf = (t: Timeline): number => t.fromStep + t.steps.length - 1;

/** The chart's id of the window a trace's group names (as `windowId` in chart-text.ts). */
export const groupWindowId = (g: GroupRef): string =>
  `${String(g.windowStart)}|${String(g.windowEnd)}|${keyText(g.key)}`;

const GONE = new Set<TimelineWindow['status']>(['evicted', 'cleared', 'merged']);

/** Per placed window that changed in `step`, what it does (the timeline's status says which). */
export function windowMotions(
  placed: readonly PlacedWindow[],
  step: number,
): Map<string, WindowMotion> {
  const out = new Map<string, WindowMotion>();
  for (const p of placed) {
    const w = p.window;
    if (w.lastStep !== step) continue;
    // Output and gone in one step (Flink fires and clears at once): the flash says more.
    if (w.outputSteps.includes(step)) out.set(p.id, 'closed');
    else if (GONE.has(w.status)) out.set(p.id, 'evicted');
    else out.set(p.id, 'counted');
  }
  return out;
}

/**
 * This step's events and the bands they were counted in, from the step's trace (`fates`, one per
 * event in arrival order; they must be the timeline's last step's, or nothing moves). Late
 * events go nowhere; windows not on the strip are skipped; at most `max` arrivals.
 */
export function stepArrivals(
  t: Timeline,
  fates: readonly (EventFate | null)[],
  placed: readonly PlacedWindow[],
  max = 60,
): Arrival[] {
  const step = t.steps.at(-1);
  if (step?.eventCount !== fates.length) return [];
  const lanes = new Map(placed.map((p) => [p.id, p.lane]));
  const out: Arrival[] = [];
  for (let j = 0; j < fates.length && out.length < max; j++) {
    const fate = fates[j];
    if (fate?.kind !== 'counted') continue;
    for (const group of fate.groups) {
      const windowId = groupWindowId(group);
      const lane = lanes.get(windowId);
      if (lane === undefined) continue;
      out.push({ event: step.firstEvent + j, windowId, lane });
      if (out.length >= max) break;
    }
  }
  return out;
}

export const NO_NUMBERS: ReadonlyMap<string, number> = new Map();

/** Each placed window's numeric value (the one its band shows), by id. */
export function bandNumbers(placed: readonly PlacedWindow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of placed) {
    const n = windowValue(p.window)?.number;
    if (n !== null && n !== undefined) out.set(p.id, n);
  }
  return out;
}

/**
 * Where each counted band's number starts its tick: the value it showed before (`before`, the
 * previous timeline's numbers); a new band with a whole-number value counts up from 0. Bands whose
 * number did not change, or is not a number, do not tick.
 */
export function tickStarts(
  placed: readonly PlacedWindow[],
  motions: ReadonlyMap<string, WindowMotion>,
  before: ReadonlyMap<string, number>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of placed) {
    if (motions.get(p.id) !== 'counted') continue;
    const to = windowValue(p.window)?.number;
    if (to === null || to === undefined) continue;
    const from = before.get(p.id) ?? (Number.isInteger(to) ? 0 : undefined);
    if (from !== undefined && from !== to) out.set(p.id, from);
  }
  return out;
}

/** The number shown `progress` (0–1) of the way from `from` to `to`: whole numbers stay whole. */
export function tickValue(from: number, to: number, progress: number): number {
  if (progress >= 1) return to;
  const v = from + (to - from) * Math.max(0, progress);
  return Number.isInteger(from) && Number.isInteger(to) ? Math.round(v) : v;
}
