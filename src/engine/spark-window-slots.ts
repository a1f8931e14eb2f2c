// The window store's current window set, for tumbling and sliding windows: the windows of the
// latest event time (an AlignedSlot, reused while events stay in it), their buckets (null where
// the window is late), and the two hot slots the compiled input loop reads (ingest-builder.ts).
// Entering a slot makes the buckets of its open windows, latest first: the order buckets, and
// so eviction and snapshots, follow.
import { HotSlots } from './ingest-builder';
import type { Bucket } from './spark-window-rows';
import { AlignedSlot } from './window-slot';

export class WindowSlots {
  readonly slot: AlignedSlot;
  /** The current slot's buckets, parallel to slot.starts; null where the window is late. */
  readonly buckets: (Bucket | null)[] = [];
  readonly hot = new HotSlots();

  constructor(
    sizeMs: number,
    slideMs: number,
    offsetMs: number,
    /** The bucket of a window, made on first use. */
    private readonly bucketAt: (start: number, end: number) => Bucket,
  ) {
    this.slot = new AlignedSlot(sizeMs, slideMs, offsetMs);
  }

  /**
   * Moves to the windows of ts, making the buckets of those not late (end > threshold), and
   * opens the hot slot when all are open and nothing is traced.
   */
  enter(ts: number, threshold: number | null, tracing: boolean): void {
    const slot = this.slot;
    slot.moveTo(ts);
    for (let i = 0; i < slot.n; i++) {
      const start = slot.starts[i] ?? 0;
      const end = start + slot.sizeMs;
      this.buckets[i] = threshold !== null && end <= threshold ? null : this.bucketAt(start, end);
    }
    const hot = this.hot.next();
    if (tracing) return;
    for (let i = 0; i < slot.n; i++) {
      const bucket = this.buckets[i] ?? null;
      if (bucket === null) return;
      hot[i] = bucket;
    }
    this.hot.open(slot.lo, slot.hi, slot.n);
  }

  /** No event is in the current slot any more (a run began, buckets went, a −0 came). */
  forget(): void {
    this.slot.clear();
    this.hot.clear();
  }
}
