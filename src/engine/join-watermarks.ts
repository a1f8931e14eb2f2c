// The watermarks of a join, as Spark derives them: each input's own (WatermarkTracker), the
// global one by the policy (MultipleWatermarkPolicy), each side's state watermark from the time
// range (StreamingJoinHelper.getStateValueWatermark) and what an aggregation after the join sees
// (PropagateWatermarkSimulator with the join's produceOutputWatermark).
import type { InputWatermark, JoinSide, JoinSpec } from './join-types';

export interface JoinWatermarkState {
  /** Per input, in `spec.inputs` order: the input's watermark and max event time so far. */
  readonly inputs: readonly { readonly watermark: number | null; readonly max: number | null }[];
  readonly current: number;
  readonly lastBatch: number;
  readonly aggregationLast: number;
}

/** The global watermark over the inputs that have one: forward only, from 0. */
export class MultiWatermark {
  /** The watermark the next batch runs with (Spark's batchWatermarkMs). */
  current = 0;
  /** The watermark of the last batch that ran: late rows are judged against it. */
  lastBatch = 0;
  /** The aggregation's input watermark in the last batch that ran (its late threshold). */
  aggregationLast = 0;
  private watermarks: (number | null)[];
  private maxes: (number | null)[];
  private batchMax: (number | null)[];

  constructor(private readonly spec: JoinSpec) {
    const n = spec.inputs.length;
    this.watermarks = new Array<number | null>(n).fill(null);
    this.maxes = new Array<number | null>(n).fill(null);
    this.batchMax = new Array<number | null>(n).fill(null);
  }

  observe(input: number, ts: number): void {
    const b = this.batchMax[input] ?? null;
    if (b === null || ts > b) this.batchMax[input] = ts;
    const m = this.maxes[input] ?? null;
    if (m === null || ts > m) this.maxes[input] = ts;
  }

  /**
   * After a batch: an input with data takes batch max − delay when that is later; one that never
   * had data takes 0 (so it holds `min` there); then the policy picks the global candidate, kept
   * when later. Says whether the global watermark moved.
   */
  endBatch(): boolean {
    const chosen: number[] = [];
    this.spec.inputs.forEach((input, i) => {
      const batchMax = this.batchMax[i] ?? null;
      this.batchMax[i] = null;
      if (input.delayMs === null) return;
      const prev = this.watermarks[i] ?? null;
      if (batchMax !== null) {
        const candidate = batchMax - input.delayMs;
        if (prev === null || candidate > prev) this.watermarks[i] = candidate;
      } else if (prev === null) {
        this.watermarks[i] = 0;
      }
      chosen.push(this.watermarks[i] ?? 0);
    });
    if (chosen.length === 0) return false;
    const global = this.spec.policy === 'min' ? Math.min(...chosen) : Math.max(...chosen);
    if (global <= this.current) return false;
    this.current = global;
    return true;
  }

  describe(): InputWatermark[] {
    return this.spec.inputs.map((input, i) => ({
      name: input.name,
      maxEventTime: this.maxes[i] ?? null,
      watermark: input.delayMs === null ? null : (this.watermarks[i] ?? null),
    }));
  }

  toJSON(): JoinWatermarkState {
    return {
      inputs: this.spec.inputs.map((_, i) => ({
        watermark: this.watermarks[i] ?? null,
        max: this.maxes[i] ?? null,
      })),
      current: this.current,
      lastBatch: this.lastBatch,
      aggregationLast: this.aggregationLast,
    };
  }

  restore(s: JoinWatermarkState): void {
    const inputs: JoinWatermarkState['inputs'] = s.inputs;
    if (inputs.length !== this.spec.inputs.length)
      throw new Error('the snapshot was taken with other inputs');
    this.watermarks = inputs.map((x) => x.watermark);
    this.maxes = inputs.map((x) => x.max);
    this.batchMax = this.watermarks.map(() => null);
    this.current = s.current;
    this.lastBatch = s.lastBatch;
    this.aggregationLast = s.aggregationLast;
  }
}

/** Whether any input has a watermark (else the query has none at all). */
export function hasWatermark(spec: JoinSpec): boolean {
  return spec.inputs.some((i) => i.delayMs !== null);
}

/**
 * The `on` pair whose field is a watermarked time column (left keys first, as
 * joinKeyOrdinalForWatermark): state is then evicted by key, `key time <= watermark`.
 */
export function keyWatermarkOrdinal(spec: JoinSpec): number | null {
  const { left, right, on } = spec;
  const l = left.delayMs === null ? -1 : on.findIndex(([f]) => f === left.time);
  if (l >= 0) return l;
  const r = right.delayMs === null ? -1 : on.findIndex(([, f]) => f === right.time);
  return r >= 0 ? r : null;
}

/**
 * A side's state watermark for global watermark `g`: rows with `time <= ` it are evicted. With a
 * key watermark it is `g` itself. From `right <= left + upper` the left side gets
 * `g − upper − 1`, from `right >= left + lower` the right side `g + lower − 1` (Spark subtracts
 * 1 ms for a non-strict bound). Null: the side is never evicted (it needs a watermark on both
 * sides and the time range).
 */
export function stateWatermark(spec: JoinSpec, side: JoinSide, g: number): number | null {
  if (keyWatermarkOrdinal(spec) !== null) return g;
  const b = spec.between;
  if (b === null || spec.left.delayMs === null || spec.right.delayMs === null) return null;
  return side === 'left' ? g - b.upperMs - 1 : g + b.lowerMs - 1;
}

/**
 * The aggregation's input watermark in a batch with global watermark `g`: the join's output
 * watermark min(left state, right state, g), never below 0; Spark skips the propagation (0 for
 * every operator) while the global watermark is 0.
 */
export function aggregationWatermark(spec: JoinSpec, g: number): number {
  if (g === 0) return 0;
  const candidates = [g];
  for (const side of ['left', 'right'] as const) {
    const s = stateWatermark(spec, side, g);
    if (s !== null) candidates.push(s);
  }
  return Math.max(Math.min(...candidates), 0);
}
