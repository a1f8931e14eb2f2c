// The code view's generator: a validated query → PySpark, Flink SQL and Feldera SQL programs (or
// the reason a target cannot run it), the differences from the engine, and Kafka commands.
import { parseDuration } from '../engine/duration';
import { parseQuery } from '../engine/query-parse';
import type { Event, Semantics } from '../engine/types';
import { felderaSql } from './feldera-sql';
import { flinkJoin } from './flink-join';
import { flinkSql } from './flink-sql';
import { differences, kafkaHint } from './notes';
import { pyspark } from './pyspark';
import { pysparkJoin } from './pyspark-join';
import { pysparkState } from './pyspark-state';
import { felderaJoinReason, felderaStateReason, flinkStateReason } from './reasons';
import type { CodeBundle, CodeInput, Program } from './types';

export type * from './types';
export { sparkInterval, sqlInterval } from './interval';

/** Every program for a parsed query. Pure: same input, same text. */
export function codeFor(input: CodeInput): CodeBundle {
  const q = input.query;
  return {
    programs: programsFor(input),
    notes: differences(q),
    kafka: kafkaHint(q),
  };
}

function programsFor(input: CodeInput): Program[] {
  const q = input.query;
  if (q.stateful !== null)
    return [pysparkState(input, q.stateful), flinkStateReason(q, q.stateful), felderaStateReason()];
  if (q.join !== undefined) {
    const flink = flinkJoin(input, q.join);
    return [pysparkJoin(input, q.join), flink, felderaJoinReason(flink.code !== null)];
  }
  return [pyspark(input), flinkSql(input), felderaSql(input)];
}

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
    if (err instanceof Error) return { ok: false, error: err.message };
    throw err;
  }
}
