// What the engine says about each batch besides its rows: every input event's fate and every
// window's lifecycle, with the numbers that decided them. The page's "why?" reads only this.
import type { Row } from './types';

/** A group of the result table: a window (null bounds for `window: none`) and the key values. */
export interface GroupRef {
  readonly windowStart: number | null;
  readonly windowEnd: number | null;
  readonly key: readonly unknown[];
}

/** Why a group did not take an event: `bound <= watermark` (bound is window_end, or ts). */
export interface LateDrop {
  readonly group: GroupRef;
  readonly rule:
    | 'window_end <= watermark'
    | 'session_end <= watermark'
    | 'event_time <= watermark'
    | 'window_end - 1 + allowed_lateness <= watermark';
  readonly bound: number;
  readonly watermark: number;
}

export type EventFate =
  /** Counted in `groups`; `late` lists the windows (sliding) that refused it as too late. */
  | {
      readonly kind: 'counted';
      readonly eventTime: number | null;
      readonly groups: GroupRef[];
      readonly late: LateDrop[];
    }
  /** Late for every window it belongs to: counted nowhere (Flink: sent to the side output or not). */
  | {
      readonly kind: 'late';
      readonly eventTime: number;
      readonly late: LateDrop[];
      readonly sideOutput?: boolean;
    }
  /** Flink, sliding windows with slide > size: the event falls in no window at all. */
  | { readonly kind: 'no-window'; readonly eventTime: number }
  /** Removed by the query's filter before anything else. */
  | {
      readonly kind: 'filtered';
      readonly field: string;
      readonly expected: unknown;
      readonly actual: unknown;
    }
  /** The event-time field is missing, null or not a timestamp. */
  | { readonly kind: 'no-time'; readonly field: string; readonly value: unknown }
  /** A per-event session gap that is missing or <= 0 (Spark drops such rows). */
  | { readonly kind: 'no-gap'; readonly eventTime: number; readonly gapMs: number | null }
  /** A pass-through query emitted it as is. */
  | { readonly kind: 'passed'; readonly eventTime: number | null };

export type WindowChangeKind = 'created' | 'updated' | 'merged' | 'emitted' | 'evicted';

export interface WindowChange {
  readonly kind: WindowChangeKind;
  readonly group: GroupRef;
  /** The group's value after the change (for emitted: the row that was output). */
  readonly value: Row;
  /** 'data' for the batch itself, 'no-data' for the follow-up batch Spark runs when the watermark moved. */
  readonly run: 'data' | 'no-data';
  /** For 'merged': the stored sessions that became this one; for 'updated', a session's old bounds when it grew. */
  readonly mergedFrom?: readonly GroupRef[];
}

/** One execution: the input batch, or the no-data batch that followed it. */
export interface SparkRun {
  readonly kind: 'data' | 'no-data';
  /** Spark's batch id (no-data batches take ids too). */
  readonly batchId: number;
  /** Groups with bound <= this are late (the previous batch's watermark). */
  readonly lateThreshold: number | null;
  /** Groups with end <= this are evicted (this batch's watermark). */
  readonly evictionThreshold: number | null;
}

export interface SparkBatchTrace {
  readonly runs: readonly SparkRun[];
  /** The watermark this batch ran with. */
  readonly watermarkBefore: number | null;
  /** The watermark computed after it: what the next batch runs with. */
  readonly watermarkAfter: number | null;
  /** Max event time over all batches so far (null before any). */
  readonly maxEventTime: number | null;
  /** One per input event, in input order. */
  readonly events: readonly EventFate[];
  readonly windows: readonly WindowChange[];
  readonly stateRows: number;
}

export type FlinkWindowChangeKind =
  'created' | 'updated' | 'merged' | 'fired' | 'refired' | 'purged' | 'cleared';

export interface FlinkWindowChange {
  readonly kind: FlinkWindowChangeKind;
  readonly group: GroupRef;
  /** The window's value after the change; null once purged or cleared. */
  readonly value: Row | null;
  readonly mergedFrom?: readonly GroupRef[];
}

/** What one stream element did in Flink mode. */
export interface FlinkRecordTrace {
  readonly index: number;
  readonly element: 'event' | 'watermark' | 'end';
  /** For events: counted, late (side output), filtered, no time, no window. */
  readonly fate: EventFate | null;
  readonly windows: readonly FlinkWindowChange[];
  /** Watermarks; null stands for −∞ (no watermark yet), Infinity after `$end`. */
  readonly watermarkBefore: number | null;
  readonly watermarkAfter: number | null;
  /** Windows (and running groups) in state after the element. */
  readonly stateWindows: number;
}
