// Scenario files (../shared/scenario-format.md): reading one with errors that say what to fix,
// and running it to a result of exactly the shape of its `expected`.
import { QueryError, parseQuery } from './query-parse';
import { isObject } from './query-fields';
import { SparkAnalysisError } from './spark-refusals';
import { SparkEngine } from './spark';
import { FlinkEngine, FlinkRuntimeError } from './flink';
import { FlinkParameterError } from './flink-refusals';
import { runJoinScenario } from './scenario-join';
import {
  BatchTimesError,
  parseBatchTimes,
  runStateScenario,
  type CustomRunnerFactory,
} from './scenario-state';
import type { Event, Row, Semantics, SparkBatchResult } from './types';

export interface Scenario {
  readonly name: string;
  readonly source: string | null;
  readonly semantics: Semantics;
  readonly query: unknown;
  /** Spark: the input as micro-batches. */
  readonly batches: readonly (readonly Event[])[] | null;
  /** Spark: the processing time (ms) of each batch (`batchTimes`; default i × 10 s). */
  readonly batchTimes: readonly number[] | null;
  /** Flink: the input as one ordered stream of events and markers. */
  readonly stream: readonly Event[] | null;
  readonly expected: unknown;
}

export interface FlinkEmission {
  readonly after: number;
  readonly row: Row;
}
export interface FlinkLateRecord {
  readonly after: number;
  readonly event: Event;
}

export type ScenarioResult =
  | { readonly batches: SparkBatchResult[] }
  | { readonly emissions: FlinkEmission[]; readonly late: FlinkLateRecord[] }
  | { readonly error: string };

export class ScenarioError extends Error {}

function eventList(value: unknown, where: string): Event[] {
  if (!Array.isArray(value)) throw new ScenarioError(`${where} must be a list of events`);
  value.forEach((e, i) => {
    if (!isObject(e))
      throw new ScenarioError(
        `${where}[${String(i)}] must be an object such as {"ts": 1000, "user_id": "u1"}`,
      );
  });
  return value as Event[];
}

/** Checks the shape of a parsed scenario file. Throws ScenarioError naming the field. */
export function parseScenario(json: unknown): Scenario {
  if (!isObject(json))
    throw new ScenarioError(
      'a scenario must be a JSON object with "query" and "batches" or "stream"',
    );
  const semantics = json.semantics ?? 'spark';
  if (semantics !== 'spark' && semantics !== 'flink') {
    throw new ScenarioError(
      `semantics must be "spark" or "flink", got ${JSON.stringify(semantics)}`,
    );
  }
  if (!isObject(json.query))
    throw new ScenarioError('query must be an object (see scenario-format.md)');
  let batches: Event[][] | null = null;
  let stream: Event[] | null = null;
  let batchTimes: number[] | null = null;
  if (semantics === 'spark') {
    if (!Array.isArray(json.batches))
      throw new ScenarioError('a spark scenario needs "batches": a list of lists of events');
    batches = json.batches.map((b, i) => eventList(b, `batches[${String(i)}]`));
    try {
      batchTimes = parseBatchTimes(json.batchTimes, batches.length);
    } catch (err) {
      if (err instanceof BatchTimesError) throw new ScenarioError(err.message);
      throw err;
    }
  } else {
    stream = eventList(json.stream, 'stream');
  }
  if (json.expected !== undefined && !isObject(json.expected)) {
    throw new ScenarioError(
      'expected must be an object: {"batches": [...]}, {"emissions": [...]} or {"error": "..."}',
    );
  }
  return {
    name: typeof json.name === 'string' ? json.name : '(unnamed scenario)',
    source: typeof json.source === 'string' ? json.source : null,
    semantics,
    query: json.query,
    batches,
    batchTimes,
    stream,
    expected: json.expected ?? null,
  };
}

export interface RunOptions {
  /** Runs custom per-key state code (none: such scenarios give an error). */
  readonly customRunner?: CustomRunnerFactory;
}

/** Runs a scenario; a query the engine refuses gives `{ error }` with the engine's message. */
export function runScenario(scenario: Scenario, options: RunOptions = {}): ScenarioResult {
  if (scenario.semantics === 'flink') return runFlink(scenario);
  let engine: SparkEngine;
  try {
    const query = parseQuery(scenario.query, 'spark');
    if (query.join !== undefined) return runJoinScenario(query, scenario.batches ?? []);
    if (query.stateful !== null) {
      const batches = scenario.batches ?? [];
      const times = scenario.batchTimes ?? parseBatchTimes(undefined, batches.length);
      return runStateScenario(query, batches, times, options.customRunner);
    }
    engine = new SparkEngine(query);
  } catch (err) {
    if (err instanceof QueryError || err instanceof SparkAnalysisError)
      return { error: err.message };
    throw err;
  }
  return { batches: (scenario.batches ?? []).map((batch) => engine.runBatch(batch).result) };
}

function runFlink(scenario: Scenario): ScenarioResult {
  try {
    const engine = new FlinkEngine(parseQuery(scenario.query, 'flink'));
    const emissions: FlinkEmission[] = [];
    const late: FlinkLateRecord[] = [];
    (scenario.stream ?? []).forEach((element, after) => {
      const out = engine.process(element);
      for (const row of out.emissions) emissions.push({ after, row });
      for (const event of out.late) late.push({ after, event });
    });
    return { emissions, late };
  } catch (err) {
    if (
      err instanceof QueryError ||
      err instanceof FlinkParameterError ||
      err instanceof FlinkRuntimeError
    ) {
      return { error: err.message };
    }
    throw err;
  }
}
