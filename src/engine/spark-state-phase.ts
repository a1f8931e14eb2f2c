// One phase of a per-key state batch: the calls for keys with input, or for timed-out keys. It
// builds the calls as plain data, hands them all to the runner at once (they are independent),
// checks what comes back, writes each outcome to the store and emits the rows with their key.
import type { StateEntry, StateStore } from './spark-state-store';
import type { StateCallTrace, StateSide } from './state-trace';
import type { StateCall, StateCallResult, StatefulSpec, StateRunner } from './state-types';
import type { Event, Row } from './types';

export interface PhaseItem {
  readonly id: unknown;
  readonly key: readonly unknown[];
  readonly values: readonly Event[];
  /** Input indices of `values` (for the trace). */
  readonly inputs: readonly number[];
  readonly hasTimedOut: boolean;
}

export interface RunContext {
  /** Index of the run in the batch's trace. */
  readonly run: number;
  readonly batchTimeMs: number;
  /** The watermark for eviction (getCurrentWatermarkMs), null without one. */
  readonly watermarkMs: number | null;
  readonly rows: Row[];
}

/** The state function failed (or its runner answered badly): the query stops, as Spark's does. */
export class StateFunctionError extends Error {
  constructor(
    message: string,
    readonly key: unknown,
    readonly line: number | null,
  ) {
    super(message);
    this.name = 'StateFunctionError';
  }
}

const NO_STATE: StateSide = { exists: false, value: null, timeoutMs: null };

function isRow(v: unknown): v is Row {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class StatePhase {
  private calls: StateCallTrace[] | null = null;

  constructor(
    private readonly spec: StatefulSpec,
    private readonly fields: readonly string[],
    private readonly runner: StateRunner,
    private readonly store: StateStore,
  ) {}

  /** Starts recording calls for a batch (or stops, with `on` false); returns the record. */
  startTrace(on: boolean): StateCallTrace[] | null {
    this.calls = on ? [] : null;
    return this.calls;
  }

  run(items: readonly PhaseItem[], ctx: RunContext): void {
    if (items.length === 0) return;
    const befores = items.map((item) => this.store.get(item.id));
    const calls = items.map((item, i): StateCall => {
      const before = befores[i];
      return {
        key: this.fields.length === 1 ? item.key[0] : item.key,
        values: item.values,
        exists: before?.exists ?? false,
        value: before?.exists === true ? before.value : null,
        hasTimedOut: item.hasTimedOut,
        timeout: this.spec.timeout,
        batchTimeMs: ctx.batchTimeMs,
        watermarkMs: ctx.watermarkMs,
      };
    });
    const results = this.runner.run(calls);
    if (results.length !== calls.length) {
      throw new Error(
        `the state runner answered ${String(results.length)} of ${String(calls.length)} calls`,
      );
    }
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as PhaseItem;
      const result = results[i] as StateCallResult;
      this.apply(item, calls[i] as StateCall, result, befores[i], ctx);
    }
  }

  private apply(
    item: PhaseItem,
    call: StateCall,
    result: StateCallResult,
    before: StateEntry | undefined,
    ctx: RunContext,
  ): void {
    if (!result.ok || !Array.isArray(result.rows) || !result.rows.every(isRow)) {
      this.fail(item, call, result);
    }
    const ok = result;
    if (this.spec.api === 'mapGroupsWithState' && ok.rows.length !== 1) this.fail(item, call, ok);
    const after = this.store.apply(item.id, item.key, ok, before);
    const fields = this.fields;
    const key = item.key;
    for (const r of ok.rows) {
      const row: Row = {};
      for (let f = 0; f < fields.length; f++) row[fields[f] as string] = key[f];
      ctx.rows.push(Object.assign(row, r));
    }
    this.calls?.push({
      run: ctx.run,
      key: item.key,
      hasTimedOut: item.hasTimedOut,
      inputs: item.inputs,
      before: before === undefined ? NO_STATE : side(before),
      after: after === null ? null : side(after),
      change: ok.change.kind,
      timeoutSet: ok.timeoutMs,
      rows: ok.rows,
    });
  }

  /** Throws the StateFunctionError for a call that failed or answered badly. */
  private fail(item: PhaseItem, call: StateCall, result: StateCallResult): never {
    const where = `update(key = ${JSON.stringify(call.key)}${item.hasTimedOut ? ', timed out' : ''})`;
    if (!result.ok) {
      const at = result.line === null ? '' : ` at line ${String(result.line)}`;
      throw new StateFunctionError(
        `${where} failed${at}: ${result.name}: ${result.message}`,
        call.key,
        result.line,
      );
    }
    if (!Array.isArray(result.rows) || !result.rows.every(isRow)) {
      throw new StateFunctionError(
        `${where}: the runner returned rows that are not objects`,
        call.key,
        null,
      );
    }
    throw new StateFunctionError(
      `${where}: mapGroupsWithState's function returns exactly one row per call, this one returned ${String(result.rows.length)}. Return one object, or use "stateful.api": "flatMapGroupsWithState"`,
      call.key,
      null,
    );
  }
}

function side(e: StateSide): StateSide {
  return { exists: e.exists, value: e.value, timeoutMs: e.timeoutMs };
}
