// Running the state function: turning what it returned into rows, a runner over plain JS
// functions (the built-ins use it), and a memo runner that answers from a cache and otherwise
// asks its caller, through StateCallsNeeded, to evaluate a phase's calls elsewhere and retry.
import { createGroupState } from './group-state';
import type { Json, StateCall, StateCallResult, StateRunner } from './state-types';
import type { Row } from './types';

/** The state function as JavaScript: `update(key, values, state)` returning rows. */
export type StateFunction = (
  key: unknown,
  values: readonly Record<string, unknown>[],
  state: ReturnType<typeof createGroupState>['state'],
) => unknown;

function isPlainObject(v: unknown): v is Row {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/**
 * What the function returned, as rows: an array of objects, one object, or nothing
 * (undefined / null). Returns a message for anything else.
 */
export function normalizeRows(returned: unknown): Row[] | string {
  if (returned === undefined || returned === null) return [];
  if (isPlainObject(returned)) return [returned];
  if (Array.isArray(returned) && returned.every(isPlainObject)) return returned;
  const shown = JSON.stringify(returned) as string | undefined;
  const text = shown ?? (typeof returned === 'function' ? 'a function' : typeof returned);
  return `update must return rows: an array of objects, one object such as {"total": 5}, or nothing; it returned ${text}`;
}

/**
 * Runs one call of a JS function against a fresh GroupState; never throws. `trusted` code (the
 * built-ins) neither changes its input nor keeps its rows, so nothing is copied for it.
 */
export function callFunction(fn: StateFunction, call: StateCall, trusted = false): StateCallResult {
  const { state, outcome } = createGroupState(call);
  try {
    const values = trusted ? call.values : call.values.map((v) => ({ ...v }));
    const rows = normalizeRows(fn(call.key, values, state));
    if (typeof rows === 'string')
      return { ok: false, name: 'TypeError', message: rows, line: null };
    const o = outcome();
    return {
      ok: true,
      rows: trusted ? rows : (JSON.parse(JSON.stringify(rows)) as Row[]),
      change:
        o.change.kind === 'updated' ? { kind: 'updated', value: o.change.value as Json } : o.change,
      timeoutMs: o.timeoutMs,
    };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    return { ok: false, name: e.name, message: e.message, line: null };
  }
}

/** A runner over a function that runs here (the built-ins, or code in tests). */
export function functionRunner(fn: StateFunction, trusted = false): StateRunner {
  return { run: (calls) => calls.map((c) => callFunction(fn, c, trusted)) };
}

/** JSON with object keys sorted at every level: equal calls give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isPlainObject(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

/**
 * Thrown by the memo runner when some calls of a phase have no answer yet. It carries every
 * missing call of the phase; the engine's runBatch is atomic, so after `memo.add(...)` the
 * caller simply runs the same batch again.
 */
export class StateCallsNeeded extends Error {
  constructor(readonly calls: readonly StateCall[]) {
    super(`${String(calls.length)} state function call(s) need evaluating`);
    this.name = 'StateCallsNeeded';
  }
}

export class MemoStateRunner implements StateRunner {
  private readonly cache = new Map<string, StateCallResult>();

  run(calls: readonly StateCall[]): StateCallResult[] {
    const missing: StateCall[] = [];
    const results = calls.map((call) => {
      const hit = this.cache.get(canonicalJson(call));
      if (hit === undefined) missing.push(call);
      return hit;
    });
    if (missing.length > 0) throw new StateCallsNeeded(missing);
    return results as StateCallResult[];
  }

  /** Records answers, in the order of `calls`. */
  add(calls: readonly StateCall[], results: readonly StateCallResult[]): void {
    if (calls.length !== results.length)
      throw new Error(`${String(calls.length)} calls but ${String(results.length)} results`);
    calls.forEach((call, i) => this.cache.set(canonicalJson(call), results[i] as StateCallResult));
  }

  /** Forgets every answer (after the learner edits the code). */
  clear(): void {
    this.cache.clear();
  }

  get size(): number {
    return this.cache.size;
  }
}
