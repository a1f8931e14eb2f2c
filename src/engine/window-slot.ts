// The aligned windows (tumbling or sliding) of an event time, together with the interval of
// times that fall in exactly the same windows, so a store can reuse them for consecutive events
// instead of recomputing a floor modulo on epoch-ms doubles per event.
import { alignedStart } from './window';

export class AlignedSlot {
  /** Every ts with lo <= ts < hi has the windows starting at starts[0..n) (latest first). */
  lo = Number.NaN;
  hi = Number.NaN;
  n = 0;
  readonly starts: number[] = [];

  constructor(
    readonly sizeMs: number,
    readonly slideMs: number,
    readonly offsetMs: number,
  ) {}

  /** NaN bounds: no ts is inside, so the next event recomputes. */
  clear(): void {
    this.lo = Number.NaN;
    this.hi = Number.NaN;
  }

  /**
   * Moves to the windows of ts: aligned starts a, a − slide, … while ts < start + size (what
   * slidingWindowStarts gives). The set stays the same while ts stays below the next aligned
   * start and the last window's end, and at or above the end of the first window left out.
   */
  moveTo(ts: number): void {
    const { sizeMs, slideMs } = this;
    const a = alignedStart(ts, slideMs, this.offsetMs);
    let n = 0;
    for (let start = a; ts < start + sizeMs; start -= slideMs) this.starts[n++] = start;
    this.n = n;
    this.lo = Math.max(a, a - n * slideMs + sizeMs);
    this.hi = n === 0 ? a + slideMs : Math.min(a + slideMs, a - (n - 1) * slideMs + sizeMs);
  }
}

/**
 * Places in a per-key ring of window counts (Spark's spark-key-rings.ts, Flink's
 * flink-aligned-counts.ts): room for an event's windows and a few more (those the watermark
 * has not closed yet), a power of two so a window id modulo places is a mask.
 */
export function ringPlaces(windowsPerEvent: number): number {
  let places = 4;
  while (places < windowsPerEvent + 3) places *= 2;
  return places;
}
