// A time window [start, end): start inclusive, end exclusive, epoch ms. Flink's maxTimestamp is
// end − 1, the last instant inside the window.

export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

/** The last instant inside the window: end − 1 (Flink's TimeWindow.maxTimestamp). */
export function maxTimestamp(w: TimeWindow): number {
  return w.end - 1;
}

/** Floor modulo: the result has the divisor's sign, so negative times align downward. */
export function floorMod(a: number, n: number): number {
  const r = a % n;
  if (r === 0) return 0; // not −0, which would leak into output as a negative zero
  return r < 0 !== n < 0 ? r + n : r;
}

/**
 * Start of the latest aligned window containing ts: start = ts − ((ts − offset) mod slide),
 * with floor modulo (Spark ≥ 3.4 and Flink's TimeWindow.getWindowStartWithOffset agree).
 */
export function alignedStart(ts: number, slideMs: number, offsetMs: number): number {
  return ts - floorMod(ts - offsetMs, slideMs);
}
