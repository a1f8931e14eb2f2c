// Probes read one value from the engine's output for a lesson step: Spark's batch `show` (its
// result and trace), or Flink's emissions and late records up to stream index `show`.
import { valuesEqual } from '../engine/compare';
import { FlinkEngine } from '../engine/flink';
import type { JoinEventFate } from '../engine/join-types';
import { parseQuery } from '../engine/query-parse';
import type { Scenario } from '../engine/scenario';
import { SparkEngine } from '../engine/spark';
import { SparkJoinEngine } from '../engine/spark-join';
import { SparkStateEngine } from '../engine/spark-state';
import { parseBatchTimes } from '../engine/scenario-state';
import type { StateEventFate } from '../engine/state-trace';
import type { EventFate } from '../engine/trace';
import type { Event, Row, SparkBatchResult } from '../engine/types';
import type { Probe, ProbeValue } from './types';

export type StepOutput =
  | {
      readonly semantics: 'spark';
      readonly batch: SparkBatchResult;
      /** Fates of the events of batches 0..show, indexed over all batches (join fates for a join). */
      readonly fates: readonly (EventFate | JoinEventFate | StateEventFate)[];
    }
  | {
      readonly semantics: 'flink';
      /** Rows emitted after elements 0..show, in order. */
      readonly emissions: readonly Row[];
      readonly late: readonly Event[];
      /** After element `show`: null is −∞ (no watermark yet). */
      readonly watermark: number | null;
      readonly stateWindows: number;
      /** Fates by stream index (null for markers). */
      readonly fates: readonly (EventFate | null)[];
    };

export type Probed =
  | { readonly ok: true; readonly value: ProbeValue }
  | { readonly ok: false; readonly error: string };

/**
 * Runs `scenario` (with tracing) through the step that shows `show`. Throws the engine's error
 * for a refused query, and a plain Error when `show` is past the input.
 */
export function stepOutput(scenario: Scenario, show: number): StepOutput {
  if (scenario.semantics === 'spark') {
    const batches = scenario.batches ?? [];
    if (show >= batches.length)
      throw new Error(
        `show ${String(show)} is past the input: the scenario has ${String(batches.length)} batches`,
      );
    const query = parseQuery(scenario.query, 'spark');
    // A join or per-key state runs in its own driver; its trace has the same `events` list, with
    // its own fates. State batches run at the scenario's processing times.
    const engine =
      query.join !== undefined
        ? new SparkJoinEngine(query, { trace: true })
        : query.stateful !== null
          ? new SparkStateEngine(query, { trace: true })
          : new SparkEngine(query, { trace: true });
    const times = scenario.batchTimes ?? parseBatchTimes(undefined, batches.length);
    const fates: (EventFate | JoinEventFate | StateEventFate)[] = [];
    let batch: SparkBatchResult | null = null;
    for (let i = 0; i <= show; i++) {
      const out = engine.runBatch(batches[i] ?? [], times[i]);
      batch = out.result;
      fates.push(...(out.trace?.events ?? []));
    }
    return { semantics: 'spark', batch: batch as SparkBatchResult, fates };
  }
  const stream = scenario.stream ?? [];
  if (show >= stream.length)
    throw new Error(
      `show ${String(show)} is past the input: the stream has ${String(stream.length)} elements`,
    );
  const engine = new FlinkEngine(parseQuery(scenario.query, 'flink'), { trace: true });
  const emissions: Row[] = [];
  const late: Event[] = [];
  const fates: (EventFate | null)[] = [];
  let watermark: number | null = null;
  let stateWindows = 0;
  for (const element of stream.slice(0, show + 1)) {
    const out = engine.process(element);
    emissions.push(...out.emissions);
    late.push(...out.late);
    fates.push(out.trace?.fate ?? null);
    watermark = out.trace?.watermarkAfter ?? null;
    stateWindows = out.trace?.stateWindows ?? 0;
  }
  return { semantics: 'flink', emissions, late, watermark, stateWindows, fates };
}

/**
 * "counted", "late", "filtered" (by the query's filter) or "dropped" (no time, no window); in a
 * join, "joined" for a row taken into the join (matched or buffered to wait for a match); with
 * per-key state, "counted" for a row given to its key's function.
 */
export function fateName(fate: EventFate | JoinEventFate | StateEventFate): string {
  switch (fate.kind) {
    case 'counted':
    case 'passed':
    case 'given':
      return 'counted';
    case 'joined':
      return 'joined';
    case 'late':
      return 'late';
    case 'filtered':
      return 'filtered';
    default:
      return 'dropped';
  }
}

const asValue = (v: unknown): ProbeValue =>
  v === null || v === undefined
    ? null
    : typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number'
      ? v
      : JSON.stringify(v);

/**
 * The probe's value on the output. A cell is the column of the one row matching `where` (null
 * when none does); in Flink mode a window that fired more than once gives its latest firing.
 */
export function evaluateProbe(probe: Probe, out: StepOutput): Probed {
  const ok = (value: ProbeValue): Probed => ({ ok: true, value });
  const spark = out.semantics === 'spark';
  switch (probe.kind) {
    case 'rows':
      return ok(spark ? out.batch.rows.length : out.emissions.length);
    case 'watermark':
      return ok(spark ? out.batch.watermark : out.watermark);
    case 'dropped':
      return ok(spark ? out.batch.dropped : out.late.length);
    case 'droppedEvents':
      return ok(spark ? out.batch.droppedEvents : out.late.length);
    case 'stateRows':
      return ok(spark ? out.batch.stateRows : out.stateWindows);
    case 'fate': {
      const fate = out.fates[probe.event];
      if (fate === undefined)
        return {
          ok: false,
          error: `fate ${String(probe.event)}: no such event up to this step (${String(out.fates.length)} so far)`,
        };
      if (fate === null)
        return { ok: false, error: `fate ${String(probe.event)}: that element is a marker` };
      return ok(fateName(fate));
    }
    case 'cell': {
      const rows = spark ? out.batch.rows : out.emissions;
      const matches = rows.filter((row) =>
        Object.entries(probe.where).every(([field, value]) => valuesEqual(row[field], value)),
      );
      if (spark && matches.length > 1)
        return {
          ok: false,
          error: `cell: ${String(matches.length)} rows match ${JSON.stringify(probe.where)}; add fields to "where" until one does`,
        };
      const row = matches.at(-1);
      if (row !== undefined && !(probe.column in row))
        return {
          ok: false,
          error: `cell: no column "${probe.column}" (the rows have ${Object.keys(row).join(', ')})`,
        };
      return ok(row === undefined ? null : asValue(row[probe.column]));
    }
  }
}
