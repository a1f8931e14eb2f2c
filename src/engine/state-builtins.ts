// The built-in state functions, written against GroupState exactly as learner code would be:
// `running_total` (a sum per key) and `session` (start, last, count until the timeout).
import { toEpochMs } from './event-time';
import { functionRunner, type StateFunction } from './state-runner';
import { directBuiltin } from './state-builtins-direct';
import type { StateCall, StateCallResult, StatefulSpec, StateRunner } from './state-types';

type Values = Parameters<StateFunction>[1];
type State = Parameters<StateFunction>[2];

/** The latest event time among the rows (null when none has one). */
function latest(values: Values, timeField: string | null): number | null {
  let max: number | null = null;
  if (timeField === null) return null;
  for (const v of values) {
    const ts = toEpochMs(v[timeField]);
    if (ts !== null && (max === null || ts > max)) max = ts;
  }
  return max;
}

/**
 * Sets the key's timeout after input: processing time → now + duration; event time → the
 * latest event time of these rows + duration (the watermark + duration when none has a time),
 * but never before the watermark: Spark refuses that, which can happen when no-data batches
 * are off and rows older than the watermark are not yet late.
 */
function refreshTimeout(spec: StatefulSpec, state: State, lastEventMs: number | null): void {
  const d = spec.timeoutMs;
  if (d === null || spec.timeout === 'none') return;
  if (spec.timeout === 'processing') {
    state.setTimeoutDuration(d);
    return;
  }
  const watermark = state.getCurrentWatermarkMs();
  state.setTimeoutTimestamp(Math.max((lastEventMs ?? watermark) + d, watermark));
}

/**
 * running_total: state = the sum so far of `field` (numbers only; null, missing or text rows
 * add nothing). Each call with input emits `{[as]: total}`. A timeout removes the state (the
 * total starts again from 0) and emits nothing, or, under mapGroupsWithState, the final total.
 */
function runningTotal(spec: StatefulSpec, timeField: string | null): StateFunction {
  const field = spec.field ?? '';
  return (_key, values, state) => {
    if (state.hasTimedOut) {
      const total = state.get() as number;
      state.remove();
      return spec.api === 'mapGroupsWithState' ? { [spec.as]: total } : [];
    }
    let total = state.exists ? (state.get() as number) : 0;
    for (const v of values) {
      const x = v[field];
      if (typeof x === 'number' && Number.isFinite(x)) total += x;
    }
    state.update(total);
    refreshTimeout(spec, state, latest(values, timeField));
    return { [spec.as]: total };
  };
}

interface Session {
  start: number | null;
  last: number | null;
  count: number;
}

/**
 * session: state = {start, last, count} (earliest and latest event time, rows so far). The
 * timeout ends it: the call then emits `{start, last, count, expired: true}` and removes the
 * state. Calls with input emit nothing, or under mapGroupsWithState the session so far with
 * `expired: false`.
 */
function session(spec: StatefulSpec, timeField: string | null): StateFunction {
  return (_key, values, state) => {
    if (state.hasTimedOut) {
      const s = state.get() as Session;
      state.remove();
      return { ...s, expired: true };
    }
    const s: Session = state.exists
      ? { ...(state.get() as Session) }
      : { start: null, last: null, count: 0 };
    for (const v of values) {
      const ts = timeField === null ? null : toEpochMs(v[timeField]);
      if (ts !== null) {
        if (s.start === null || ts < s.start) s.start = ts;
        if (s.last === null || ts > s.last) s.last = ts;
      }
      s.count++;
    }
    state.update(s);
    refreshTimeout(spec, state, s.last);
    return spec.api === 'mapGroupsWithState' ? { ...s, expired: false } : [];
  };
}

/** The built-in as learner code would run it, against GroupState (null for `custom`). */
export function groupStateBuiltin(
  spec: StatefulSpec,
  timeField: string | null,
): StateRunner | null {
  switch (spec.function) {
    case 'running_total':
      return functionRunner(runningTotal(spec, timeField), true);
    case 'session':
      return functionRunner(session(spec, timeField), true);
    case 'custom':
      return null;
  }
}

/**
 * The runner of a built-in function; null for `custom` (its runner comes from outside). Calls
 * are computed directly (state-builtins-direct.ts) where that is sure to give what GroupState
 * gives, else against GroupState.
 */
export function builtinRunner(spec: StatefulSpec, timeField: string | null): StateRunner | null {
  const slow = groupStateBuiltin(spec, timeField);
  const direct = directBuiltin(spec, timeField);
  if (slow === null || direct === null) return slow;
  return {
    run: (calls) => {
      const out = new Array<StateCallResult>(calls.length);
      for (let i = 0; i < calls.length; i++) {
        const call = calls[i] as StateCall;
        out[i] = direct(call) ?? (slow.run([call])[0] as StateCallResult);
      }
      return out;
    },
  };
}

/** The output columns a built-in adds after the grouping fields (null: custom, unknown). */
export function builtinColumns(spec: StatefulSpec): string[] | null {
  if (spec.function === 'running_total') return [spec.as];
  if (spec.function === 'session') return ['start', 'last', 'count', 'expired'];
  return null;
}
