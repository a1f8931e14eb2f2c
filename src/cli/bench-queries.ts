// The benchmark's queries, written as a scenario would write them, with their throughput targets
// (2-core machine) and the plain-Map baseline that computes the same final answer.
import { parseQuery, SparkAnalysisError, SparkEngine, type Query } from '../engine/index';
import { sessionCounts, windowCounts, windowCtr, type Baseline } from './bench-baseline';

export type BenchQueryName = 'tumbling' | 'sliding' | 'session' | 'ctr';

export interface BenchQuery {
  readonly name: BenchQueryName;
  readonly query: Query;
  readonly targetEventsPerSec: number;
  readonly baseline: () => Baseline<unknown>;
}

const MINUTE = 60_000;
const WATERMARK = { delay: '1 minute' };
const COUNT = [{ fn: 'count', as: 'count' }];

function spark(raw: Record<string, unknown>): Query {
  return parseQuery(
    { time: 'ts', groupBy: ['user_id'], watermark: WATERMARK, outputMode: 'update', ...raw },
    'spark',
  );
}

export const BENCH_QUERIES: readonly BenchQuery[] = [
  {
    name: 'tumbling',
    query: spark({ window: { type: 'tumbling', size: '1 minute' }, aggregates: COUNT }),
    targetEventsPerSec: 10e6,
    baseline: () => windowCounts(MINUTE),
  },
  {
    name: 'sliding',
    query: spark({
      window: { type: 'sliding', size: '5 minutes', slide: '1 minute' },
      aggregates: COUNT,
    }),
    targetEventsPerSec: 4e6,
    baseline: () => windowCounts(5 * MINUTE, MINUTE),
  },
  {
    name: 'session',
    // Append, not update: Spark refuses update mode for session windows (see sessionRefusal).
    query: spark({
      window: { type: 'session', gap: '30 seconds' },
      aggregates: COUNT,
      outputMode: 'append',
    }),
    targetEventsPerSec: 5e6,
    baseline: () => sessionCounts(30_000),
  },
  {
    name: 'ctr',
    query: spark({
      window: { type: 'tumbling', size: '5 minutes' },
      aggregates: [
        { fn: 'count', where: { event_type: 'impression' }, as: 'impressions' },
        { fn: 'count', where: { event_type: 'click' }, as: 'clicks' },
      ],
      derived: [{ as: 'ctr', expr: 'clicks / impressions' }],
    }),
    targetEventsPerSec: 8e6,
    baseline: () => windowCtr(5 * MINUTE),
  },
];

/** Tumbling count with trace on: what a lesson runs, at a lesson's scale. */
export const TRACE_TARGET_EVENTS_PER_SEC = 1e6;

/** The engine's own refusal of the session query in update mode (null if it ever accepts it). */
export function sessionRefusal(): string | null {
  try {
    new SparkEngine(spark({ window: { type: 'session', gap: '30 seconds' }, aggregates: COUNT }));
    return null;
  } catch (err) {
    if (err instanceof SparkAnalysisError) return err.message;
    throw err;
  }
}
