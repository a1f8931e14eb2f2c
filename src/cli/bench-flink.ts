// Flink mode in `npm run bench`: the same four queries record by record (bounded-out-of-orderness
// watermark of 1 minute, trace off).
import { FlinkEngine, parseQuery, type Query } from '../engine/index';
import type { ClickEvent } from './bench-stream';
import { fresh, measure, timedRun, type Measurement } from './bench-measure';

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
