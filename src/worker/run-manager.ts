// The learner's current run, kept in storage: what the worker opens, steps and resumes. It
// turns a stored run (scenario, generated or imported input) into a Simulation, saves the
// position after every move and a checkpoint every few steps, and resumes after a reload.
// Past 300 lines: compare mode lives here too; the next split is compare mode (alignOther,
// compareWith) into its own module (inputs and sliced moves are in run-moves.ts).
import type { Semantics } from '../engine/types';
import type { JsonObject, RunInput as StoredInput, RunRecord, Storage } from '../storage';
import { exportEvents, exportScenario, specFromEvents, specFromScenario } from './run-files';
import { Simulation, type Step, type StepSummary } from './simulation';
import { sliced, simulationInput, type Progress } from './run-moves';
import { NeedsStateResults, StateMemos } from './state-step';
import { StateFunctionError } from '../engine/spark-state-phase';
import type { StateCall, StateCallResult } from '../engine/state-types';
import type { Timeline } from './timeline';

/** What the page asks for: a run to open. */
export interface RunSpec {
  readonly name: string;
  readonly semantics: Semantics;
  /** The query as a scenario writes it; `triggerInterval` (Spark) batches arriving events. */
  readonly query: JsonObject;
  readonly input: StoredInput;
}

/** What the page shows: plain data, cloned across the worker boundary. */
export interface RunView {
  readonly runId: string;
  readonly name: string;
  readonly semantics: Semantics;
  readonly query: JsonObject;
  readonly position: number;
  readonly length: number;
  readonly step: Step | null;
  readonly history: readonly StepSummary[];
  /** Processing time of the current and of the next step (ms), for live play. */
  readonly at: number | null;
  readonly nextAt: number | null;
  /** The same input under a second query, kept at the same position (compare mode). */
  readonly compare: ComparedView | null;
  /** The run's input when it is small enough to put in a link (not for imported files). */
  readonly input: StoredInput | null;
}

export type { Progress };

export interface ComparedView {
  readonly semantics: Semantics;
  readonly query: JsonObject;
  readonly step: Step | null;
  readonly history: readonly StepSummary[];
}

const CHECKPOINT_EVERY = { spark: 10, flink: 500 } as const;

export class RunManager {
  private simulation: Simulation | null = null;
  private record: RunRecord | null = null;
  private other: Simulation | null = null;
  private otherQuery: JsonObject | null = null;
  /** Checkpoint positions already in storage for this run and query. */
  private persisted = new Set<number>();
  /** Answers of custom state code, shared by the run and its compared run. */
  private readonly memos = new StateMemos();

  constructor(
    private readonly storage: Storage,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Opens a new run at position 0 and remembers it as the learner's last. Throws on a bad spec. */
  async open(spec: RunSpec, id: string): Promise<RunView> {
    const simulation = this.createSimulation(spec);
    this.simulation = simulation;
    this.other = null;
    this.otherQuery = null;
    this.persisted = new Set();
    this.record = {
      id,
      name: spec.name,
      semantics: spec.semantics,
      query: spec.query,
      input: spec.input,
      position: 0,
      updatedAt: this.now(),
    };
    await this.storage.saveRun(this.record);
    await this.storage.savePreferences({
      ...(await this.storage.loadPreferences()),
      lastRunId: id,
    });
    return this.view();
  }

  /** Reopens the learner's last run where they left it, or returns null when there is none. */
  async resume(): Promise<RunView | null> {
    const { lastRunId } = await this.storage.loadPreferences();
    const record = lastRunId === null ? null : await this.storage.loadRun(lastRunId);
    if (record === null) return null;
    let simulation: Simulation;
    try {
      simulation = this.createSimulation(record);
    } catch {
      return null; // The stored run no longer runs (its query is refused): start afresh.
    }
    const checkpoint = await this.storage.nearestCheckpoint(record.id, record.position - 1);
    const saved = checkpoint?.snapshot as { engine?: unknown; history?: unknown } | undefined;
    const history = Array.isArray(saved?.history) ? (saved.history as StepSummary[]) : [];
    this.simulation = simulation;
    this.record = record;
    this.persisted = new Set(checkpoint === null ? [] : [checkpoint.position]);
    try {
      simulation.resumeFrom(checkpoint?.position ?? 0, saved?.engine, history, record.position);
    } catch (err) {
      if (err instanceof NeedsStateResults) throw err.at(record.position);
      throw err;
    }
    this.record = { ...record, position: simulation.position };
    return this.view();
  }

  /**
   * Runs a move toward `target`. When the learner's state code has calls with no answer yet, it
   * throws NeedsStateResults saying where it was going: the page runs the calls, hands back
   * the results (provideStateResults) and retries with a move to `target`.
   */
  private async move(target: number, work: () => unknown): Promise<RunView> {
    try {
      await work();
      this.alignOther();
    } catch (err) {
      if (err instanceof NeedsStateResults) throw err.at(target);
      throw err;
    }
    return this.saved();
  }

  /** Answers of the learner's code for `calls`, run in the page's sandbox. */
  provideStateResults(
    code: string,
    calls: readonly StateCall[],
    results: readonly StateCallResult[],
  ): void {
    this.memos.add(code, calls, results);
  }

  step(): Promise<RunView> {
    const sim = this.active();
    return this.move(sim.position + 1, () => sim.step());
  }

  back(): Promise<RunView> {
    const sim = this.active();
    return this.move(sim.position - 1, () => sim.back());
  }

  seek(position: number): Promise<RunView> {
    return this.move(position, () => this.active().seek(position));
  }

  /**
   * Moves to `position` in slices, reporting progress, so a long replay (or running to the end)
   * neither blocks the worker nor ignores a cancel; stops where it is when `progress` says so.
   */
  async travel(position: number, progress: Progress): Promise<RunView> {
    const sim = this.active();
    return this.move(position, async () => {
      const target = sim.rewindFor(position);
      await sliced(
        () => {
          if (sim.position >= target) return false;
          sim.step();
          return sim.position < target;
        },
        progress,
        () => sim.position,
        target,
      );
    });
  }

  /**
   * Compare mode: the same input under `query` (and `semantics`, default the run's) beside the
   * run, kept at the same point of the input; null ends it. Throws on a refused query.
   */
  compareWith(query: JsonObject | null, semantics?: Semantics): RunView {
    const record = this.record as RunRecord;
    if (query === null) {
      this.other = null;
      this.otherQuery = null;
      return this.view();
    }
    this.other = this.createSimulation({
      ...record,
      query,
      semantics: semantics ?? record.semantics,
    });
    this.otherQuery = query;
    try {
      this.alignOther();
    } catch (err) {
      if (err instanceof NeedsStateResults) throw err.at(this.active().position);
      throw err;
    }
    return this.view();
  }

  /**
   * Puts the compared run where the main one is: the same position for the same semantics, else
   * after the same input elements (Spark batch k ↔ Flink after the events of batches 0..k).
   */
  private alignOther(): void {
    const sim = this.active();
    const other = this.other;
    if (other === null) return;
    const target =
      other.semantics === sim.semantics
        ? sim.position
        : other.positionAfter(sim.elementsBefore(sim.position));
    other.seek(target);
  }

  /** Switches between Spark and Flink on the same input and query, from the start. */
  async setSemantics(semantics: Semantics): Promise<RunView> {
    const record = this.record as RunRecord;
    if (semantics === record.semantics) return this.view();
    const simulation = this.createSimulation({ ...record, semantics });
    this.simulation = simulation;
    this.record = { ...record, semantics };
    this.alignOther();
    await this.storage.pruneCheckpoints(record.id, 0);
    this.persisted = new Set();
    return this.saved();
  }

  /** Replays the same input under a new query; a refused query throws and changes nothing. */
  async setQuery(query: JsonObject): Promise<RunView> {
    const sim = this.active();
    const record = this.record as RunRecord;
    const target = sim.position;
    let stopped: Error | null = null;
    try {
      sim.setQuery(query);
    } catch (err) {
      // The new query is in place and only its replay stopped (for the sandbox, or at a call
      // of the learner's code that failed): keep it.
      if (err instanceof NeedsStateResults) stopped = err.at(target);
      else if (err instanceof StateFunctionError) stopped = err;
      else throw err;
    }
    this.record = { ...record, query };
    await this.storage.pruneCheckpoints(record.id, 0);
    this.persisted = new Set();
    if (stopped !== null) throw stopped;
    return this.saved();
  }

  /**
   * Opens a file as a new run: a scenario (its own query), or events under the current query.
   * A bad file throws with every problem listed by line, and the current run stays as it was.
   */
  async importFile(
    kind: 'scenario' | 'events',
    name: string,
    text: string,
    id: string,
  ): Promise<RunView> {
    const record = this.record;
    const parsed =
      kind === 'scenario'
        ? specFromScenario(text)
        : specFromEvents(name, text, record?.semantics ?? 'spark', record?.query ?? {});
    if (!parsed.ok) throw new Error(`${name} was not opened:\n${parsed.errors.join('\n')}`);
    return this.open(parsed.value, id);
  }

  /** The current run's input as a file: a scenario (JSON) or its events (JSON Lines). */
  exportFile(kind: 'scenario' | 'events'): string {
    const sim = this.active();
    const record = this.record as RunRecord;
    return kind === 'scenario' ? exportScenario(sim, record.name, record.query) : exportEvents(sim);
  }

  /** Every event and window so far, for the chart (see timeline.ts). */
  timeline(): Timeline {
    return this.active().timeline();
  }

  view(): RunView {
    const sim = this.active();
    const record = this.record as RunRecord;
    return {
      runId: record.id,
      name: record.name,
      semantics: record.semantics,
      query: record.query,
      position: sim.position,
      length: sim.length,
      step: sim.current,
      history: sim.history,
      at: sim.position === 0 ? null : sim.processingTimeAt(sim.position - 1),
      nextAt: sim.processingTimeAt(sim.position),
      compare:
        this.other === null || this.otherQuery === null
          ? null
          : {
              semantics: this.other.semantics,
              query: this.otherQuery,
              step: this.other.current,
              history: this.other.history,
            },
      input: record.input.kind === 'imported' ? null : record.input,
    };
  }

  private createSimulation(spec: RunSpec): Simulation {
    return new Simulation(
      { semantics: spec.semantics, query: spec.query, input: simulationInput(spec) },
      CHECKPOINT_EVERY[spec.semantics],
      this.memos,
    );
  }

  private active(): Simulation {
    if (this.simulation === null) throw new Error('no run is open: open one first');
    return this.simulation;
  }

  /**
   * Saves the position, and the simulation's latest checkpoint (with the step summaries before
   * it, for the charts) when it is one storage does not have yet; then returns the view.
   */
  private async saved(): Promise<RunView> {
    const sim = this.active();
    const record = { ...(this.record as RunRecord), position: sim.position, updatedAt: this.now() };
    this.record = record;
    await this.storage.saveRun(record);
    const checkpoint = sim.latestCheckpoint();
    if (checkpoint !== null && !this.persisted.has(checkpoint.position)) {
      this.persisted.add(checkpoint.position);
      await this.storage.saveCheckpoint({
        runId: record.id,
        position: checkpoint.position,
        snapshot: { engine: checkpoint.snapshot, history: checkpoint.history },
      });
    }
    return this.view();
  }
}
