// A run: one input under one query, stepped batch by batch (Spark) or record by record (Flink).
// Engine snapshots taken every few steps let it step back, seek and change the query by
// replaying from the nearest one; the engine is deterministic, so a replay equals the original.
import type { StateBatchTrace } from '../engine/state-trace';
import type { FlinkRecordTrace, SparkBatchTrace } from '../engine/trace';
import type { Event, Row, Semantics, SparkBatchResult } from '../engine/types';
import { createEngine, runUnit, summarise, type Engine } from './engine-step';
import { joinLanes, type JoinStep } from './join-run';
import { unitsOf, type RunInput, type Unit } from './run-input';
import type { StateMemos } from './state-step';
import { StepLog, type Timeline } from './timeline';

export type Step =
  | {
      readonly kind: 'spark';
      /** Steps taken after this one: 1 for the first batch. */
      readonly position: number;
      readonly processingTime: number;
      readonly input: readonly Event[];
      readonly result: SparkBatchResult;
      readonly trace: SparkBatchTrace;
      /** Per-key state queries: the engine's own trace (calls, timeouts, the state table). */
      readonly state?: StateBatchTrace;
      /** Joins: the join's own trace and the rows it names (join-run.ts). */
      readonly join?: JoinStep;
    }
  | {
      readonly kind: 'flink';
      readonly position: number;
      readonly processingTime: number;
      readonly element: Event;
      readonly emissions: Row[];
      readonly late: Event[];
      readonly trace: FlinkRecordTrace;
    };

/** A small per-step record kept for every step taken (the state and late-data charts). */
export interface StepSummary {
  readonly position: number;
  readonly watermark: number | null;
  readonly rows: number;
  readonly late: number;
  readonly stateRows: number;
}

export interface RunConfig {
  readonly semantics: Semantics;
  /** The query as written in a scenario (validated here). */
  readonly query: unknown;
  readonly input: RunInput;
}

export class Simulation {
  private engine: Engine;
  private readonly units: Unit[];
  private checkpoints = new Map<number, unknown>();
  private summaries: StepSummary[] = [];
  private last: Step | null = null;
  private at = 0;
  private log: StepLog;

  /**
   * Throws QueryError, SparkAnalysisError or FlinkParameterError for a query the engine refuses.
   * `memos` answers custom state code (a step throws NeedsStateResults for calls it lacks).
   */
  constructor(
    private config: RunConfig,
    private readonly checkpointEvery = config.semantics === 'spark' ? 10 : 200,
    private readonly memos: StateMemos | null = null,
  ) {
    this.units = unitsOf(config.input, config.semantics);
    this.engine = createEngine(config.semantics, config.query, memos, this.units);
    this.log = newLog(config);
    this.checkpoints.set(0, this.engine.snapshot());
  }

  get position(): number {
    return this.at;
  }

  /** The input as the run takes it, step by step (for export). */
  get inputUnits(): readonly Unit[] {
    return this.units;
  }

  get length(): number {
    return this.units.length;
  }

  get current(): Step | null {
    return this.last;
  }

  get history(): readonly StepSummary[] {
    return this.summaries.slice(0, this.at);
  }

  get semantics(): Semantics {
    return this.config.semantics;
  }

  /** Runs the next step; null at the end of the input. */
  step(): Step | null {
    const unit = this.units[this.at];
    if (unit === undefined) return null;
    const step = runUnit(this.engine, unit, this.at + 1);
    this.log.record(step);
    this.at++;
    this.last = step;
    this.summaries[this.at - 1] = summarise(step);
    if (this.at % this.checkpointEvery === 0) this.checkpoints.set(this.at, this.engine.snapshot());
    return step;
  }

  /** Goes to `position` (0 = before the first step): forward by stepping, back by replaying. */
  seek(position: number): Step | null {
    const target = this.rewindFor(position);
    while (this.at < target) this.step();
    if (target === 0) this.last = null;
    return this.last;
  }

  /**
   * Prepares a seek to `position` without running steps: when it lies behind, restores the latest
   * checkpoint strictly before it (so the target's step is replayed and its full output is there
   * to show). Returns the clamped target; the caller steps forward to it.
   */
  rewindFor(position: number): number {
    const target = Math.max(0, Math.min(Math.trunc(position), this.units.length));
    if (target < this.at) {
      let from = 0;
      for (const p of this.checkpoints.keys()) if (p < target && p > from) from = p;
      this.engine.restore(this.checkpoints.get(from));
      this.at = from;
      this.last = null;
      this.log.truncate(from);
    }
    return target;
  }

  /** How many input elements the first `position` steps take. */
  elementsBefore(position: number): number {
    let n = 0;
    for (let i = 0; i < position && i < this.units.length; i++)
      n += this.units[i]?.events.length ?? 0;
    return n;
  }

  /** The first position whose steps have taken at least `elements` input elements. */
  positionAfter(elements: number): number {
    let n = 0;
    let p = 0;
    while (p < this.units.length && n < elements) n += this.units[p++]?.events.length ?? 0;
    return p;
  }

  /** Processing time of the step at `position` (0-based), for live play; null past the end. */
  processingTimeAt(position: number): number | null {
    return this.units[position]?.processingTime ?? null;
  }

  back(): Step | null {
    return this.seek(this.at - 1);
  }

  reset(): void {
    this.seek(0);
  }

  /** Replaces the query and replays the same input to the same position. A refused query changes nothing. */
  setQuery(query: unknown): Step | null {
    const engine = createEngine(this.config.semantics, query, this.memos, this.units);
    const position = this.at;
    this.config = { ...this.config, query };
    this.engine = engine;
    this.log = newLog(this.config);
    this.checkpoints = new Map([[0, engine.snapshot()]]);
    this.summaries = [];
    this.at = 0;
    this.last = null;
    return this.seek(position);
  }

  /**
   * Puts the engine at `position` from a stored snapshot (taken by a Simulation of the same run),
   * then replays to `target`. A snapshot that does not fit is ignored: the run replays from 0.
   */
  resumeFrom(
    position: number,
    snapshot: unknown,
    history: readonly StepSummary[],
    target: number,
  ): Step | null {
    // Replaying a lesson-sized run from the start is quick and keeps the chart's whole history;
    // the checkpoint pays off only for long runs.
    const replayIsCheap =
      this.units.slice(0, position).reduce((n, u) => n + u.events.length, 0) < 200_000;
    if (
      !replayIsCheap &&
      position > 0 &&
      position < target &&
      position <= this.units.length &&
      history.length === position
    ) {
      try {
        this.engine.restore(snapshot);
        this.checkpoints.set(position, snapshot);
        this.summaries = [...history];
        this.at = position;
        this.last = null;
      } catch {
        // A damaged or foreign snapshot: replaying from the start gives the same state.
      }
    }
    return this.seek(target);
  }

  /** The latest in-memory checkpoint at or before the current position (0 has none worth keeping). */
  latestCheckpoint(): { position: number; snapshot: unknown; history: StepSummary[] } | null {
    let best = 0;
    for (const p of this.checkpoints.keys()) if (p <= this.at && p > best) best = p;
    if (best === 0) return null;
    return {
      position: best,
      snapshot: this.checkpoints.get(best),
      history: this.summaries.slice(0, best),
    };
  }

  /**
   * Every event and window so far, for the chart. After resuming from a stored checkpoint the
   * steps before it are not in the log; `timelineFrom` says where it starts.
   */
  timeline(): Timeline {
    return this.log.timeline();
  }

  /** The engine state now, as plain JSON (for persisting a checkpoint). */
  snapshot(): { position: number; engine: unknown } {
    return { position: this.at, engine: this.engine.snapshot() };
  }
}

function newLog(config: RunConfig): StepLog {
  const q = config.query as { time?: unknown } | null;
  const lanes = config.semantics === 'spark' ? joinLanes(config.query) : null;
  return new StepLog(config.semantics, typeof q?.time === 'string' ? q.time : null, lanes);
}
