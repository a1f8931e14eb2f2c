// The vocabulary of per-key state (mapGroupsWithState / flatMapGroupsWithState): the parsed
// `stateful` spec, one call of the state function and its result, and what a batch reports.
import type { Event, Row } from './types';

export type StateTimeoutKind = 'none' | 'processing' | 'event';
export type StateApi = 'flatMapGroupsWithState' | 'mapGroupsWithState';
export type StateFunctionName = 'running_total' | 'session' | 'custom';

/** Plain JSON: what a state value may hold (it is stored and snapshotted as JSON). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The `stateful` part of a query after validation; durations in ms. */
export interface StatefulSpec {
  readonly function: StateFunctionName;
  readonly api: StateApi;
  /** The operator's own output mode (flatMapGroupsWithState's argument); the query's by default. */
  readonly operatorMode: 'append' | 'update' | 'complete';
  readonly timeout: StateTimeoutKind;
  /** running_total and session: how long after the last input (or event time) a key times out. */
  readonly timeoutMs: number | null;
  /** running_total: the summed field and its output column. */
  readonly field: string | null;
  readonly as: string;
  /** custom: the body of `update(key, values, state)` in JavaScript. */
  readonly code: string | null;
}

/** One call of the state function: everything it may read, as plain JSON. */
export interface StateCall {
  /** The key as the function sees it: the value for one grouping field, an array for several. */
  readonly key: unknown;
  /** The key's rows in this batch, in input order (empty when timing out). */
  readonly values: readonly Event[];
  readonly exists: boolean;
  /** The stored value (null when it does not exist). */
  readonly value: Json;
  readonly hasTimedOut: boolean;
  readonly timeout: StateTimeoutKind;
  /** The batch's processing time (getCurrentProcessingTimeMs). */
  readonly batchTimeMs: number;
  /** The watermark for eviction (getCurrentWatermarkMs); null when the query has none. */
  readonly watermarkMs: number | null;
}

/** What the call did to the key's state: Spark's isUpdated / isRemoved flags, resolved. */
export type StateChange =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'updated'; readonly value: Json }
  | { readonly kind: 'removed' };

export type StateCallResult =
  | {
      readonly ok: true;
      readonly rows: readonly Row[];
      readonly change: StateChange;
      /** The timeout set by this call (epoch ms), or null: a call that sets none leaves none. */
      readonly timeoutMs: number | null;
    }
  | {
      readonly ok: false;
      /** Spark's exception name where it has one (IllegalArgumentException, ...). */
      readonly name: string;
      readonly message: string;
      /** 1-based line in the function's body, when known. */
      readonly line: number | null;
    };

/**
 * Runs the state function, synchronously. All calls of one phase of one batch are independent
 * (each touches one key), so a runner may evaluate them in any order or all at once.
 */
export interface StateRunner {
  run(calls: readonly StateCall[]): StateCallResult[];
}

/** A key's stored state: the value (if it exists) and the timeout deadline (if set). */
export interface StateRow {
  /** The grouping values, in `groupBy` order. */
  readonly key: readonly unknown[];
  readonly exists: boolean;
  readonly value: Json;
  readonly timeoutMs: number | null;
}
