// Flink mode and the generator in `npm run bench`: the same four queries record by record
// (bounded-out-of-orderness watermark of 1 minute, trace off), and the clickstream generator's
// throughput, batched as a simulation takes it and as one array.
import { FlinkEngine, parseQuery, type Query } from '../engine/index';
import { benchmarkGenerator } from '../generator';
import type { ClickEvent } from './bench-stream';
import { collectGarbage, fresh, measure, timedRun, type Measurement } from './bench-measure';

export interface FlinkBenchQuery {
  readonly name: 'tumbling' | 'sliding' | 'session' | 'ctr';
  readonly query: Query;
  /** Records per second to reach on this 2-core machine; null: no target set. */
  readonly target: number | null;
}

function flink(raw: Record<string, unknown>): Query {
  return parseQuery(
    { time: 'ts', groupBy: ['user_id'], watermark: { delay: '1 minute' }, ...raw },
    'flink',
  );
}

const COUNT = [{ fn: 'count', as: 'count' }];

export const FLINK_QUERIES: readonly FlinkBenchQuery[] = [
  {
    name: 'tumbling',
    query: flink({ window: { type: 'tumbling', size: '1 minute' }, aggregates: COUNT }),
    target: 5e6,
  },
  {
    name: 'sliding',
    query: flink({
      window: { type: 'sliding', size: '5 minutes', slide: '1 minute' },
      aggregates: COUNT,
    }),
    target: 2e6,
  },
  {
    name: 'session',
    query: flink({ window: { type: 'session', gap: '30 seconds' }, aggregates: COUNT }),
    target: 2e6,
  },
  {
    name: 'ctr',
    query: flink({
      window: { type: 'tumbling', size: '5 minutes' },
      aggregates: [
        { fn: 'count', where: { event_type: 'impression' }, as: 'impressions' },
        { fn: 'count', where: { event_type: 'click' }, as: 'clicks' },
      ],
      derived: [{ as: 'ctr', expr: 'clicks / impressions' }],
    }),
    target: null,
  },
];

/** Every record through a fresh engine, then `$end`; the fired rows are counted (consumed). */
function runFlink(query: Query, events: readonly ClickEvent[], sampleEvery: number) {
  return timedRun((sample) => {
    const engine = fresh(() => new FlinkEngine(query));
    let rows = 0;
    for (let i = 0; i < events.length; i++) {
      rows += engine.process(events[i] as ClickEvent).emissions.length;
      if (i % sampleEvery === 0) sample();
    }
    rows += engine.process({ $end: true }).emissions.length;
    return rows;
  });
}

export function measureFlink(
  q: FlinkBenchQuery,
  events: readonly ClickEvent[],
  warm: readonly ClickEvent[],
  runs: number,
  sampleEvery: number,
): Measurement {
  return measure(
    events.length,
    runs,
    () => runFlink(q.query, warm, sampleEvery),
    () => runFlink(q.query, events, sampleEvery),
  );
}

export const GENERATOR_TARGET = 2e6;

/**
 * The generator making 1M events: in batches of 10,000 dropped after use, and as one array.
 * Best of `runs`, as every other figure of the bench (its median swung 1.8–3.0M events/s over
 * three benches in ten minutes).
 */
export function measureGenerator(mode: 'batches' | 'array', events: number, runs: number): number {
  // A full collection first: the engine runs before it leave a heap that a young-generation
  // workload like this one would otherwise pay for.
  collectGarbage();
  const r = benchmarkGenerator({ now: () => performance.now(), mode, events, runs });
  return (r.events / r.bestMs) * 1000;
}
