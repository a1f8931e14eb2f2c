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

export interface SparkStore {
  beginRun(run: RunContext): void;
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
