// Per-key state (mapGroupsWithState / flatMapGroupsWithState) as PySpark: groupBy(keys)
// .applyInPandasWithState(func, outputStructType, stateStructType, outputMode, timeoutConf)
// with the state function written out, GroupStateTimeout for the timeout kind, and the watermark.
import { checkStatefulQuery } from '../engine/spark-state-refusals';
import { SparkAnalysisError } from '../engine/spark-refusals';
import type { StatefulSpec } from '../engine/state-types';
import type { Query } from '../engine/types';
import { sparkInterval } from './interval';
import { pyCol, pyString } from './names';
import { header, PYSPARK_PROGRAM, sink, source, SPARK_TYPES, structType } from './pyspark-common';
import { epochMsHelper, needsEpochMs, stateFunction } from './pyspark-state-functions';
import { derivedTimeName, inputColumns, type Column } from './schema';
import type { CodeInput, Program } from './types';

const TIMEOUTS: Readonly<Record<StatefulSpec['timeout'], string>> = {
  none: 'GroupStateTimeout.NoTimeout',
  processing: 'GroupStateTimeout.ProcessingTimeTimeout',
  event: 'GroupStateTimeout.EventTimeTimeout',
};

/** The function's output columns after the key, and its state's columns. */
function schemas(s: StatefulSpec): { output: Column[]; state: Column[] } {
  const long = (name: string): Column => ({ name, type: 'long' });
  switch (s.function) {
    case 'running_total':
      return {
        output: [{ name: s.as, type: 'double' }],
        state: [{ name: 'total', type: 'double' }],
      };
    case 'session': {
      const state = ['start', 'last', 'count'].map(long);
      return { output: [...state, { name: 'expired', type: 'boolean' }], state };
    }
    case 'custom':
      return { output: [], state: [{ name: 'json', type: 'string' }] };
  }
}

function refusal(q: Query): string | null {
  try {
    checkStatefulQuery(q);
    return null;
  } catch (err) {
    if (err instanceof SparkAnalysisError) return `Spark refuses this query: ${err.message}`;
    throw err;
  }
}

function customComment(code: string): string[] {
  return [
    '',
    '# The state function on the page, in JavaScript: port it into update() below.',
    ...code.split('\n').map((l) => (l.trim() === '' ? '#' : `#   ${l}`)),
  ];
}

export function pysparkState(input: CodeInput, s: StatefulSpec): Program {
  const q = input.query;
  const refused = refusal(q);
  if (refused !== null) return { ...PYSPARK_PROGRAM, code: null, reason: refused };
  const columns = inputColumns(q, input.sample);
  const keyColumns = q.groupBy.map(
    (k) => columns.find((c) => c.name === k) ?? { name: k, type: 'string' as const },
  );
  const { output, state } = schemas(s);
  const epoch = columns.some((c) => c.name === q.time && c.type === 'epochMs');
  const fn = stateFunction({ spec: s, keys: q.groupBy, time: q.time, epochMs: epoch });
  const chain: string[] = [];
  if (q.watermarkDelayMs !== null && q.time !== null) {
    const wmTime = epoch ? derivedTimeName(columns) : q.time;
    if (epoch)
      chain.push(`.withColumn(${pyString(wmTime)}, F.timestamp_millis(${pyString(q.time)}))`);
    chain.push(
      `.withWatermark(${pyString(wmTime)}, ${pyString(sparkInterval(q.watermarkDelayMs))})`,
    );
  }
  const [outFirst, ...outRest] = structType([...keyColumns, ...output]);
  const [stateFirst, ...stateRest] = structType(state);
  const types = [...columns, ...output, ...state].map((c) => SPARK_TYPES[c.type]);
  const lines = [
    ...header(input, types, { pandas: true, json: s.function === 'custom' }),
    ...(q.noDataMicroBatches
      ? []
      : ['spark.conf.set("spark.sql.streaming.noDataMicroBatches.enabled", "false")']),
    ...source(columns),
    ...(s.function === 'custom' ? customComment(s.code ?? '') : []),
    '',
    '# What the function returns for a key, and what it keeps for the key between batches.',
    `output_schema = ${outFirst ?? ''}`,
    ...(s.function === 'custom'
      ? [
          ...outRest.slice(0, -1),
          '    # Add a StructField for each field your function returns.',
          '])',
        ]
      : outRest),
    `state_schema = ${stateFirst ?? ''}`,
    ...stateRest,
    '',
    '',
    ...(needsEpochMs(s) ? [...epochMsHelper(epoch), '', ''] : []),
    ...fn.lines,
    '',
    '',
    'result = (',
    '    events',
    ...chain.map((c) => `    ${c}`),
    `    .groupBy(${q.groupBy.map(pyCol).join(', ')})`,
    '    .applyInPandasWithState(',
    `        ${fn.name},`,
    '        output_schema,',
    '        state_schema,',
    `        ${pyString(s.api === 'mapGroupsWithState' ? 'update' : s.operatorMode)},`,
    `        ${TIMEOUTS[s.timeout]},`,
    '    )',
    ')',
    '',
    ...sink(q.outputMode, input.triggerMs),
  ];
  return { ...PYSPARK_PROGRAM, code: `${lines.join('\n')}\n`, reason: null };
}
