// Reads a query's `stateful` part (per-key state with timeouts, spark mode) into a StatefulSpec,
// with errors naming the field and the fix. parseQuery calls it; nothing deeper sees strings.
import { duration, isObject, type Json, QueryError } from './query-fields';
import type { StateApi, StatefulSpec, StateFunctionName, StateTimeoutKind } from './state-types';
import type { Semantics } from './types';

const FUNCTIONS: readonly StateFunctionName[] = ['running_total', 'session', 'custom'];
const KINDS: readonly StateTimeoutKind[] = ['none', 'processing', 'event'];
const APIS: readonly StateApi[] = ['flatMapGroupsWithState', 'mapGroupsWithState'];
const MODES = ['append', 'update', 'complete'] as const;
/** running_total's output column when `as` is not given. */
export const DEFAULT_TOTAL_COLUMN = 'total';

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, dflt: T): T {
  if (value === undefined || value === null) return dflt;
  if (!allowed.includes(value as T)) {
    const list = allowed.map((a) => `"${a}"`).join(', ');
    throw new QueryError(field, `must be one of ${list}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

function timeoutOf(value: unknown): { kind: StateTimeoutKind; ms: number | null } {
  if (value === undefined || value === null) return { kind: 'none', ms: null };
  if (!isObject(value)) {
    throw new QueryError(
      'stateful.timeout',
      'must be {"kind": "none" | "processing" | "event", "duration": "30 seconds"}',
    );
  }
  const kind = oneOf(value.kind, KINDS, 'stateful.timeout.kind', 'none');
  if (value.duration === undefined || value.duration === null) return { kind, ms: null };
  const ms = duration(value.duration, 'stateful.timeout.duration');
  if (ms <= 0)
    throw new QueryError('stateful.timeout.duration', 'must be positive, such as "30 seconds"');
  return { kind, ms };
}

/** The fields of the query that per-key state replaces: they must be absent. */
function checkNoAggregation(raw: Json): void {
  const w = raw.window;
  if (w !== undefined && w !== null && !(isObject(w) && w.type === 'none')) {
    throw new QueryError(
      'window',
      'per-key state ("stateful") runs on the raw rows: remove "window" (the function keeps its own time logic)',
    );
  }
  for (const field of ['aggregates', 'derived']) {
    const v = raw[field];
    if (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)) {
      throw new QueryError(
        field,
        `per-key state ("stateful") emits what its function returns: remove "${field}"`,
      );
    }
  }
}

/** Validates `query.stateful`; null when the query has none. Throws QueryError. */
export function parseStateful(raw: Json, semantics: Semantics): StatefulSpec | null {
  const s = raw.stateful;
  if (s === undefined || s === null) return null;
  if (semantics !== 'spark')
    throw new QueryError('stateful', 'per-key state (mapGroupsWithState) is spark mode only');
  if (!isObject(s)) {
    throw new QueryError(
      'stateful',
      'must be an object such as {"function": "running_total", "field": "amount"}',
    );
  }
  checkNoAggregation(raw);
  const groupBy = raw.groupBy;
  if (!Array.isArray(groupBy) || groupBy.length === 0) {
    throw new QueryError(
      'groupBy',
      'per-key state needs the key: name the grouping fields, such as ["user_id"] (groupByKey)',
    );
  }
  if (s.function === undefined)
    throw new QueryError('stateful.function', 'say "running_total", "session" or "custom"');
  const fn = oneOf(s.function, FUNCTIONS, 'stateful.function', 'custom');
  const timeout = timeoutOf(s.timeout);
  const hasTime = typeof raw.time === 'string' && raw.time !== '';
  const field = typeof s.field === 'string' && s.field !== '' ? s.field : null;
  const code = typeof s.code === 'string' ? s.code : null;
  if (fn === 'running_total' && field === null)
    throw new QueryError('stateful.field', 'running_total sums a field: name it, such as "amount"');
  if (fn === 'custom' && code === null) {
    throw new QueryError(
      'stateful.code',
      'custom needs "code": the body of update(key, values, state) in JavaScript, returning rows',
    );
  }
  if (fn !== 'custom' && timeout.kind !== 'none' && timeout.ms === null) {
    throw new QueryError('stateful.timeout.duration', `${fn} needs how long, such as "30 seconds"`);
  }
  if (fn === 'session' && timeout.kind === 'none') {
    throw new QueryError(
      'stateful.timeout',
      'a session ends by its timeout: give {"kind": "processing" or "event", "duration": "30 seconds"}',
    );
  }
  if ((fn === 'session' || timeout.kind === 'event') && !hasTime) {
    throw new QueryError(
      'time',
      'name the event-time field, such as "time": "ts" (event times and event-time timeouts need it)',
    );
  }
  const as = s.as ?? DEFAULT_TOTAL_COLUMN;
  if (typeof as !== 'string' || as === '')
    throw new QueryError('stateful.as', 'must name the output column, such as "total"');
  const queryMode = oneOf(raw.outputMode, MODES, 'outputMode', 'append');
  return {
    function: fn,
    api: oneOf(s.api, APIS, 'stateful.api', 'flatMapGroupsWithState'),
    // flatMapGroupsWithState's own mode defaults to the query's (update under a complete query,
    // so that Spark's complete-mode check is the one that speaks).
    operatorMode: oneOf(
      s.outputMode,
      MODES,
      'stateful.outputMode',
      queryMode === 'complete' ? 'update' : queryMode,
    ),
    timeout: timeout.kind,
    timeoutMs: timeout.ms,
    field,
    as,
    code,
  };
}
