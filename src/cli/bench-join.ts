// `npm run bench`, joins: stream-stream join throughput with trace off on 100,000 impressions and
// 5,000 clicks (every 20th impression clicked 1–10 s later), each arriving up to 5 s after its
// event time, in batches of 10,000: a plain inner join and the CTR-by-campaign pipeline.
import { parseQuery } from '../engine/query-parse';
import { SparkJoinEngine } from '../engine/spark-join';
import type { Event, Query } from '../engine/types';
import { Prng } from '../generator/prng';
import { fresh, measure, timedRun, type Measurement, type RunResult } from './bench-measure';

const IMPRESSIONS = 100_000;
const CLICK_EVERY = 20;
const BATCH = 10_000;
const RUNS = 3;
const T0 = Date.UTC(2024, 0, 1);

/** Impressions every 10 ms of event time over 50 campaigns, in arrival order. */
export function joinStream(): Event[] {
  const prng = new Prng('bench-join');
  const timed: { arrival: number; seq: number; event: Event }[] = [];
  for (let i = 0; i < IMPRESSIONS; i++) {
    const t = T0 + i * 10;
    const id = `i${String(i)}`;
    const imp = {
      $input: 'impressions',
      impression_id: id,
      campaign_id: `c${String(i % 50)}`,
      impression_time: t,
    };
    timed.push({ arrival: t + prng.int(0, 5000), seq: timed.length, event: imp });
    if (i % CLICK_EVERY !== 0) continue;
    const ct = t + prng.int(1000, 10_000);
    const click = { $input: 'clicks', click_impression_id: id, click_time: ct };
    timed.push({ arrival: ct + prng.int(0, 5000), seq: timed.length, event: click });
  }
  timed.sort((a, b) => a.arrival - b.arrival || a.seq - b.seq);
  return timed.map((x) => x.event);
}

const INPUTS = {
  impressions: { time: 'impression_time', watermark: { delay: '10 seconds' } },
  clicks: { time: 'click_time', watermark: { delay: '10 seconds' } },
};
const ON = [['impression_id', 'click_impression_id']];
const BETWEEN = { lower: '0 seconds', upper: '15 seconds' };

export const JOIN_QUERIES: readonly { readonly name: string; readonly query: Query }[] = [
  {
    name: 'inner join',
    query: parseQuery(
      {
        inputs: INPUTS,
        join: { left: 'impressions', right: 'clicks', type: 'inner', on: ON, between: BETWEEN },
        outputMode: 'append',
      },
      'spark',
    ),
  },
  {
    name: 'CTR join+agg',
    query: parseQuery(
      {
        inputs: INPUTS,
        join: { left: 'impressions', right: 'clicks', type: 'leftOuter', on: ON, between: BETWEEN },
        time: 'impression_time',
        window: { type: 'tumbling', size: '1 minute' },
        groupBy: ['campaign_id'],
        aggregates: [
          { fn: 'count', as: 'impressions' },
          { fn: 'count', field: 'click_time', as: 'clicks' },
        ],
        derived: [{ as: 'ctr', expr: 'clicks / impressions' }],
        outputMode: 'append',
      },
      'spark',
    ),
  },
];

function runJoin(query: Query, batches: readonly Event[][]): RunResult {
  return timedRun((sample) => {
    const engine = fresh(() => new SparkJoinEngine(query));
    let rows = 0;
    for (const batch of batches) {
      rows += engine.runBatch(batch).result.rows.length;
      sample();
    }
    return rows;
  });
}

export function measureJoins(): { readonly name: string; readonly m: Measurement }[] {
  const events = joinStream();
  const batches: Event[][] = [];
  for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
  return JOIN_QUERIES.map(({ name, query }) => ({
    name,
    m: measure(
      events.length,
      RUNS,
      () => runJoin(query, batches),
      () => runJoin(query, batches),
    ),
  }));
}

/** Prints one line per join query: input rows per second, peak heap, rows out. */
export function printJoinBench(): void {
  console.log('');
  console.log(
    `stream-stream joins (trace off): ${IMPRESSIONS.toLocaleString('en-US')} impressions + ${(IMPRESSIONS / CLICK_EVERY).toLocaleString('en-US')} clicks, arrival up to 5 s late, 10 s watermarks, clicks within 15 s, batches of ${BATCH.toLocaleString('en-US')}`,
  );
  for (const { name, m } of measureJoins()) {
    const rate = `${(m.eventsPerSec / 1e6).toFixed(2)}M rows/s`;
    console.log(
      `${name.padEnd(14)} ${rate.padStart(14)}  peak heap ${m.peakHeapMb.toFixed(1).padStart(6)} MB  rows out ${m.rowsOut.toLocaleString('en-US')}`,
    );
  }
}
