// The code view's generator: a validated query → PySpark, Flink SQL and Feldera SQL programs (or
// the reason a target cannot run it), the differences from the engine, and Kafka commands.
import { parseDuration } from '../engine/duration';
import { parseQuery, QueryError } from '../engine/query-parse';
import type { Event, Semantics } from '../engine/types';
import { felderaSql } from './feldera-sql';
import { flinkSql } from './flink-sql';
import { differences, kafkaHint } from './notes';
import { pyspark } from './pyspark';
import type { CodeBundle, CodeInput, Program } from './types';

export type * from './types';
export { sparkInterval, sqlInterval } from './interval';

/** Every program for a parsed query. Pure: same input, same text. */
export function codeFor(input: CodeInput): CodeBundle {
  if (input.query.stateful !== null) {
    return {
      programs: statefulReasons(),
      notes: differences(input.query),
      kafka: kafkaHint(input.query),
    };
  }
  return {
    programs: [pyspark(input), flinkSql(input), felderaSql(input)],
    notes: differences(input.query),
    kafka: kafkaHint(input.query),
  };
}

/** Per-key state (`stateful`) has no generated code yet: each target says what it would be. */
function statefulReasons(): Program[] {
  const reason = (id: Program['id'], label: string, text: string): Program => ({
    id,
    label,
    language: id === 'pyspark' ? 'python' : 'sql',
    fileName: '',
    code: null,
    reason: text,
  });
  return [
    reason(
      'pyspark',
      'PySpark',
      'Not generated yet for per-key state. In PySpark it is groupBy(key).applyInPandasWithState(func, outputStructType, stateStructType, outputMode, timeoutConf) with GroupStateTimeout.ProcessingTimeTimeout or EventTimeTimeout.',
    ),
    reason(
      'flink',
      'Flink SQL',
      'Per-key state with timeouts has no Flink SQL form: it is a KeyedProcessFunction with timers in the DataStream API.',
    ),
    reason('feldera', 'Feldera SQL', 'Feldera SQL has no per-key state with timeouts.'),
  ];
}

/** Query fields the engine does not run yet, and what the code view says for them. */
const NOT_YET: Readonly<Record<string, string>> = {
  inputs:
    'Several inputs and stream-stream joins are not in the engine yet, so there is no code for them here yet.',
  join: 'Stream-stream joins are not in the engine yet, so there is no code for them here yet.',
};

export type RawCode =
  { readonly ok: true; readonly code: CodeBundle } | { readonly ok: false; readonly error: string };

/**
 * From a query as a scenario writes it (the form the page and the lessons hold): parses it as
 * the engine does, then generates. `triggerInterval` (a run setting) becomes Spark's trigger.
 */
export function codeForRaw(
  raw: Readonly<Record<string, unknown>>,
  semantics: Semantics,
  name: string,
  sample: readonly Event[] = [],
): RawCode {
  const notYet = Object.keys(NOT_YET).find((k) => raw[k] !== undefined);
  try {
    const query = parseQuery(raw, semantics);
    let triggerMs: number | null = null;
    if (typeof raw.triggerInterval === 'string') {
      try {
        triggerMs = parseDuration(raw.triggerInterval);
      } catch {
        triggerMs = null;
      }
    }
    return { ok: true, code: codeFor({ name, query, triggerMs, sample }) };
  } catch (err) {
    if (notYet !== undefined && err instanceof QueryError)
      return { ok: false, error: NOT_YET[notYet] ?? '' };
    if (err instanceof Error) return { ok: false, error: err.message };
    throw err;
  }
}
