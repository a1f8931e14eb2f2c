// Where the main chart puts things, in data units (epoch ms): the event-time and processing-time
// domains of a Timeline, each Spark micro-batch's band of processing time, and each event's
// arrival position. The component turns these into pixels with d3 scales.
import {
  FATE,
  type Timeline,
  type TimelineStep,
  type TimelineSummary,
  type TimelineWindow,
} from '../../worker/timeline';

export type Domain = readonly [number, number];

const DAY_MS = 86_400_000;
/** What an empty chart shows: one minute from the epoch. */
const EMPTY: Domain = [0, 60_000];
/** Half the width of a domain around a single instant. */
const SINGLE_MS = 1000;
/** Padding on each side, as a fraction of the span. */
const PAD = 0.04;
/** How far window bands may widen the event-time domain beyond the events, as a fraction of their span. */
const WINDOW_REACH = 0.25;

/** [min, max] of the finite values, or null when there are none (NaN and ±Infinity are skipped). */
export function finiteExtent(values: Iterable<number>): Domain | null {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : null;
}

/** Widens [min, max] by `pad` of its span each side; a single instant becomes ±1 s. */
export function padDomain([min, max]: Domain, pad = PAD): Domain {
  if (max <= min) return [min - SINGLE_MS, min + SINGLE_MS];
  const d = (max - min) * pad;
  return [min - d, max + d];
}

/** Is the event drawn at all? Flink's `$watermark` / `$end` markers are not events. */
export const isDrawn = (t: Timeline, i: number): boolean =>
  i >= 0 && i < t.fate.length && t.fate[i] !== FATE.marker;

const known = new WeakMap<Timeline, TimelineSummary>();

/**
 * The timeline's figures over every event and window: the worker's summary, or (a timeline made
 * without one) worked out here once per timeline.
 */
export function timelineStats(t: Timeline): TimelineSummary {
  if (t.summary !== undefined) return t.summary;
  const seen = known.get(t);
  if (seen !== undefined) return seen;
  let min = Infinity;
  let max = -Infinity;
  let untimed = 0;
  let drawn = 0;
  let first = Infinity;
  let last = -Infinity;
  const fates: Record<number, number> = {};
  const statuses: Partial<Record<TimelineWindow['status'], number>> = {};
  for (let i = 0; i < t.fate.length; i++) {
    const f = t.fate[i] as number;
    if (f === FATE.marker) continue;
    drawn++;
    fates[f] = (fates[f] ?? 0) + 1;
    const v = t.eventTime[i] as number;
    if (!Number.isFinite(v)) untimed++;
    else [min, max] = [Math.min(min, v), Math.max(max, v)];
  }
  for (const w of t.windows) {
    statuses[w.status] = (statuses[w.status] ?? 0) + 1;
    if (w.start !== null && Number.isFinite(w.start)) first = Math.min(first, w.start);
    if (w.end !== null && Number.isFinite(w.end)) last = Math.max(last, w.end);
  }
  const extent: Domain | null = min <= max ? [min, max] : null;
  const windowSpan: Domain | null = first <= last ? [first, last] : null;
  const stats = { extent, untimed, drawn, fates, windowSpan, statuses };
  known.set(t, stats);
  return stats;
}

/** The drawn events' earliest and latest event time, or null when none has one. */
export const eventTimeExtent = (t: Timeline): Domain | null => timelineStats(t).extent;

/** Do the events fall on more than one UTC day (so times need their date)? */
export function spansDays(t: Timeline): boolean {
  const extent = eventTimeExtent(t);
  return extent !== null && Math.floor(extent[0] / DAY_MS) !== Math.floor(extent[1] / DAY_MS);
}

/**
 * Event time: the drawn events' times, widened to take in the windows around them (but by at
 * most a quarter of the events' span each side, so one long sliding window does not squash the
 * events), then padded. Events with no time do not count; an empty timeline shows one minute.
 */
export function eventTimeDomain(t: Timeline): Domain {
  const { extent: events, windowSpan } = timelineStats(t);
  if (events === null) return EMPTY;
  const reach = Math.max(events[1] - events[0], SINGLE_MS) * WINDOW_REACH;
  let [min, max] = events;
  if (windowSpan !== null) {
    min = Math.min(min, Math.max(windowSpan[0], events[0] - reach));
    max = Math.max(max, Math.min(windowSpan[1], events[1] + reach));
  }
  return padDomain([min, max]);
}

/** A step's stretch of processing time: Spark's micro-batch band [from, to] (to = when it ran). */
export interface StepBand {
  /** Index into `timeline.steps`. */
  readonly index: number;
  readonly from: number;
  readonly to: number;
}

/**
 * One band per step ending at its processing time and as long as the shortest gap between
 * consecutive steps (the trigger interval, when batches come from a processing-time trigger), so
 * back-to-back batches touch and a trigger that found no data leaves a gap. One step alone: 1 s.
 */
export function stepBands(steps: readonly TimelineStep[]): StepBand[] {
  let gap = Infinity;
  for (let i = 1; i < steps.length; i++) {
    const d = (steps[i]?.processingTime ?? 0) - (steps[i - 1]?.processingTime ?? 0);
    if (d > 0 && d < gap) gap = d;
  }
  const length = Number.isFinite(gap) ? gap : SINGLE_MS;
  return steps.map((s, index) => ({
    index,
    from: s.processingTime - length,
    to: s.processingTime,
  }));
}

/**
 * Processing time: Spark covers every band, plus half a band below the last for the watermark
 * the next batch will run with (when there is one); Flink spans the records' times, padded.
 */
export function processingTimeDomain(t: Timeline, bands: readonly StepBand[]): Domain {
  if (t.steps.length === 0) return EMPTY;
  if (t.semantics === 'spark') {
    const first = bands[0];
    const last = bands[bands.length - 1];
    if (first === undefined || last === undefined) return EMPTY;
    const next = t.steps[t.steps.length - 1]?.watermarkAfter ?? null;
    const extra = next !== null && Number.isFinite(next) ? (last.to - last.from) / 2 : 0;
    return [first.from, last.to + extra];
  }
  const extent = finiteExtent(t.steps.map((s) => s.processingTime));
  return extent === null ? EMPTY : padDomain(extent);
}

/**
 * Each event's arrival position on the processing-time axis. Flink: its record's processing
 * time. Spark: the events of a micro-batch all share the batch's processing time, so they are
 * spread evenly through its band in arrival order (the order is the engine's; the spacing is not).
 */
export function arrivalPositions(t: Timeline, bands: readonly StepBand[]): Float64Array {
  const y = new Float64Array(t.processingTime.length);
  if (t.semantics === 'flink') {
    y.set(t.processingTime);
    return y;
  }
  t.steps.forEach((s, k) => {
    const band = bands[k];
    if (band === undefined) return;
    for (let j = 0; j < s.eventCount; j++)
      y[s.firstEvent + j] = band.from + ((j + 0.5) / s.eventCount) * (band.to - band.from);
  });
  return y;
}

/**
 * arrivalPositions' value for one event at a time, with no column for every event: a big run's
 * chart places only a few events itself (the canvas places the rest as it paints).
 */
export function arrivalAt(t: Timeline, bands: readonly StepBand[]): (i: number) => number {
  if (t.semantics === 'flink') return (i) => t.processingTime[i] ?? NaN;
  return (i) => {
    const k = (t.step[i] ?? 0) - t.fromStep;
    const s = t.steps[k];
    const band = bands[k];
    if (s === undefined || band === undefined) return NaN;
    return band.from + ((i - s.firstEvent + 0.5) / s.eventCount) * (band.to - band.from);
  };
}

/** Are there drawn events with no event time (they go in a "no time" gutter)? */
export const hasUntimed = (t: Timeline): boolean => timelineStats(t).untimed > 0;

/**
 * Event pixel positions under the scales `x` and `y` (given the arrival positions from
 * arrivalPositions); an event with no event time goes to `gutterX`. With `only`, just those
 * events are placed (the arrays stay full length; the others are left at 0).
 */
export function pixelPositions(
  t: Timeline,
  arrivals: ArrayLike<number> | ((i: number) => number),
  x: (ms: number) => number,
  y: (ms: number) => number,
  gutterX: number,
  only?: Iterable<number>,
): { xs: Float64Array | number[]; ys: Float64Array | number[] } {
  const n = t.eventTime.length;
  // A few events of many: sparse arrays, not two columns as long as the run.
  const xs = only === undefined ? new Float64Array(n) : [];
  const ys = only === undefined ? new Float64Array(n) : [];
  const arrival = typeof arrivals === 'function' ? arrivals : (i: number) => arrivals[i] ?? NaN;
  const place = (i: number): void => {
    const ms = t.eventTime[i] ?? NaN;
    xs[i] = Number.isFinite(ms) ? x(ms) : gutterX;
    ys[i] = y(arrival(i));
  };
  if (only === undefined) for (let i = 0; i < n; i++) place(i);
  else for (const i of only) if (i >= 0 && i < n) place(i);
  return { xs, ys };
}
