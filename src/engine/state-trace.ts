// What a per-key state batch reports besides its rows: each input event's fate, each call of the
// state function (with input or timed out) with the state before and after and the timeout it
// set, and the state table (key, value, deadline) after the batch. The page draws from this.
import type { Json, StateRow } from './state-types';
import type { Row } from './types';

export type StateEventFate =
  /** Given to the function of this key. */
  | { readonly kind: 'given'; readonly key: readonly unknown[]; readonly eventTime: number | null }
  /** Dropped before the function (event-time timeouts only): `event_time <= watermark`. */
  | {
      readonly kind: 'late';
      readonly key: readonly unknown[];
      readonly eventTime: number;
      readonly rule: 'event_time <= watermark';
      readonly watermark: number;
    }
  /** Removed by the query's filter. */
  | {
      readonly kind: 'filtered';
      readonly field: string;
      readonly expected: unknown;
      readonly actual: unknown;
    };

/** A key's state as a call saw it, or left it (`exists` false: no value; the row may stay for its timeout). */
export interface StateSide {
  readonly exists: boolean;
  readonly value: Json;
  readonly timeoutMs: number | null;
}

export interface StateCallTrace {
  /** Index into `runs`: the data batch, or the no-data batch that followed it. */
  readonly run: number;
  readonly key: readonly unknown[];
  readonly hasTimedOut: boolean;
  /** Indices of this batch's input events given to the call (empty when timing out). */
  readonly inputs: readonly number[];
  readonly before: StateSide;
  /** null: the state row was removed (remove() and no timeout set). */
  readonly after: StateSide | null;
  /** What the call did: updated, removed, or neither (the value stays as it was). */
  readonly change: 'updated' | 'removed' | 'unchanged';
  /** The deadline this call set (null: none; a call that sets none clears the old one). */
  readonly timeoutSet: number | null;
  readonly rows: readonly Row[];
}

export interface StateRun {
  readonly kind: 'data' | 'no-data';
  readonly batchId: number;
  /** The batch's processing time: the threshold for processing-time timeouts. */
  readonly processingTimeMs: number;
  /** Input rows with event time <= this are dropped (event-time timeouts with a watermark). */
  readonly lateThreshold: number | null;
  /** Keys whose deadline is < this time out; null without timeouts. */
  readonly timeoutThreshold: number | null;
}

export interface StateBatchTrace {
  readonly runs: readonly StateRun[];
  readonly watermarkBefore: number | null;
  readonly watermarkAfter: number | null;
  readonly maxEventTime: number | null;
  /** One per input event, in input order. */
  readonly events: readonly StateEventFate[];
  /** In the order they ran: keys with input (first appearance), then timed-out keys. */
  readonly calls: readonly StateCallTrace[];
  /** The state table after the batch, in store order. */
  readonly state: readonly StateRow[];
  readonly stateRows: number;
}
