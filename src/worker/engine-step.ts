// One step of a run on its engine (Spark, Flink, or per-key state), and the small summary kept
// for every step; Simulation owns the order of steps, this file what one step yields.
import { FlinkEngine } from '../engine/flink';
import { parseQuery } from '../engine/query-parse';
import { SparkEngine } from '../engine/spark';
import { SparkStateEngine } from '../engine/spark-state';
import type { StateBatchTrace } from '../engine/state-trace';
import type { FlinkRecordTrace, SparkBatchTrace } from '../engine/trace';
import type { Semantics } from '../engine/types';
import type { Unit } from './run-input';
import { isJoinQuery, JoinRun } from './join-run';
import type { Step, StepSummary } from './simulation';
import { sparkTraceOf, stateEngineFor, type StateMemos } from './state-step';

export type Engine = SparkEngine | FlinkEngine | SparkStateEngine | JoinRun;

export function createEngine(
  semantics: Semantics,
  query: unknown,
  memos: StateMemos | null,
  /** The run's units: a join looks up the rows its state holds in them. */
  units: readonly Unit[] = [],
): Engine {
  if (semantics === 'spark' && isJoinQuery(query)) return new JoinRun(query, units);
  const stateful = semantics === 'spark' ? stateEngineFor(query, memos) : null;
  if (stateful !== null) return stateful;
  const q = parseQuery(query, semantics);
  return semantics === 'spark'
    ? new SparkEngine(q, { trace: true })
    : new FlinkEngine(q, { trace: true });
}

export function runUnit(engine: Engine, unit: Unit, position: number): Step {
  if (engine instanceof JoinRun) {
    const { processingTime } = unit;
    return { kind: 'spark', position, processingTime, input: unit.events, ...engine.run(unit) };
  }
  if (engine instanceof SparkStateEngine) {
    const out = engine.runBatch(unit.events, unit.processingTime);
    const state = out.trace as StateBatchTrace;
    const input = unit.events;
    const { processingTime } = unit;
    const trace = sparkTraceOf(state);
    return { kind: 'spark', position, processingTime, input, result: out.result, trace, state };
  }
  if (engine instanceof SparkEngine) {
    const out = engine.runBatch(unit.events);
    return {
      kind: 'spark',
      position,
      processingTime: unit.processingTime,
      input: unit.events,
      result: out.result,
      trace: out.trace as SparkBatchTrace,
    };
  }
  const element = unit.events[0] ?? { $end: true };
  const out = engine.process(element);
  return {
    kind: 'flink',
    position,
    processingTime: unit.processingTime,
    element,
    emissions: out.emissions,
    late: out.late,
    trace: out.trace as FlinkRecordTrace,
  };
}

export function summarise(step: Step): StepSummary {
  if (step.kind === 'spark') {
    const r = step.result;
    return {
      position: step.position,
      watermark: r.watermark,
      rows: r.rows.length,
      late: r.droppedEvents,
      stateRows: r.stateRows,
    };
  }
  const t = step.trace;
  return {
    position: step.position,
    watermark: t.watermarkAfter,
    rows: step.emissions.length,
    late: step.late.length,
    stateRows: t.stateWindows,
  };
}
