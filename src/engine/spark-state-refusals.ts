// The per-key state queries Spark refuses (UnsupportedOperationChecker and flatMapGroupsWithState's
// own argument check), in Spark's words and order, each followed by the field to change.
import { formatDuration } from './duration';
import { SparkAnalysisError } from './spark-refusals';
import type { Query } from './types';

const MODE_NAME = { append: 'Append', update: 'Update', complete: 'Complete' } as const;

/** Throws SparkAnalysisError when Spark would refuse this stateful query. */
export function checkStatefulQuery(q: Query): void {
  const s = q.stateful;
  if (s === null) return;
  const refuse = (message: string, fix: string): never => {
    throw new SparkAnalysisError(`${message}. ${fix}`);
  };
  if (q.watermarkDelayMs !== null && q.watermarkDelayMs < 0) {
    throw new SparkAnalysisError(
      `delay threshold (${formatDuration(q.watermarkDelayMs)}) should not be negative.`,
    );
  }
  if (s.api === 'flatMapGroupsWithState' && s.operatorMode === 'complete') {
    refuse(
      'The output mode of function should be append or update',
      'Set "stateful.outputMode" to "append" or "update".',
    );
  }
  const mode = MODE_NAME[q.outputMode];
  if (q.outputMode === 'complete') {
    refuse(
      'Complete output mode not supported when there are no streaming aggregations on streaming DataFrames/Datasets',
      'Use "outputMode": "update" (or "append" with flatMapGroupsWithState).',
    );
  }
  if (s.api === 'mapGroupsWithState' && q.outputMode !== 'update') {
    refuse(
      `mapGroupsWithState is not supported with ${mode} output mode on a streaming DataFrame/Dataset`,
      'Use "outputMode": "update", or "stateful.api": "flatMapGroupsWithState" for append.',
    );
  }
  if (s.api === 'flatMapGroupsWithState' && s.operatorMode !== q.outputMode) {
    refuse(
      `flatMapGroupsWithState in ${s.operatorMode} mode is not supported with ${mode} output mode on a streaming DataFrame/Dataset`,
      `Make "stateful.outputMode" and "outputMode" the same (both "${s.operatorMode}", or both "${q.outputMode}").`,
    );
  }
  if (s.timeout === 'event' && q.watermarkDelayMs === null) {
    refuse(
      "Watermark must be specified in the query using '[Dataset/DataFrame].withWatermark()' for using event-time timeout in a [map|flatMap]GroupsWithState. Event-time timeout not supported without watermark",
      'Add "watermark": {"delay": "10 minutes"}, or use a processing-time timeout.',
    );
  }
}
