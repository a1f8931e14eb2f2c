// Reads `query.inputs`, `query.watermarkPolicy` and `query.join` once, at the edge: names checked,
// durations to ms, defaults filled. Errors name the field and say how to fix it.
import type { InputSpec, JoinSpec, JoinType, WatermarkPolicy } from './join-types';
import type { Semantics } from './types';
import { duration, isObject, type Json, QueryError } from './query-fields';

const JOIN_TYPES: readonly JoinType[] = [
  'inner',
  'leftOuter',
  'rightOuter',
  'fullOuter',
  'leftSemi',
];

function fieldName(value: unknown, field: string, example: string): string {
  if (typeof value !== 'string' || value === '')
    throw new QueryError(field, `must be a field name, such as "${example}"`);
  return value;
}

function parseInput(name: string, value: unknown): InputSpec {
  const at = `inputs.${name}`;
  if (!isObject(value))
    throw new QueryError(at, 'must be {"time": FIELD, "watermark": {"delay": "10 minutes"}}');
  const time = fieldName(value.time, `${at}.time`, 'click_time');
  let delayMs: number | null = null;
  const wm = value.watermark;
  if (wm !== undefined && wm !== null) {
    if (!isObject(wm) || wm.delay === undefined)
      throw new QueryError(`${at}.watermark`, 'must be {"delay": "10 minutes"}, or null for none');
    delayMs = duration(wm.delay, `${at}.watermark.delay`);
  }
  let fields: string[] | null = null;
  if (value.fields !== undefined && value.fields !== null) {
    if (!Array.isArray(value.fields) || !value.fields.every((f) => typeof f === 'string'))
      throw new QueryError(`${at}.fields`, 'must be a list of field names');
    fields = value.fields;
  }
  return { name, time, delayMs, fields };
}

function parseInputs(value: unknown): InputSpec[] {
  if (!isObject(value) || Object.keys(value).length === 0)
    throw new QueryError(
      'inputs',
      'must name each input, such as {"impressions": {"time": "impression_time"}, "clicks": {...}}',
    );
  const inputs = Object.entries(value).map(([name, spec]) => parseInput(name, spec));
  if (inputs.length !== 2)
    throw new QueryError(
      'inputs',
      `one join of two inputs is supported; got ${String(inputs.length)} input(s)`,
    );
  return inputs;
}

function parsePolicy(value: unknown): WatermarkPolicy {
  if (value === undefined || value === null) return 'min';
  if (value !== 'min' && value !== 'max')
    throw new QueryError(
      'watermarkPolicy',
      `must be "min" (the default: the slowest input) or "max", got ${JSON.stringify(value)}`,
    );
  return value;
}

function side(join: Json, field: 'left' | 'right', inputs: readonly InputSpec[]): InputSpec {
  const name = join[field];
  const found = inputs.find((i) => i.name === name);
  if (found === undefined)
    throw new QueryError(
      `join.${field}`,
      `must name one of the inputs (${inputs.map((i) => i.name).join(', ')}), got ${JSON.stringify(name)}`,
    );
  return found;
}

function parseOn(value: unknown): [string, string][] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new QueryError('join.on', 'must be a list of [left field, right field] pairs');
  return value.map((pair: unknown, i) => {
    if (!Array.isArray(pair) || pair.length !== 2)
      throw new QueryError(
        `join.on[${String(i)}]`,
        'must be a pair [left field, right field], such as ["ad_id", "click_ad_id"]',
      );
    return [
      fieldName(pair[0], `join.on[${String(i)}][0]`, 'ad_id'),
      fieldName(pair[1], `join.on[${String(i)}][1]`, 'click_ad_id'),
    ];
  });
}

function parseBetween(value: unknown): JoinSpec['between'] {
  if (value === undefined || value === null) return null;
  if (!isObject(value) || value.lower === undefined || value.upper === undefined)
    throw new QueryError(
      'join.between',
      'must be {"lower": "0 seconds", "upper": "1 hour"}: right time within [left time + lower, left time + upper]',
    );
  return {
    lowerMs: duration(value.lower, 'join.between.lower'),
    upperMs: duration(value.upper, 'join.between.upper'),
  };
}

/** The join part of a query, or null when it has neither `inputs` nor `join`. */
export function parseJoinQuery(raw: Json, semantics: Semantics): JoinSpec | null {
  if (raw.inputs === undefined && raw.join === undefined) return null;
  if (semantics !== 'spark')
    throw new QueryError(
      'join',
      'joins of several inputs run in spark mode: use "semantics": "spark"',
    );
  if (raw.join === undefined || raw.join === null)
    throw new QueryError(
      'join',
      'several inputs need a join: add "join": {"left": ..., "right": ...}',
    );
  if (raw.inputs === undefined || raw.inputs === null)
    throw new QueryError('inputs', 'a join needs its two inputs, each with its "time" field');
  if (raw.watermark !== undefined && raw.watermark !== null)
    throw new QueryError(
      'watermark',
      'with several inputs each has its own: move it to query.inputs.NAME.watermark',
    );
  if (raw.filter !== undefined && raw.filter !== null)
    throw new QueryError('filter', 'is not available with a join yet: remove it');
  const inputs = parseInputs(raw.inputs);
  const join = raw.join;
  if (!isObject(join))
    throw new QueryError(
      'join',
      'must be an object such as {"left": "impressions", "right": "clicks"}',
    );
  const type = join.type ?? 'inner';
  if (!JOIN_TYPES.includes(type as JoinType))
    throw new QueryError(
      'join.type',
      `must be one of ${JOIN_TYPES.join(', ')}, got ${JSON.stringify(type)}`,
    );
  const left = side(join, 'left', inputs);
  const right = side(join, 'right', inputs);
  if (left === right)
    throw new QueryError(
      'join.right',
      'must name the other input: a join needs two different inputs',
    );
  return {
    inputs,
    policy: parsePolicy(raw.watermarkPolicy),
    type: type as JoinType,
    left,
    right,
    on: parseOn(join.on),
    between: parseBetween(join.between),
  };
}

/** The watermark delay of the input whose time field is `time` (left first), or null. */
export function joinedTimeDelay(spec: JoinSpec, time: string | null): number | null {
  if (time === null) return null;
  if (time === spec.left.time) return spec.left.delayMs;
  if (time === spec.right.time) return spec.right.delayMs;
  return null;
}
