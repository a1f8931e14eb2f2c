// `npm run bench`, per-key state: throughput of the state function over 10,000 keys (the
// built-ins, and custom code through the node:vm runner), trace off, batches of 10,000 rows.
import { parseQuery } from '../engine/query-parse';
import { SparkStateEngine, type SparkStateOptions } from '../engine/spark-state';
import type { Event } from '../engine/types';
import { fresh, measure, timedRun, type Measurement } from './bench-measure';
import { nodeStateRunner } from './node-state-runner';

const KEYS = 10_000;
const EVENTS = 500_000;
const CUSTOM_EVENTS = 50_000;
const BATCH = 10_000;
/** Processing time between batches, and event time covered by one batch. */
const TRIGGER_MS = 1000;
const RUNS = 3;

/** Seeded rows: a key among 10,000, an amount, event time rising with small disorder. */
function stream(n: number): Event[][] {
  let seed = 20_240_601;
  // The high bits of the LCG (its low bits repeat with short periods).
  const next = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return Math.floor(seed / 65_536);
  };
  const batches: Event[][] = [];
  for (let b = 0; b * BATCH < n; b++) {
    const batch: Event[] = [];
    for (let i = 0; i < BATCH && b * BATCH + i < n; i++) {
      const ts = 1_700_000_000_000 + b * TRIGGER_MS + (i * TRIGGER_MS) / BATCH - (next() % 500);
      batch.push({
        user_id: `u${String(next() % KEYS)}`,
        ts: Math.floor(ts),
        amount: next() % 100,
      });
    }
    batches.push(batch);
  }
  return batches;
}

const CUSTOM_CODE = `let t = state.exists ? state.get() : 0;
for (const v of values) t += v.amount;
state.update(t);
state.setTimeoutDuration(60000);
return { total: t };`;

const QUERIES: readonly { name: string; stateful: object; watermark: boolean }[] = [
  {
    name: 'running_total',
    stateful: {
      function: 'running_total',
      field: 'amount',
      timeout: { kind: 'processing', duration: '1 minute' },
    },
    watermark: false,
  },
  {
    name: 'session',
    stateful: { function: 'session', timeout: { kind: 'event', duration: '30 seconds' } },
    watermark: true,
  },
  {
    name: 'custom (vm)',
    stateful: { function: 'custom', code: CUSTOM_CODE, timeout: { kind: 'processing' } },
    watermark: false,
  },
];

function run(
  raw: (typeof QUERIES)[number],
  batches: readonly Event[][],
): () => ReturnType<typeof timedRun> {
  const query = parseQuery(
    {
      time: 'ts',
      groupBy: ['user_id'],
      stateful: raw.stateful,
      watermark: raw.watermark ? { delay: '10 seconds' } : null,
      outputMode: 'update',
    },
    'spark',
  );
  const spec = query.stateful;
  return () =>
    timedRun((sample) => {
      const options: SparkStateOptions =
        spec?.function === 'custom' ? { runner: nodeStateRunner(spec) } : {};
      const engine = fresh(() => new SparkStateEngine(query, options));
      let rows = 0;
      batches.forEach((b, i) => {
        rows += engine.runBatch(b, i * TRIGGER_MS).result.rows.length;
        sample();
      });
      return rows;
    });
}

/** Prints one line per state function: events/s, peak heap, rows out. */
export function printStateBench(): Measurement[] {
  console.log('');
  console.log(
    `per-key state: ${KEYS.toLocaleString('en-US')} keys, update mode, a batch of ${BATCH.toLocaleString('en-US')} rows every ${String(TRIGGER_MS)} ms, best of ${String(RUNS)}`,
  );
  const out: Measurement[] = [];
  for (const q of QUERIES) {
    const n = q.name.startsWith('custom') ? CUSTOM_EVENTS : EVENTS;
    const batches = stream(n);
    const m = measure(n, RUNS, run(q, batches.slice(0, 5)), run(q, batches));
    out.push(m);
    const rate = `${(m.eventsPerSec / 1000).toFixed(0)}k events/s`;
    console.log(
      `${q.name.padEnd(14)} ${rate.padStart(16)}  peak heap ${m.peakHeapMb.toFixed(1).padStart(6)} MB  ${m.rowsOut.toLocaleString('en-US')} rows out (${n.toLocaleString('en-US')} events)`,
    );
  }
  return out;
}
