// The per-key state table of one batch, read from the engine's trace (never re-derived): each
// key's value and timeout deadline after the batch, how far the clock is from the deadline,
// whether its timeout fired this batch, and the rows its calls returned.
import { formatClock } from '../../engine/event-time';
import type { StateBatchTrace } from '../../engine/state-trace';
import type { Row } from '../../engine/types';
import { keyText } from '../../worker/timeline';

export interface StateTableRow {
  /** Stable across batches: the key's values. */
  readonly id: string;
  readonly key: string;
  /** The stored value as JSON text; "—" when it does not exist (removed, or a timeout alone). */
  readonly value: string;
  readonly deadline: number | null;
  readonly deadlineText: string;
  /** 0..1: how much of the timeout is left against the clock (1 = a whole timeout). */
  readonly left: number | null;
  readonly timedOut: boolean;
  /** The state row is gone after this batch (removed with no timeout). */
  readonly removed: boolean;
  readonly returned: readonly Row[];
}

export interface StateTable {
  /** What deadlines are compared with: the processing time or the watermark. */
  readonly clockLabel: string;
  readonly clock: number | null;
  readonly rows: readonly StateTableRow[];
}

const TIME_NAME = /start|end|last|first|time|^ts$|deadline/i;

/**
 * A state value or returned row in words: objects as `name: value` pairs; an epoch-ms number in
 * a field whose name says time (start, last, …_time) as a clock time.
 */
export function valueText(v: unknown, name = ''): string {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1e11 && TIME_NAME.test(name))
    return formatClock(v);
  if (Array.isArray(v)) return `[${v.map((x) => valueText(x)).join(', ')}]`;
  if (typeof v === 'object' && v !== null)
    return Object.entries(v)
      .map(([k, x]) => `${k}: ${valueText(x, k)}`)
      .join(', ');
  const text = JSON.stringify(v) as string | undefined;
  return typeof text === 'string' ? text : String(v);
}

/** In words how far a deadline is: "in 25 s", "now", "passed 5 s ago". */
export function untilText(deadline: number, clock: number | null): string {
  if (clock === null) return formatClock(deadline);
  const s = Math.round((deadline - clock) / 100) / 10;
  const at = formatClock(deadline);
  if (s > 0) return `${at} (in ${String(s)} s)`;
  if (s === 0) return `${at} (now: fires when the clock passes it)`;
  return `${at} (${String(-s)} s ago)`;
}

/**
 * `timeout`: the query's kind; `spanMs`: the timeout duration, when the query gives one (the
 * bar's full length; otherwise the longest time left in the table).
 */
export function stateTable(
  trace: StateBatchTrace,
  processingTime: number,
  timeout: 'none' | 'processing' | 'event',
  spanMs: number | null,
): StateTable {
  const clock = timeout === 'event' ? trace.watermarkAfter : processingTime;
  const calls = new Map<string, { timedOut: boolean; returned: Row[] }>();
  for (const c of trace.calls) {
    const id = keyText(c.key);
    const seen = calls.get(id) ?? { timedOut: false, returned: [] };
    calls.set(id, {
      timedOut: seen.timedOut || c.hasTimedOut,
      returned: [...seen.returned, ...c.rows],
    });
  }
  const stored = new Map(trace.state.map((r) => [keyText(r.key), r]));
  const longest = Math.max(
    1,
    ...trace.state.map((r) => (r.timeoutMs === null || clock === null ? 0 : r.timeoutMs - clock)),
  );
  const span = spanMs ?? longest;
  const rows: StateTableRow[] = trace.state.map((r) => {
    const id = keyText(r.key);
    const call = calls.get(id);
    return {
      id,
      key: id,
      value: r.exists ? valueText(r.value) : '—',
      deadline: r.timeoutMs,
      deadlineText: r.timeoutMs === null ? 'none' : untilText(r.timeoutMs, clock),
      left:
        r.timeoutMs === null || clock === null
          ? null
          : Math.max(0, Math.min(1, (r.timeoutMs - clock) / span)),
      timedOut: call?.timedOut ?? false,
      removed: false,
      returned: call?.returned ?? [],
    };
  });
  // Keys whose rows went this batch (a timeout that removed them): still shown, marked.
  for (const c of trace.calls) {
    const id = keyText(c.key);
    if (stored.has(id) || rows.some((r) => r.id === id)) continue;
    const call = calls.get(id);
    rows.push({
      id,
      key: id,
      value: '— (removed)',
      deadline: null,
      deadlineText: 'none',
      left: null,
      timedOut: call?.timedOut ?? false,
      removed: true,
      returned: call?.returned ?? [],
    });
  }
  return {
    clockLabel: timeout === 'event' ? 'watermark' : 'processing time',
    clock,
    rows,
  };
}
