// The joins Spark refuses, in Spark's words and roughly its order: withWatermark's argument, the
// aggregation's output-mode checks, then UnsupportedOperationChecker's join checks (append only;
// outer and semi joins need a watermark and a range) and the planner's (an equality key).
import { formatDuration } from './duration';
import type { JoinSpec, JoinType } from './join-types';
import { keyWatermarkOrdinal } from './join-watermarks';
import { checkSparkQuery, SparkAnalysisError } from './spark-refusals';
import type { Query } from './types';

/** Spark's JoinType names, as its messages print them. */
const SPARK_NAME: Readonly<Record<JoinType, string>> = {
  inner: 'Inner',
  leftOuter: 'LeftOuter',
  rightOuter: 'RightOuter',
  fullOuter: 'FullOuter',
  leftSemi: 'LeftSemi',
};

const MODE_NAME = { append: 'Append', update: 'Update', complete: 'Complete' } as const;

/** Whether Spark finds a state watermark for the outer (or semi) side: checkForStreamStreamJoinWatermark. */
function hasValidWatermarkRange(spec: JoinSpec): boolean {
  if (spec.between === null) return false;
  const l = spec.left.delayMs !== null;
  const r = spec.right.delayMs !== null;
  switch (spec.type) {
    case 'leftOuter':
    case 'leftSemi':
      return r;
    case 'rightOuter':
      return l;
    case 'fullOuter':
      return l || r;
    case 'inner':
      return true;
  }
}

function nullableFix(spec: JoinSpec): string {
  const sides =
    spec.type === 'rightOuter'
      ? [spec.left]
      : spec.type === 'fullOuter'
        ? [spec.left, spec.right]
        : [spec.right];
  const fixes: string[] = [];
  if (sides.every((i) => i.delayMs === null))
    fixes.push(`give ${sides.map((i) => `query.inputs.${i.name}.watermark`).join(' or ')} a delay`);
  if (spec.between === null)
    fixes.push('add a time range "join.between": {"lower": "0 seconds", "upper": "1 hour"}');
  return ` Fix: ${fixes.join(' and ')}.`;
}

const APPEND_NO_WATERMARK =
  'Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark.';

function aggregationFix(q: Query, spec: JoinSpec): string {
  const watermarked = [spec.left, spec.right].filter((i) => i.delayMs !== null);
  const time = q.time === null ? 'none' : `"${q.time}"`;
  if (watermarked.length === 0)
    return ` Give an input a watermark (query.inputs.${spec.left.name}.watermark) and window on its time field.`;
  return ` "time" is ${time}: window on the time field of an input with a watermark (${watermarked.map((i) => `"${i.time}"`).join(' or ')}).`;
}

/** Throws SparkAnalysisError with Spark's message when Spark would refuse the join query. */
export function checkJoinQuery(q: Query, spec: JoinSpec): void {
  const refuse = (message: string): never => {
    throw new SparkAnalysisError(message);
  };
  for (const input of spec.inputs) {
    if (input.delayMs !== null && input.delayMs < 0)
      refuse(
        `delay threshold (${formatDuration(input.delayMs)}) should not be negative. (query.inputs.${input.name}.watermark.delay)`,
      );
  }
  // The aggregation's own checks (window parameters, output modes), distinct aggregates last.
  try {
    checkSparkQuery({ ...q, aggregates: q.aggregates.filter((a) => a.fn !== 'count_distinct') });
  } catch (err) {
    if (err instanceof SparkAnalysisError && err.message.startsWith(APPEND_NO_WATERMARK))
      refuse(`${APPEND_NO_WATERMARK}${aggregationFix(q, spec)}`);
    throw err;
  }
  if (q.outputMode !== 'append')
    refuse(
      `Join between two streaming DataFrames/Datasets is not supported in ${MODE_NAME[q.outputMode]} output mode, only in Append output mode. Use "outputMode": "append".`,
    );
  if (spec.type !== 'inner' && keyWatermarkOrdinal(spec) === null && !hasValidWatermarkRange(spec))
    refuse(
      `Stream-stream ${SPARK_NAME[spec.type]} join between two streaming DataFrame/Datasets is not supported without a watermark in the join keys, or a watermark on the nullable side and an appropriate range condition.` +
        nullableFix(spec),
    );
  checkSparkQuery(q);
  if (spec.on.length === 0)
    refuse(
      'Stream-stream join without equality predicate is not supported. Add a pair of fields that must be equal, such as "join.on": [["ad_id", "click_ad_id"]].',
    );
}
