// The engine's public vocabulary: events, queries as written in a scenario, the normalised query
// the drivers run, and what one Spark micro-batch reports. Times are integer epoch ms throughout.
import type { JoinSpec } from './join-types';
import type { StatefulSpec } from './state-types';

/** One input record as it arrives: plain JSON fields. */
export type Event = Readonly<Record<string, unknown>>;

export type Semantics = 'spark' | 'flink';
export type OutputMode = 'append' | 'update' | 'complete';

/** Equality on fields, e.g. `{ "event_type": "click" }`. */
export type FieldEquals = Readonly<Record<string, string | number | boolean | null>>;

export type AggregateFn = 'count' | 'sum' | 'avg' | 'min' | 'max' | 'count_distinct';

export interface AggregateSpec {
  readonly fn: AggregateFn;
  readonly field: string | null;
  readonly where: FieldEquals | null;
  readonly as: string;
}

export interface DerivedSpec {
  readonly as: string;
  readonly expr: string;
}

/** A session gap: fixed, looked up by a field's value, or read from a field (ms). */
export type SessionGap =
  | { readonly kind: 'fixed'; readonly gapMs: number }
  | {
      readonly kind: 'map';
      readonly field: string;
      readonly gapsMs: ReadonlyMap<string, number>;
      readonly defaultMs: number | null;
    }
  | { readonly kind: 'field'; readonly field: string };

export type WindowSpec =
  | { readonly type: 'none' }
  | {
      readonly type: 'tumbling' | 'sliding';
      readonly sizeMs: number;
      readonly slideMs: number;
      readonly offsetMs: number;
    }
  | { readonly type: 'session'; readonly gap: SessionGap };

/** A query after validation: durations are integer ms, defaults filled in. */
export interface Query {
  readonly semantics: Semantics;
  /** Event-time field; null only for queries that never look at time. */
  readonly time: string | null;
  readonly window: WindowSpec;
  readonly groupBy: readonly string[];
  readonly filter: FieldEquals | null;
  readonly aggregates: readonly AggregateSpec[];
  readonly derived: readonly DerivedSpec[];
  /** Watermark delay in ms, or null for no watermark. */
  readonly watermarkDelayMs: number | null;
  readonly outputMode: OutputMode;
  readonly noDataMicroBatches: boolean;
  readonly allowedLatenessMs: number;
  readonly trigger: 'default' | 'purging';
  readonly lateOutput: boolean;
  /** Per-key state with timeouts (spark mode); null for a windowed or pass-through query. */
  readonly stateful: StatefulSpec | null;
  /** Several inputs joined (spark mode); absent for a single input. */
  readonly join?: JoinSpec;
}

export type Row = Record<string, unknown>;

/** What one Spark input batch produced (its follow-up no-data batch included). */
export interface SparkBatchResult {
  /** The watermark this batch ran with (Spark's progress `eventTime.watermark`), or null without one. */
  readonly watermark: number | null;
  readonly rows: Row[];
  /** Late group rows (Spark's numRowsDroppedByWatermark). */
  readonly dropped: number;
  /** Input events counted in no window because they were late. */
  readonly droppedEvents: number;
  /** Rows in the state store after the batch (Spark's numRowsTotal). */
  readonly stateRows: number;
}
