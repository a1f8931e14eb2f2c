// Generator throughput, for `npm run bench`. The clock is passed in (this folder has none), so
// the caller chooses performance.now. Two ways to take the events: all at once as one array
// (every object kept alive: the garbage collector's cost dominates), or in arrival batches the
// way a simulation feeds an engine (objects die young).

import { generateClickstream, prepareClickstream } from './clickstream';
import type { GeneratorSettingsInput } from './settings';

export interface GeneratorBenchmark {
  readonly mode: 'array' | 'batches';
  readonly events: number;
  /** Milliseconds per timed run, in run order. */
  readonly runsMs: readonly number[];
  readonly bestMs: number;
  /**
   * events / fastest run time: other work on a shared machine only ever slows a run down (the
   * median swung 1.8–3.0M events/s over three benches in ten minutes).
   */
  readonly eventsPerSec: number;
}

export interface GeneratorBenchmarkOptions {
  /** A monotonic clock in ms, such as performance.now. */
  readonly now: () => number;
  /** 'batches' (default): prepareClickstream, then slices of `batchSize` dropped after use. */
  readonly mode?: 'array' | 'batches';
  readonly events?: number;
  readonly batchSize?: number;
  /** Timed runs after one untimed warm-up run at a tenth of the size. */
  readonly runs?: number;
  /** Settings besides `events` (default: the defaults). */
  readonly settings?: GeneratorSettingsInput;
}

/** Issue 3's target for the generator. */
export const GENERATOR_TARGET_EVENTS_PER_SEC = 2_000_000;

export function benchmarkGenerator(options: GeneratorBenchmarkOptions): GeneratorBenchmark {
  const { now, mode = 'batches', events = 1_000_000, batchSize = 10_000, runs = 5 } = options;
  const base: GeneratorSettingsInput = { ...options.settings, duration: undefined };
  const once = (count: number): number => {
    if (mode === 'array') return generateClickstream({ ...base, events: count }).length;
    const stream = prepareClickstream({ ...base, events: count });
    let made = 0;
    for (let p = 0; p < stream.length; p += batchSize)
      made += stream.slice(p, p + batchSize).length;
    return made;
  };
  once(Math.ceil(events / 10));
  const runsMs: number[] = [];
  let made = 0;
  for (let r = 0; r < runs; r++) {
    const started = now();
    made = once(events);
    runsMs.push(now() - started);
  }
  const bestMs = Math.min(...runsMs);
  return { mode, events: made, runsMs, bestMs, eventsPerSec: (made / bestMs) * 1000 };
}
