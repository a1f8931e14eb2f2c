// The per-key state settings' model: the function (none, running_total, session, custom), its
// field, timeout kind and duration, read from a run's query and written back; checked as the
// engine checks them. Turning state on drops the window and aggregates; off brings a count back.
import { parseQuery, QueryError } from '../../engine/query-parse';
import { SparkAnalysisError } from '../../engine/spark-refusals';
import { SparkStateEngine } from '../../engine/spark-state';

export type StateFunctionChoice = 'none' | 'running_total' | 'session' | 'custom';
export type TimeoutKind = 'none' | 'processing' | 'event';

export interface StateForm {
  readonly fn: StateFunctionChoice;
  readonly field: string;
  readonly timeout: TimeoutKind;
  readonly duration: string;
}

type Json = Record<string, unknown>;

export const STARTER_CODE = `// update(key, values, state) runs for each key with rows in this batch (values),
// and once more with state.hasTimedOut (values empty) when the key's timeout fires.
// state: exists, get(), update(value), remove(), hasTimedOut,
//   setTimeoutDuration('30 seconds'), setTimeoutTimestamp(ms),
//   getCurrentProcessingTimeMs(), getCurrentWatermarkMs()
// Return rows: an object, an array of objects, or nothing.
if (state.hasTimedOut) {
  const total = state.get();
  state.remove();
  return { total, expired: true };
}
let total = state.exists ? state.get() : 0;
for (const v of values) total += typeof v.amount === 'number' ? v.amount : 1;
state.update(total);
state.setTimeoutDuration('30 seconds');
return { total };
`;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null;

export function stateFormFrom(query: Json): StateForm {
  const s = isObject(query.stateful) ? query.stateful : null;
  const t = s !== null && isObject(s.timeout) ? s.timeout : null;
  const fn = s?.function;
  const kind = t?.kind;
  return {
    fn: fn === 'running_total' || fn === 'session' || fn === 'custom' ? fn : 'none',
    field: typeof s?.field === 'string' ? s.field : 'amount',
    timeout: kind === 'processing' || kind === 'event' ? kind : 'none',
    duration: typeof t?.duration === 'string' ? t.duration : '30 seconds',
  };
}

export function codeOf(query: Json): string | null {
  const s = isObject(query.stateful) ? query.stateful : null;
  return typeof s?.code === 'string' ? s.code : null;
}

/** The query with the form written in; everything else kept from `base`. */
export function queryFromStateForm(form: StateForm, code: string, base: Json): Json {
  const { stateful: _old, ...rest } = base;
  if (form.fn === 'none') {
    return {
      ...rest,
      window: { type: 'tumbling', size: '1 minute' },
      aggregates: [{ fn: 'count', as: 'count' }],
    };
  }
  const { window: _w, aggregates: _a, derived: _d, ...plain } = rest;
  const timeout =
    form.timeout === 'none'
      ? { kind: 'none' }
      : form.fn === 'custom'
        ? { kind: form.timeout }
        : { kind: form.timeout, duration: form.duration.trim() };
  const stateful: Json = { function: form.fn, timeout };
  if (form.fn === 'running_total') stateful.field = form.field.trim();
  if (form.fn === 'custom') stateful.code = code;
  const mode = base.outputMode === 'append' ? 'append' : 'update';
  return { ...plain, stateful, outputMode: mode };
}

/** null when the engine takes the query; else the message, without the field path. */
export function checkStateQuery(query: Json): string | null {
  try {
    const q = parseQuery(query, 'spark');
    // A runner that is never called: the constructor only checks the query.
    new SparkStateEngine(q, { runner: { run: () => [] } });
    return null;
  } catch (err) {
    if (err instanceof QueryError || err instanceof SparkAnalysisError)
      return err.message.replace(/^query\./, '');
    throw err;
  }
}

/** The line a state function error names ("… failed at line 3: …"), or null. */
export function errorLine(message: string | null): number | null {
  const m = message === null ? null : /failed at line (\d+)/.exec(message);
  return m === null ? null : Number(m[1]);
}
