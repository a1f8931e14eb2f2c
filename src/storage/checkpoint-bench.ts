// The checkpoint benchmark: how long taking and saving the state of a 10,000-key Spark engine
// takes, median of N writes. Runs in any Storage, so `npm run bench` (Node, fake-indexeddb) and
// a page in real Chromium (the figure that counts, target ≤ 50 ms) call the same function.
import { parseQuery, SparkEngine, type Event } from '../engine';
import type { Storage } from './types';

export interface CheckpointBench {
  readonly keys: number;
  readonly writes: number;
  /** Size of one checkpoint (JSON length). */
  readonly bytes: number;
  /** Median of engine.snapshot() + saveCheckpoint() (JSON text and the committed write), ms. */
  readonly medianMs: number;
  /** Median of engine.snapshot() alone, ms. */
  readonly snapshotMedianMs: number;
  readonly samplesMs: readonly number[];
}

export interface CheckpointBenchOptions {
  readonly keys?: number;
  readonly writes?: number;
  /** A monotonic clock in ms; default performance.now. */
  readonly clock?: () => number;
}

const BENCH_RUN_ID = 'bench-checkpoints';

/** A Spark engine (1-minute tumbling, update mode) holding one group for each of `keys` users. */
export function benchEngine(keys = 10_000): SparkEngine {
  const query = parseQuery(
    {
      time: 'ts',
      window: { type: 'tumbling', size: '1 minute' },
      groupBy: ['user_id'],
      aggregates: [
        { fn: 'count', as: 'events' },
        { fn: 'sum', field: 'amount', as: 'total' },
        { fn: 'max', field: 'amount', as: 'largest' },
      ],
      watermark: { delay: '10 minutes' },
      outputMode: 'update',
    },
    'spark',
  );
  const engine = new SparkEngine(query);
  const events: Event[] = [];
  for (let i = 0; i < keys; i++)
    events.push({ ts: 1_000 + (i % 50_000), user_id: `user${String(i)}`, amount: i % 97 });
  engine.runBatch(events);
  return engine;
}

/** The snapshot of benchEngine(keys), as a checkpoint stores it. */
export function benchSnapshot(keys = 10_000): Readonly<Record<string, unknown>> {
  return benchEngine(keys).snapshot() as unknown as Readonly<Record<string, unknown>>;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/**
 * Writes `writes` checkpoints of a `keys`-key engine (after one warm-up) and returns the median
 * time per checkpoint. Cleans up its checkpoints; saves no run.
 */
export async function benchmarkCheckpoints(
  storage: Storage,
  options: CheckpointBenchOptions = {},
): Promise<CheckpointBench> {
  const keys = options.keys ?? 10_000;
  const writes = options.writes ?? 20;
  const clock = options.clock ?? (() => performance.now());
  const engine = benchEngine(keys);
  const snapshotMs: number[] = [];
  const samplesMs: number[] = [];
  let bytes: number;
  try {
    for (let i = 0; i <= writes; i++) {
      const start = clock();
      const snapshot = engine.snapshot() as unknown as Readonly<Record<string, unknown>>;
      const taken = clock();
      await storage.saveCheckpoint({ runId: BENCH_RUN_ID, position: i, snapshot });
      const done = clock();
      if (i === 0) continue; // warm-up
      snapshotMs.push(taken - start);
      samplesMs.push(done - start);
    }
    bytes = (await storage.nearestCheckpoint(BENCH_RUN_ID, writes))?.bytes ?? 0;
  } finally {
    await storage.pruneCheckpoints(BENCH_RUN_ID, 0);
  }
  return {
    keys,
    writes,
    bytes,
    medianMs: median(samplesMs),
    snapshotMedianMs: median(snapshotMs),
    samplesMs,
  };
}
