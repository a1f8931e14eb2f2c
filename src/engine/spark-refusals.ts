// The queries Spark refuses at analysis, with Spark's own words, checked in the order Spark
// checks them: withWatermark's argument, window parameters, output modes, then planning.
import { formatDuration } from './duration';
import type { Query } from './types';

export class SparkAnalysisError extends Error {}

/** True when the query aggregates (a window, a grouping key or an aggregate function). */
export function isAggregation(q: Query): boolean {
  return q.window.type !== 'none' || q.groupBy.length > 0 || q.aggregates.length > 0;
}

/** True when a grouping column carries the watermark: a time window or the raw time field. */
export function groupsOnWatermarkedTime(q: Query): boolean {
  if (q.watermarkDelayMs === null) return false;
  return q.window.type !== 'none' || (q.time !== null && q.groupBy.includes(q.time));
}

const ms = (n: number): string => `${String(n)} ms`;

/** Throws SparkAnalysisError with Spark's message when Spark would refuse the query. */
export function checkSparkQuery(q: Query): void {
  const refuse = (message: string): never => {
    throw new SparkAnalysisError(message);
  };
  if (q.watermarkDelayMs !== null && q.watermarkDelayMs < 0) {
    refuse(`delay threshold (${formatDuration(q.watermarkDelayMs)}) should not be negative.`);
  }
  const w = q.window;
  if (w.type === 'tumbling' || w.type === 'sliding') {
    if (w.sizeMs <= 0) refuse(`The window duration (${ms(w.sizeMs)}) must be greater than 0.`);
    if (w.slideMs <= 0) refuse(`The slide duration (${ms(w.slideMs)}) must be greater than 0.`);
    if (w.slideMs > w.sizeMs) {
      refuse(
        `The slide duration (${ms(w.slideMs)}) must be less than or equal to the windowDuration (${ms(w.sizeMs)}).`,
      );
    }
    if (Math.abs(w.offsetMs) >= w.slideMs) {
      refuse(
        `The absolute value of start time (${ms(w.offsetMs)}) must be less than the slideDuration (${ms(w.slideMs)}).`,
      );
    }
  }
  const aggregating = isAggregation(q);
  if (q.outputMode === 'append' && aggregating && !groupsOnWatermarkedTime(q)) {
    refuse(
      'Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark. ' +
        'Add a watermark ("watermark": {"delay": "10 minutes"}) on the event-time column you group by, or use update or complete mode.',
    );
  }
  if (q.outputMode === 'update' && w.type === 'session') {
    refuse(
      'Update output mode not supported for session window on streaming DataFrames/DataSets. Use append or complete mode.',
    );
  }
  if (q.outputMode === 'complete' && !aggregating) {
    refuse(
      'Complete output mode not supported when there are no streaming aggregations on streaming DataFrames/Datasets',
    );
  }
  if (q.aggregates.some((a) => a.fn === 'count_distinct')) {
    refuse(
      'Distinct aggregations are not supported on streaming DataFrames/Datasets. Consider using approx_count_distinct() instead.',
    );
  }
  if (w.type === 'session' && q.groupBy.length === 0) {
    refuse(
      'Global aggregation with session window in streaming query is not supported. Group by at least one key besides the session window.',
    );
  }
}
