// Spark's event-time watermark: max event time seen − delay, only forward, starting at 0. The
// value computed after batch N is the one batch N + 1 runs with (WatermarkTracker).

export interface SparkWatermarkState {
  readonly current: number;
  readonly lastBatch: number;
  readonly maxEventTime: number | null;
}

export class SparkWatermark {
  /** The watermark the next batch runs with (Spark's batchWatermarkMs). */
  current = 0;
  /** The watermark of the last batch that ran: the next batch's threshold for late rows. */
  lastBatch = 0;
  /** Max event time over every batch so far, late rows included. */
  maxEventTime: number | null = null;

  constructor(readonly delayMs: number) {}

  observe(ts: number): void {
    if (this.maxEventTime === null || ts > this.maxEventTime) this.maxEventTime = ts;
  }

  /** Moves `current` to max − delay when that is later; says whether it moved. */
  advance(): boolean {
    if (this.maxEventTime === null) return false;
    const candidate = this.maxEventTime - this.delayMs;
    if (candidate <= this.current) return false;
    this.current = candidate;
    return true;
  }

  toJSON(): SparkWatermarkState {
    return { current: this.current, lastBatch: this.lastBatch, maxEventTime: this.maxEventTime };
  }

  restore(s: SparkWatermarkState): void {
    this.current = s.current;
    this.lastBatch = s.lastBatch;
    this.maxEventTime = s.maxEventTime;
  }
}
