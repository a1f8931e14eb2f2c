// The join settings' model: join type, key pairs, the between bounds, each input's watermark
// delay and the policy, read from a join query and written back into it, and checked as the
// join engine checks them (its parser and Spark's refusals), so a bad value never runs.
import { parseDuration } from '../../engine/duration';
import type { JoinType, WatermarkPolicy } from '../../engine/join-types';
import { parseQuery, QueryError } from '../../engine/query-parse';
import { SparkJoinEngine } from '../../engine/spark-join';
import { SparkAnalysisError } from '../../engine/spark-refusals';

type Json = Record<string, unknown>;

export interface JoinForm {
  readonly type: JoinType;
  /** "impression_id = click_impression_id, …" */
  readonly on: string;
  /** Empty (both): no time range. */
  readonly lower: string;
  readonly upper: string;
  /** Empty: that input has no watermark. */
  readonly leftDelay: string;
  readonly rightDelay: string;
  readonly policy: WatermarkPolicy;
}

export type JoinField = keyof JoinForm | 'form';

const text = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? `${String(v)} ms` : '';
const obj = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
const delayOf = (input: unknown): string => text(obj(obj(input).watermark).delay);

/** The form for a join query, or null when the query has no join. */
export function joinFormFromQuery(query: Json): JoinForm | null {
  if (query.join === undefined || query.join === null) return null;
  const join = obj(query.join);
  const inputs = obj(query.inputs);
  const between = obj(join.between);
  const on = Array.isArray(join.on) ? (join.on as unknown[]) : [];
  return {
    type: (typeof join.type === 'string' ? join.type : 'inner') as JoinType,
    on: on.map((p) => (Array.isArray(p) ? p.map(String).join(' = ') : '')).join(', '),
    lower: text(between.lower),
    upper: text(between.upper),
    leftDelay: delayOf(inputs[String(join.left)]),
    rightDelay: delayOf(inputs[String(join.right)]),
    policy: query.watermarkPolicy === 'max' ? 'max' : 'min',
  };
}

function parseOn(on: string): [string, string][] | string {
  const pairs = on
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const out: [string, string][] = [];
  for (const p of pairs) {
    const [a, b, extra] = p.split('=').map((s) => s.trim());
    if (!a || !b || extra !== undefined)
      return `write each pair as left_field = right_field, such as "impression_id = click_impression_id"; "${p}" is not one`;
    out.push([a, b]);
  }
  return out;
}

const withDelay = (input: unknown, delay: string): Json => ({
  ...obj(input),
  watermark: delay.trim() === '' ? null : { delay: delay.trim() },
});

export type JoinChecked =
  | { readonly ok: true; readonly query: Json }
  | { readonly ok: false; readonly field: JoinField; readonly message: string };

function fieldOf(path: string, message: string, left: string, right: string): JoinField {
  if (path.startsWith('join.type')) return 'type';
  if (path.startsWith('join.on')) return 'on';
  if (path.startsWith('join.between.upper')) return 'upper';
  if (path.startsWith('join.between')) return 'lower';
  if (path.startsWith(`inputs.${left}`)) return 'leftDelay';
  if (path.startsWith(`inputs.${right}`)) return 'rightDelay';
  if (path.startsWith('watermarkPolicy')) return 'policy';
  const m = message.toLowerCase();
  if (m.includes('equality') || m.includes('equi')) return 'on';
  if (m.includes('watermark')) return 'leftDelay';
  if (m.includes('range') || m.includes('time condition')) return 'lower';
  return 'form';
}

/** The query with the form written in, checked as the join engine would; the first problem wins. */
export function checkJoinForm(form: JoinForm, base: Json): JoinChecked {
  const join = obj(base.join);
  const left = String(join.left);
  const right = String(join.right);
  const on = parseOn(form.on);
  if (typeof on === 'string') return { ok: false, field: 'on', message: on };
  const lower = form.lower.trim();
  const upper = form.upper.trim();
  if ((lower === '') !== (upper === ''))
    return {
      ok: false,
      field: lower === '' ? 'lower' : 'upper',
      message: 'give both bounds, or leave both empty for no time range',
    };
  for (const [field, value] of [
    ['lower', lower],
    ['upper', upper],
  ] as const) {
    if (value === '') continue;
    try {
      parseDuration(value);
    } catch (err) {
      return { ok: false, field, message: (err as Error).message };
    }
  }
  const inputs = obj(base.inputs);
  const query: Json = {
    ...base,
    inputs: {
      ...inputs,
      [left]: withDelay(inputs[left], form.leftDelay),
      [right]: withDelay(inputs[right], form.rightDelay),
    },
    watermarkPolicy: form.policy,
    join: {
      ...join,
      type: form.type,
      on,
      between: lower === '' ? null : { lower, upper },
    },
  };
  try {
    new SparkJoinEngine(parseQuery(query, 'spark'));
    return { ok: true, query };
  } catch (err) {
    if (err instanceof QueryError || err instanceof SparkAnalysisError) {
      const path = err instanceof QueryError ? err.field : '';
      return {
        ok: false,
        field: fieldOf(path, err.message, left, right),
        message: err.message.replace(/^query\.[\w.[\]]*: /, ''),
      };
    }
    throw err;
  }
}
