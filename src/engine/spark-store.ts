// The contract between the Spark driver and its state stores (aligned windows, sessions): the
// driver owns time, watermarks and output modes; a store owns groups and their accumulators.
import type { TraceRecorder } from './trace-recorder';
import type { Event, Row } from './types';

export interface RunContext {
  /** Increases with every run (data or no-data): marks what a run touched. */
  readonly serial: number;
  /** Input groups whose bound is <= this are late and dropped; null: nothing is late. */
  readonly lateThreshold: number | null;
  readonly trace: TraceRecorder | null;
}

/** How the driver reads an event, for a store's compiled input loop. */
export interface InputSpec {
  readonly timeField: string;
  /** The filter's conditions (all must hold), or none. */
  readonly filter: readonly (readonly [field: string, value: unknown])[];
}

/** The driver's general path for one event (filter, time, watermark, then `add`). */
export type SlowPath = (event: Event, index: number) => void;

export interface SparkStore {
  beginRun(run: RunContext): void;
  /**
   * With the trace off, the run's whole input through a loop compiled for the query, which
   * hands `slow` every event it does not take itself. Returns the max event time of the events
   * it took (−∞: none), or null when the store has no such loop for this run: the driver then
   * calls `add` itself for every event.
   */
  addAll?(events: readonly Event[], input: InputSpec, slow: SlowPath): number | null;
  /** One input event that passed the filter; ts is null only for queries without event time. */
  add(event: Event, ts: number | null, index: number): void;
  /** Called once after the run's input (sessions merge here). */
  endInput(): void;
  /** Rows of every group that took input in this run. */
  emitUpdated(rows: Row[]): void;
  /** Rows of every group in state. */
  emitAll(rows: Row[]): void;
  /** Removes groups with end <= threshold, pushing their final rows to `rows` unless null. */
  evict(threshold: number, rows: Row[] | null): void;
  /** Groups (or sessions) in state. */
  readonly size: number;
  /** Late group rows in this run's input (Spark's numRowsDroppedByWatermark). */
  readonly dropped: number;
  /** Input events of this run that no group took because they were late. */
  readonly droppedEvents: number;
  toJSON(): unknown;
  restore(json: unknown): void;
}
