// Tumbling windows: fixed size, no overlap; every event is in exactly one window.
import { alignedStart } from './window';

/** The one window of ts: [start, start + size) with start aligned to epoch + offset. */
export function tumblingWindowStart(ts: number, sizeMs: number, offsetMs: number): number {
  return alignedStart(ts, sizeMs, offsetMs);
}
