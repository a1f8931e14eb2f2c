// The arrival model: each event's network delay in whole ms, so arrival (processing) time =
// event time + delay. Drawn from its own random stream, so changing the arrival model changes
// when events arrive and nothing else.

import type { Prng } from './prng';
import type { ArrivalModel } from './settings';

const NONE = 0;
const UNIFORM = 1;
const EXPONENTIAL = 2;
const STRAGGLERS = 3;

export class ArrivalSampler {
  private readonly kind: number;
  private readonly fraction: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly meanDelayMs: number;

  constructor(
    model: ArrivalModel,
    private readonly rng: Prng,
  ) {
    this.fraction = model.kind === 'stragglers' ? model.fraction : 0;
    this.baseDelayMs = model.kind === 'stragglers' ? model.baseDelayMs : 0;
    this.maxDelayMs =
      model.kind === 'stragglers' || model.kind === 'uniform' ? model.maxDelayMs : 0;
    this.meanDelayMs = model.kind === 'exponential' ? model.meanDelayMs : 0;
    this.kind =
      model.kind === 'none'
        ? NONE
        : model.kind === 'uniform'
          ? UNIFORM
          : model.kind === 'exponential'
            ? EXPONENTIAL
            : STRAGGLERS;
  }

  /**
   * One delay: none → 0; uniform → [0, maxDelay]; exponential → round(Exp(mean)), at most
   * 22.2 × mean (32-bit uniforms); stragglers → with probability `fraction` in
   * (baseDelay, maxDelay], otherwise in [0, baseDelay].
   */
  next(): number {
    const rng = this.rng;
    switch (this.kind) {
      case UNIFORM:
        return rng.int(0, this.maxDelayMs);
      case EXPONENTIAL:
        return Math.round(rng.exponential(this.meanDelayMs));
      case STRAGGLERS: {
        // One draw decides both: u < fraction is a straggler, and u's place within its part
        // of [0, 1) is where its delay falls.
        const u = rng.uniform();
        const f = this.fraction;
        const base = this.baseDelayMs;
        // (Math.min only guards against rounding up to the end of a range.)
        return u < f
          ? Math.min(this.maxDelayMs, base + 1 + Math.floor((u / f) * (this.maxDelayMs - base)))
          : Math.min(base, Math.floor(((u - f) / (1 - f)) * (base + 1)));
      }
      default:
        return 0;
    }
  }
}
