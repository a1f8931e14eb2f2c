// Runs a join scenario (several inputs, spark mode) to the shape of its `expected`.
import { SparkJoinEngine } from './spark-join';
import type { Event, Query, SparkBatchResult } from './types';

/** Throws SparkAnalysisError when Spark would refuse the join; the caller reports it. */
export function runJoinScenario(
  query: Query,
  batches: readonly (readonly Event[])[],
): { readonly batches: SparkBatchResult[] } {
  const engine = new SparkJoinEngine(query);
  return { batches: batches.map((batch) => engine.runBatch(batch).result) };
}
