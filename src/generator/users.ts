// The users: each has a fixed device and place, and starts sessions in proportion to a Zipf
// weight. A person browses one session at a time and rests longer than the session gap before
// the next, so the busiest users are capped by how fast a person can browse.

import { DEVICE_PROFILES, LOCATION_WEIGHTS } from './catalog';
import type { Prng } from './prng';
import { WeightedSampler, zipfSampler } from './sampler';

/** Zipf draws that may land on busy users before the least busy one is taken instead. */
const MAX_DRAWS = 32;

export class UserPool {
  readonly count: number;
  /** Index into DEVICE_PROFILES, per user. */
  readonly device: Uint8Array;
  /** Index into LOCATIONS, per user. */
  readonly location: Uint8Array;
  /** The first time each user may start a new session: last event + gap + 1 ms. */
  readonly freeFrom: Float64Array;
  private readonly activity: WeightedSampler;

  /** Profiles come from `profileRng`, so they do not change with rate, funnel or arrival. */
  constructor(count: number, zipfExponent: number, profileRng: Prng) {
    this.count = count;
    this.activity = zipfSampler(count, zipfExponent);
    this.device = new Uint8Array(count);
    this.location = new Uint8Array(count);
    this.freeFrom = new Float64Array(count).fill(-Infinity);
    const devices = new WeightedSampler(DEVICE_PROFILES.map((d) => d.weight));
    const locations = new WeightedSampler(LOCATION_WEIGHTS);
    for (let u = 0; u < count; u++) {
      this.device[u] = devices.sample(profileRng);
      this.location[u] = locations.sample(profileRng);
    }
  }

  /**
   * The user for a session planned at `at`: drawn by Zipf weight among users free by then
   * (rejection sampling). When every draw is busy, the user free soonest; the caller then starts
   * the session at max(at, freeFrom[user]).
   */
  choose(at: number, rng: Prng): number {
    const freeFrom = this.freeFrom;
    for (let i = 0; i < MAX_DRAWS; i++) {
      const u = this.activity.sample(rng);
      if ((freeFrom[u] as number) <= at) return u;
    }
    let best = 0;
    for (let u = 1; u < this.count; u++) {
      if ((freeFrom[u] as number) < (freeFrom[best] as number)) best = u;
    }
    return best;
  }
}
