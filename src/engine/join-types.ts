// The vocabulary of several inputs and stream-stream joins (spark mode): the normalised join
// spec the parser produces, and what a join batch reports to the page in its trace.
import type { EventFate, SparkRun, WindowChange } from './trace';

export type JoinType = 'inner' | 'leftOuter' | 'rightOuter' | 'fullOuter' | 'leftSemi';
export type WatermarkPolicy = 'min' | 'max';
export type JoinSide = 'left' | 'right';

/** One input of `query.inputs`, normalised. */
export interface InputSpec {
  readonly name: string;
  /** Its event-time field. */
  readonly time: string;
  /** Watermark delay in ms, or null: the input has no watermark. */
  readonly delayMs: number | null;
  /** Declared fields (a joined row's columns for this side), or null: as the events carry them. */
  readonly fields: readonly string[] | null;
}

/** `query.join` with `query.inputs` and `query.watermarkPolicy`, normalised. */
export interface JoinSpec {
  readonly inputs: readonly InputSpec[];
  readonly policy: WatermarkPolicy;
  readonly type: JoinType;
  readonly left: InputSpec;
  readonly right: InputSpec;
  /** Pairs of fields that must be equal: [left field, right field]. */
  readonly on: readonly (readonly [string, string])[];
  /** Right time within [left time + lowerMs, left time + upperMs]; null: no time condition. */
  readonly between: { readonly lowerMs: number; readonly upperMs: number } | null;
}

/** A row buffered in one side's join state, as the trace and the snapshot show it. */
export interface BufferedRow {
  /** Unique over the run: the page draws matches between ids. */
  readonly id: number;
  readonly side: JoinSide;
  /** The input batch (0-based, input batches only) and the event's index in it. */
  readonly batch: number;
  readonly index: number;
  readonly eventTime: number;
  /** Whether it has matched a row of the other side (outer joins emit nulls only when not). */
  readonly matched: boolean;
  /** The global watermark at which it is evicted (null: this side is never evicted). */
  readonly evictAt: number | null;
  /** Other-side event times it can still match: [lo, hi] (null: no time condition). */
  readonly range: readonly [number, number] | null;
}

export type JoinEventFate =
  /** Joined with `matches` (ids of the other side's rows it matched on arrival). */
  | {
      readonly kind: 'joined';
      readonly side: JoinSide;
      readonly eventTime: number;
      /** Its row id: joined rows, evictions and the state refer to it. */
      readonly id: number;
      readonly matches: readonly number[];
      /** Kept in the state; not when a left semi row matched, or its state watermark passed it. */
      readonly buffered: boolean;
    }
  | {
      readonly kind: 'late';
      readonly side: JoinSide;
      readonly eventTime: number;
      /** Dropped because `event_time <= watermark` (the previous batch's global watermark). */
      readonly rule: 'event_time <= watermark';
      readonly watermark: number;
    }
  /** The join key has a null: it can never match (Spark filters such rows before the join). */
  | { readonly kind: 'null-key'; readonly side: JoinSide; readonly field: string }
  | { readonly kind: 'no-time'; readonly field: string; readonly value: unknown }
  /** `$input` names no input of the query. */
  | { readonly kind: 'unknown-input'; readonly value: unknown };

/** A buffered row leaving the state: with a null row (outer join, never matched) or silently. */
export interface JoinEviction {
  readonly row: BufferedRow;
  readonly run: 'data' | 'no-data';
  /** The state watermark that evicted it: `event_time <= stateWatermark`. */
  readonly stateWatermark: number;
  readonly nullRow: boolean;
}

/** The watermarks of one run (data or no-data batch). */
export interface JoinRunWatermarks {
  readonly run: SparkRun;
  /** Rows of a side are evicted when `event_time <= ` this (null: never). */
  readonly leftState: number | null;
  readonly rightState: number | null;
  /** The aggregation over the join: groups late at `end <= lateThreshold`, evicted at `end <= evictAt`. */
  readonly aggregation: { readonly late: number; readonly evict: number } | null;
}

export interface InputWatermark {
  readonly name: string;
  readonly maxEventTime: number | null;
  /** max − delay, forward only; 0 once a batch ran without data from it; null before. */
  readonly watermark: number | null;
}

export interface JoinBatchTrace {
  readonly runs: readonly JoinRunWatermarks[];
  readonly watermarkBefore: number | null;
  readonly watermarkAfter: number | null;
  readonly policy: WatermarkPolicy;
  readonly inputs: readonly InputWatermark[];
  /** One per input event, in input order. */
  readonly events: readonly JoinEventFate[];
  /** Output rows (before any aggregation) with the rows they came from. */
  readonly joined: readonly {
    readonly left: number | null;
    readonly right: number | null;
    readonly run: 'data' | 'no-data';
  }[];
  readonly evictions: readonly JoinEviction[];
  readonly state: { readonly left: readonly BufferedRow[]; readonly right: readonly BufferedRow[] };
  /** The aggregation's windows (as the plain Spark trace has them), when the query aggregates. */
  readonly windows: readonly WindowChange[];
  /** Each joined row's fate in the aggregation, by its index in `joined`. */
  readonly aggregation: readonly EventFate[];
  readonly stateRows: number;
}
