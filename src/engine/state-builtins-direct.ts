// The built-in state functions computed straight from a call, without building a GroupState
// (a dozen closures per call) and without its JSON round trip of the value. Each handles only
// calls where it can tell that nothing would fail and what GroupState would give: a stored
// value of the shape the built-in writes, a positive duration, a watermark for event time.
// Any other call (null for "not mine") goes to the GroupState version in state-builtins.ts,
// which stays the definition; the property tests hold the two to the same results.
import { toEpochMs } from './event-time';
import type { StateCall, StateCallResult, StatefulSpec } from './state-types';

export type Direct = (call: StateCall) => StateCallResult | null;

const REMOVED = { kind: 'removed' } as const;

/**
 * The deadline refreshTimeout sets (null: none), or undefined when GroupState would throw or
 * the case is not one this file handles.
 */
function deadline(spec: StatefulSpec, call: StateCall, lastEventMs: number | null) {
  const d = spec.timeoutMs;
  if (d === null || spec.timeout === 'none') return null;
  if (spec.timeout === 'processing') {
    // setTimeoutDuration(d): checked positive, floored, from the batch's processing time.
    return call.timeout === 'processing' && d > 0 ? Math.floor(d) + call.batchTimeMs : undefined;
  }
  const wm = call.watermarkMs;
  if (wm === null || call.timeout !== 'event') return undefined;
  // setTimeoutTimestamp(max(...)): must be positive, and is never before the watermark.
  const ms = Math.max((lastEventMs ?? wm) + d, wm);
  return ms > 0 ? ms : undefined;
}

function runningTotal(spec: StatefulSpec, timeField: string | null): Direct {
  const field = spec.field ?? '';
  const mapGroups = spec.api === 'mapGroupsWithState';
  const as = spec.as;
  return (call) => {
    if (call.hasTimedOut) {
      if (!call.exists) return null;
      const rows = mapGroups ? [{ [as]: call.value }] : [];
      return { ok: true, rows, change: REMOVED, timeoutMs: null };
    }
    if (call.exists && typeof call.value !== 'number') return null;
    let total = call.exists ? (call.value as number) : 0;
    let latest: number | null = null;
    const values = call.values;
    for (const v of values) {
      const x = v[field];
      if (typeof x === 'number' && Number.isFinite(x)) total += x;
    }
    if (timeField !== null) {
      for (const v of values) {
        const ts = toEpochMs(v[timeField]);
        if (ts !== null && (latest === null || ts > latest)) latest = ts;
      }
    }
    const timeoutMs = deadline(spec, call, latest);
    if (timeoutMs === undefined) return null;
    const change = { kind: 'updated', value: total } as const;
    return { ok: true, rows: [{ [as]: total }], change, timeoutMs };
  };
}

/** A stored session exactly as `session` writes it: {start, last, count}, in that order. */
function isSessionValue(
  v: unknown,
): v is { start: number | null; last: number | null; count: number } {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  if (Object.getPrototypeOf(v) !== Object.prototype) return false;
  const keys = Object.keys(v);
  if (keys.length !== 3 || keys[0] !== 'start' || keys[1] !== 'last' || keys[2] !== 'count')
    return false;
  const s = v as Record<string, unknown>;
  return isTime(s.start) && isTime(s.last) && Number.isFinite(s.count);
}

function isTime(x: unknown): boolean {
  return x === null || Number.isFinite(x);
}

/** What JSON.parse(JSON.stringify(x)) gives for a number or null (−0 becomes 0). */
function viaJson(x: number | null): number | null {
  return x === null || !Number.isFinite(x) ? null : x === 0 ? 0 : x;
}

function session(spec: StatefulSpec, timeField: string | null): Direct {
  const mapGroups = spec.api === 'mapGroupsWithState';
  return (call) => {
    if (call.hasTimedOut) {
      if (!call.exists) return null;
      const row = { ...(call.value as object), expired: true };
      return { ok: true, rows: [row], change: REMOVED, timeoutMs: null };
    }
    if (call.exists && !isSessionValue(call.value)) return null;
    const stored = call.exists
      ? (call.value as { start: number | null; last: number | null; count: number })
      : null;
    let start = stored === null ? null : stored.start;
    let last = stored === null ? null : stored.last;
    let count = stored === null ? 0 : stored.count;
    const values = call.values;
    for (const v of values) {
      const ts = timeField === null ? null : toEpochMs(v[timeField]);
      if (ts !== null) {
        if (start === null || ts < start) start = ts;
        if (last === null || ts > last) last = ts;
      }
      count++;
    }
    const timeoutMs = deadline(spec, call, last);
    if (timeoutMs === undefined) return null;
    const value = { start: viaJson(start), last: viaJson(last), count: viaJson(count) };
    const rows = mapGroups ? [{ start, last, count, expired: false }] : [];
    return { ok: true, rows, change: { kind: 'updated', value }, timeoutMs };
  };
}

/** The direct form of a built-in (null for custom code). */
export function directBuiltin(spec: StatefulSpec, timeField: string | null): Direct | null {
  if (spec.function === 'running_total') return runningTotal(spec, timeField);
  if (spec.function === 'session') return session(spec, timeField);
  return null;
}
