// The watermark as the chart draws it, in data units: x = the watermark (event time), y =
// processing time. Spark holds one watermark per micro-batch (a staircase); Flink moves it after
// every record (a finer staircase, a line at the scale of many records). −∞ (null, no watermark
// yet) and +∞ (end of input) break the line.
import type { Timeline } from '../../worker/timeline';
import type { StepBand } from './chart-scales';

export interface WatermarkPoint {
  readonly x: number;
  readonly y: number;
}

const drawable = (w: number | null): w is number => w !== null && Number.isFinite(w);

/**
 * Runs of points to join with straight lines, one run per stretch with a finite watermark.
 * Spark: batch k ran with `watermarkBefore`, from the start of its band until the next batch
 * starts (or its own band ends), so each batch adds a vertical segment and a change between
 * batches a horizontal one. Flink: `watermarkAfter` of each record from its processing time,
 * held until the next record moves it (a straight diagonal between two records would show a
 * watermark that never was).
 */
export function watermarkSegments(t: Timeline, bands: readonly StepBand[]): WatermarkPoint[][] {
  const runs: WatermarkPoint[][] = [];
  let run: WatermarkPoint[] = [];
  const cut = (): void => {
    if (run.length > 0) runs.push(run);
    run = [];
  };
  if (t.semantics === 'spark') {
    t.steps.forEach((s, k) => {
      const band = bands[k];
      const w = s.watermarkBefore;
      if (band === undefined || !drawable(w)) {
        cut();
        return;
      }
      const until = bands[k + 1]?.from ?? band.to;
      run.push({ x: w, y: band.from }, { x: w, y: Math.max(until, band.from) });
    });
  } else {
    for (const s of t.steps) {
      if (!drawable(s.watermarkAfter)) {
        cut();
        continue;
      }
      const held = run[run.length - 1];
      if (held !== undefined && held.x !== s.watermarkAfter)
        run.push({ x: held.x, y: s.processingTime });
      run.push({ x: s.watermarkAfter, y: s.processingTime });
    }
  }
  cut();
  return runs;
}

/**
 * Spark's next watermark, computed at the end of the last batch and used by the next one: drawn
 * as a stub from the end of the last band, `length` of processing time long. Null for Flink (its
 * line already ends at the latest watermark) or when it is not finite.
 */
export function nextWatermark(
  t: Timeline,
  bands: readonly StepBand[],
): { x: number; from: number; to: number } | null {
  const last = t.steps[t.steps.length - 1];
  const band = bands[bands.length - 1];
  if (t.semantics !== 'spark' || last === undefined || band === undefined) return null;
  if (!drawable(last.watermarkAfter)) return null;
  return { x: last.watermarkAfter, from: band.to, to: band.to + (band.to - band.from) / 2 };
}

/** The watermark's moving end: the line from `from` to `(x, y)`, then Spark's stub down to `stubTo`. */
export interface WatermarkHead {
  readonly from: WatermarkPoint;
  /** The latest watermark, and the processing time it is drawn at. */
  readonly x: number;
  readonly y: number;
  /** Spark's stub for the next batch's watermark ends here; null without one. */
  readonly stubTo: number | null;
}

/**
 * Splits the drawn watermark into what stays put and its end, which the chart moves to each new
 * value: Spark's stub for the next watermark (joined to the staircase), or the last point of the
 * line (Flink, or Spark with no next watermark), which is taken out of the body.
 */
export function splitHead(
  segments: readonly WatermarkPoint[][],
  next: { x: number; from: number; to: number } | null,
): { body: WatermarkPoint[][]; head: WatermarkHead | null } {
  const last = segments.at(-1);
  if (next !== null) {
    const from = last?.at(-1) ?? { x: next.x, y: next.from };
    return { body: [...segments], head: { from, x: next.x, y: next.from, stubTo: next.to } };
  }
  const end = last?.at(-1);
  if (last === undefined || end === undefined) return { body: [...segments], head: null };
  const rest = last.slice(0, -1);
  const body = [...segments.slice(0, -1), ...(rest.length > 0 ? [rest] : [])];
  return { body, head: { from: rest.at(-1) ?? end, x: end.x, y: end.y, stubTo: null } };
}
