// Sliding (hopping) windows: size S every slide L; an event is in each aligned window with
// start <= ts < start + S, ceil(S / L) of them when L divides S (Spark's Expand + Filter).
import { alignedStart } from './window';

/**
 * Writes into `out` the starts of every window containing ts, latest first, and returns how
 * many. `out` is reused by the caller so the hot path allocates nothing.
 */
export function slidingWindowStarts(
  ts: number,
  sizeMs: number,
  slideMs: number,
  offsetMs: number,
  out: number[],
): number {
  let n = 0;
  for (let start = alignedStart(ts, slideMs, offsetMs); ts < start + sizeMs; start -= slideMs) {
    out[n++] = start;
  }
  return n;
}
