// Scenario files with per-key state: reading `batchTimes` and running a `stateful` query batch by
// batch at those processing times. The runner of custom code is the caller's (the engine runs
// no learner code itself).
import { toEpochMs } from './event-time';
import { DEFAULT_TRIGGER_MS, SparkStateEngine } from './spark-state';
import { StateFunctionError } from './spark-state-phase';
import { SparkAnalysisError } from './spark-refusals';
import type { StatefulSpec, StateRunner } from './state-types';
import type { Event, Query, SparkBatchResult } from './types';

/** Makes the runner for a custom state function (the CLI and tests: node:vm; the page: a sandbox). */
export type CustomRunnerFactory = (spec: StatefulSpec) => StateRunner;

export class BatchTimesError extends Error {}

/**
 * `batchTimes`: the processing time (epoch ms, or an ISO-8601 string) at which each batch runs,
 * one per batch, ≥ 0 and never decreasing. Absent: batch i runs at i × 10 s.
 */
export function parseBatchTimes(value: unknown, batches: number): number[] {
  if (value === undefined || value === null)
    return Array.from({ length: batches }, (_, i) => i * DEFAULT_TRIGGER_MS);
  if (!Array.isArray(value) || value.length !== batches) {
    throw new BatchTimesError(
      `batchTimes must list one processing time per batch (${String(batches)}), such as [0, 10000, 20000]`,
    );
  }
  let previous = 0;
  return value.map((v: unknown, i) => {
    const ms = toEpochMs(v);
    if (ms === null || ms < previous) {
      throw new BatchTimesError(
        `batchTimes[${String(i)}] must be a time in ms (or ISO-8601) ≥ 0 and ≥ the one before, got ${JSON.stringify(v)}`,
      );
    }
    previous = ms;
    return ms;
  });
}

export function runStateScenario(
  query: Query,
  batches: readonly (readonly Event[])[],
  batchTimes: readonly number[],
  customRunner: CustomRunnerFactory | undefined,
): { batches: SparkBatchResult[] } | { error: string } {
  const spec = query.stateful;
  if (spec === null) return { error: 'not a stateful query' };
  let engine: SparkStateEngine;
  try {
    const runner = spec.function === 'custom' ? customRunner?.(spec) : undefined;
    if (spec.function === 'custom' && runner === undefined) {
      return { error: 'this custom state function needs a code runner, and none was given' };
    }
    engine = new SparkStateEngine(query, runner === undefined ? {} : { runner });
  } catch (err) {
    if (err instanceof SparkAnalysisError) return { error: err.message };
    throw err;
  }
  try {
    return { batches: batches.map((b, i) => engine.runBatch(b, batchTimes[i]).result) };
  } catch (err) {
    if (err instanceof StateFunctionError) return { error: err.message };
    throw err;
  }
}
