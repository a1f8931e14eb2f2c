// The compare form's model: which second settings a query can be compared with (the other
// engine, another watermark delay, per input for a join, another output mode, another timeout
// for per-key state), the query that runs beside it, and the label over its table.
import type { Semantics } from '../engine/types';

type Json = Record<string, unknown>;

export type CompareChoice = 'none' | 'semantics' | 'watermark' | 'mode' | 'timeout';
export type TimeoutKind = 'none' | 'processing' | 'event';

export interface CompareForm {
  readonly choice: CompareChoice;
  /** The query's watermark delay; empty: none. */
  readonly delay: string;
  /** A join's inputs' delays, left then right; empty: none. */
  readonly leftDelay: string;
  readonly rightDelay: string;
  readonly mode: string;
  readonly timeoutKind: TimeoutKind;
  readonly timeoutDuration: string;
}

const obj = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
const text = (v: unknown, fallback: string): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? `${String(v)} ms` : fallback;
const isJoin = (q: Json): boolean => q.join !== undefined && q.join !== null;
const isStateful = (q: Json): boolean => q.stateful !== undefined && q.stateful !== null;
const inputNames = (q: Json): [string, string] => {
  const join = obj(q.join);
  return [String(join.left), String(join.right)];
};
const delayOf = (watermark: unknown): string => text(obj(watermark).delay, '');
const watermarkOf = (delay: string): Json | null =>
  delay.trim() === '' ? null : { delay: delay.trim() };

/** The form's starting values for a query: its own delays, timeout and the other mode. */
export function compareFormFor(query: Json, choice: CompareChoice = 'none'): CompareForm {
  const [left, right] = inputNames(query);
  const inputs = obj(query.inputs);
  const timeout = obj(obj(query.stateful).timeout);
  const kind = timeout.kind;
  return {
    choice,
    delay: delayOf(query.watermark) || '0 seconds',
    leftDelay: delayOf(obj(inputs[left]).watermark),
    rightDelay: delayOf(obj(inputs[right]).watermark),
    mode: query.outputMode === 'complete' ? 'update' : 'complete',
    timeoutKind: kind === 'processing' || kind === 'event' ? kind : 'none',
    timeoutDuration: text(timeout.duration, '30 seconds'),
  };
}

/** What the query can be compared with. Joins and per-key state run in Spark only. */
export function compareChoices(query: Json): { value: CompareChoice; label: string }[] {
  const join = isJoin(query);
  const state = isStateful(query);
  return [
    { value: 'none', label: 'nothing' },
    ...(join || state
      ? []
      : [{ value: 'semantics' as const, label: 'the other engine (Spark ↔ Flink)' }]),
    {
      value: 'watermark',
      label: join ? 'other watermark delays (per input)' : 'another watermark delay',
    },
    { value: 'mode', label: 'another output mode' },
    ...(state ? [{ value: 'timeout' as const, label: 'another state timeout' }] : []),
  ];
}

const other = (s: Semantics): Semantics => (s === 'spark' ? 'flink' : 'spark');

/** The compared run's query (and engine), or null for no compared run. */
export function compareRequest(
  query: Json,
  semantics: Semantics,
  form: CompareForm,
): { query: Json; semantics?: Semantics } | null {
  switch (form.choice) {
    case 'none':
      return null;
    case 'semantics':
      return { query, semantics: other(semantics) };
    case 'mode':
      return { query: { ...query, outputMode: form.mode } };
    case 'watermark': {
      if (!isJoin(query)) return { query: { ...query, watermark: watermarkOf(form.delay) } };
      const [left, right] = inputNames(query);
      const inputs = obj(query.inputs);
      return {
        query: {
          ...query,
          inputs: {
            ...inputs,
            [left]: { ...obj(inputs[left]), watermark: watermarkOf(form.leftDelay) },
            [right]: { ...obj(inputs[right]), watermark: watermarkOf(form.rightDelay) },
          },
        },
      };
    }
    case 'timeout': {
      const stateful = obj(query.stateful);
      // Custom code sets its own deadlines: only the kind of timeout is the query's.
      const timeout =
        form.timeoutKind === 'none'
          ? { kind: 'none' }
          : stateful.function === 'custom'
            ? { kind: form.timeoutKind }
            : { kind: form.timeoutKind, duration: form.timeoutDuration.trim() };
      return { query: { ...query, stateful: { ...stateful, timeout } } };
    }
  }
}

/** The heading over the compared run's table. */
export function compareLabel(query: Json, semantics: Semantics, form: CompareForm): string {
  const none = (d: string): string => (d.trim() === '' ? 'none' : d.trim());
  switch (form.choice) {
    case 'semantics':
      return `${other(semantics) === 'flink' ? 'Flink' : 'Spark'} on the same input`;
    case 'watermark': {
      if (!isJoin(query)) return `Watermark delay ${none(form.delay)}`;
      const [left, right] = inputNames(query);
      return `Delays: ${left} ${none(form.leftDelay)}, ${right} ${none(form.rightDelay)}`;
    }
    case 'timeout':
      return form.timeoutKind === 'none'
        ? 'No state timeout'
        : `${form.timeoutKind === 'event' ? 'Event' : 'Processing'}-time timeout${
            obj(query.stateful).function === 'custom' ? '' : ` ${form.timeoutDuration.trim()}`
          }`;
    case 'mode':
      return `Output mode ${form.mode}`;
    default:
      return '';
  }
}
