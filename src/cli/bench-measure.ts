// Timing and heap sampling for the benchmark: one run feeds pre-built batches to a fresh engine
// (or a baseline), sampling heapUsed after each batch; a measurement is a warm-up, then the best
// of several runs for throughput and the largest heap growth over them.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SparkEngine, type Query } from '../engine/index';
import type { Baseline } from './bench-baseline';
import type { ClickEvent } from './bench-stream';

export interface RunResult {
  readonly ms: number;
  /** Max heapUsed after a batch minus heapUsed before the run (bytes). */
  readonly peakHeap: number;
  /** Rows the engine emitted (or groups in the baseline's answer): the output, consumed. */
  readonly rowsOut: number;
}

export interface Measurement {
  readonly events: number;
  readonly eventsPerSec: number;
  readonly peakHeapMb: number;
  readonly rowsOut: number;
}

/** A full collection, from --expose-gc or, failing that, by turning the flag on now. */
export const collectGarbage: () => void = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

export function toBatches(events: readonly ClickEvent[], size: number): ClickEvent[][] {
  const batches: ClickEvent[][] = [];
  for (let i = 0; i < events.length; i += size) batches.push(events.slice(i, i + size));
  return batches;
}

/** Times `body` (which returns the rows it produced), sampling the heap when it says. */
export function timedRun(body: (sample: () => void) => number): RunResult {
  return timed(body);
}

/**
 * The engine (or baseline) of the latest run, kept until the next run makes its own, as the
 * page keeps its engine until a new setting replaces it. Dropped at once, it was collected by
 * the full collection before the next run, and with it the maps (hidden classes) of its
 * objects, which only instances keep alive; V8 then threw away every optimized method that
 * relied on them ("weak objects": each method of the store, every run) and the next run paid
 * for optimizing them again, ×0.5–0.8 on the tumbling and CTR figures.
 */
const kept: { latest: unknown } = { latest: null };

/** Makes the run's engine (or baseline), keeping it as the latest. */
export function fresh<T>(make: () => T): T {
  const made = make();
  kept.latest = made;
  return made;
}

/**
 * heapUsed, read without process.memoryUsage(), which also reads the resident set size from
 * the OS (5% of a run's time in one profile, sampled after every batch inside the timing).
 */
export function heapUsed(): number {
  return getHeapStatistics().used_heap_size;
}

function timed(body: (sample: () => void) => number): RunResult {
  collectGarbage();
  const before = heapUsed();
  let peak = before;
  const sample = (): void => {
    const h = heapUsed();
    if (h > peak) peak = h;
  };
  const t0 = performance.now();
  const rowsOut = body(sample);
  const ms = performance.now() - t0;
  return { ms, peakHeap: peak - before, rowsOut };
}

/** Timed: create the engine, run every batch, consume each output. */
export function runSpark(
  query: Query,
  batches: readonly ClickEvent[][],
  trace: boolean,
): RunResult {
  return timed((sample) => {
    const engine = fresh(() => new SparkEngine(query, { trace }));
    let rowsOut = 0;
    for (const batch of batches) {
      rowsOut += engine.runBatch(batch).result.rows.length;
      sample();
    }
    return rowsOut;
  });
}

/** Timed: the whole stream into a baseline, sampled every batchSize events, then finished. */
export function runBaseline(
  make: () => Baseline<unknown>,
  events: readonly ClickEvent[],
  batchSize: number,
): RunResult {
  return timed((sample) => {
    const baseline = fresh(make);
    for (let i = 0; i < events.length; i += batchSize) {
      baseline.add(events, i, Math.min(i + batchSize, events.length));
      sample();
    }
    const groups = baseline.finish();
    sample();
    return groups;
  });
}

/** A warm-up run (not counted), then `runs` runs: fastest for events/s, largest heap growth. */
export function measure(
  events: number,
  runs: number,
  warmUp: () => unknown,
  run: () => RunResult,
): Measurement {
  warmUp();
  let best = Infinity;
  let peakHeap = 0;
  let last: RunResult | null = null;
  for (let i = 0; i < runs; i++) {
    last = run();
    best = Math.min(best, last.ms);
    peakHeap = Math.max(peakHeap, last.peakHeap);
  }
  return {
    events,
    eventsPerSec: events / (best / 1000),
    peakHeapMb: peakHeap / 2 ** 20,
    rowsOut: last?.rowsOut ?? 0,
  };
}

export interface StatePoint {
  readonly events: number;
  /** heapUsed after a full collection, minus the same before the engine existed (MB). */
  readonly liveHeapMb: number;
  readonly stateRows: number;
}

/**
 * Untimed: runs the batches once and, each time the events fed so far reach a checkpoint,
 * collects garbage and reads what the engine keeps. Peak heapUsed also counts garbage V8 has
 * not collected yet, which grows with run length; this is the state itself.
 */
export function liveHeapAt(
  query: Query,
  batches: readonly ClickEvent[][],
  checkpoints: readonly number[],
): StatePoint[] {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const engine = new SparkEngine(query);
  const points: StatePoint[] = [];
  let fed = 0;
  for (const batch of batches) {
    const { stateRows } = engine.runBatch(batch).result;
    fed += batch.length;
    if (checkpoints.includes(fed)) {
      collectGarbage();
      points.push({
        events: fed,
        liveHeapMb: (process.memoryUsage().heapUsed - before) / 2 ** 20,
        stateRows,
      });
    }
  }
  return points;
}
