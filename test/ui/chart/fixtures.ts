// Small timelines for the chart's tests, made by running the real engine over tiny inputs.
import type { Semantics } from '../../../src/engine/types';
import { Simulation } from '../../../src/worker/simulation';
import type { Timeline } from '../../../src/worker/timeline';

/** Tumbling 10 s windows per user, a 5 s watermark, clicks only (see test/worker/timeline.test.ts). */
export const tumblingQuery = {
  time: 'ts',
  window: { type: 'tumbling', size: '10 seconds' },
  groupBy: ['user'],
  aggregates: [{ fn: 'count', as: 'n' }],
  watermark: { delay: '5 seconds' },
  outputMode: 'append',
  filter: { kind: 'click' },
};

/** a@1 s, b@3 s, a view (filtered) | a@16 s | b@4 s (late), one with no time. */
export const batches = [
  [
    { ts: 1_000, user: 'a', kind: 'click' },
    { ts: 3_000, user: 'b', kind: 'click' },
    { ts: 2_000, user: 'a', kind: 'view' },
  ],
  [{ ts: 16_000, user: 'a', kind: 'click' }],
  [
    { ts: 4_000, user: 'b', kind: 'click' },
    { ts: null, user: 'c', kind: 'click' },
  ],
];

export function timelineOf(
  semantics: Semantics,
  steps = Infinity,
  query: unknown = tumblingQuery,
  input: readonly (readonly Record<string, unknown>[])[] = batches,
): Timeline {
  const sim = new Simulation({ semantics, query, input: { kind: 'batches', batches: input } });
  sim.seek(steps);
  return sim.timeline();
}

/** Sliding 10 s windows every 5 s, no grouping: each event in two overlapping windows. */
export const slidingQuery = {
  time: 'ts',
  window: { type: 'sliding', size: '10 seconds', slide: '5 seconds' },
  groupBy: [],
  aggregates: [{ fn: 'count', as: 'n' }],
  watermark: { delay: '5 seconds' },
  outputMode: 'update',
};
