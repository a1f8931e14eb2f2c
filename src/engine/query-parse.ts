// Reads a scenario's query once, at the edge: checks every field, turns durations into ms and
// fills defaults. Errors name the field and say how to fix it; nothing deeper sees strings.
import { duration, isObject, type Json, QueryError } from './query-fields';
import { columnsOf, ExpressionError, parseExpression } from './expression';
import { joinedTimeDelay, parseJoinQuery } from './query-parse-join';
import { parseStateful } from './query-parse-state';
import type {
  AggregateFn,
  AggregateSpec,
  DerivedSpec,
  FieldEquals,
  OutputMode,
  Query,
  Semantics,
  SessionGap,
  WindowSpec,
} from './types';

export { QueryError };

const AGGREGATE_FNS: readonly AggregateFn[] = [
  'count',
  'sum',
  'avg',
  'min',
  'max',
  'count_distinct',
];
const OUTPUT_MODES: readonly OutputMode[] = ['append', 'update', 'complete'];

function optionalString(q: Json, field: string): string | null {
  const v = q[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' || v === '')
    throw new QueryError(field, `must be a field name, got ${JSON.stringify(v)}`);
  return v;
}

function fieldEquals(value: unknown, field: string): FieldEquals | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) {
    throw new QueryError(
      field,
      `must be an object of field: value pairs, such as {"event_type": "click"}`,
    );
  }
  for (const [k, v] of Object.entries(value)) {
    if (v !== null && !['string', 'number', 'boolean'].includes(typeof v)) {
      throw new QueryError(
        `${field}.${k}`,
        `must be a string, number, boolean or null, got ${JSON.stringify(v)}`,
      );
    }
  }
  return value as FieldEquals;
}

function parseGap(gap: unknown): SessionGap {
  if (typeof gap === 'string' || typeof gap === 'number') {
    return { kind: 'fixed', gapMs: duration(gap, 'window.gap') };
  }
  if (!isObject(gap) || typeof gap.field !== 'string') {
    throw new QueryError(
      'window.gap',
      'must be a duration such as "30 seconds", or {"field": NAME} with optional "map" and "default"',
    );
  }
  if (gap.map === undefined) return { kind: 'field', field: gap.field };
  if (!isObject(gap.map))
    throw new QueryError(
      'window.gap.map',
      'must map field values to durations, such as {"mobile": "1 minute"}',
    );
  const gapsMs = new Map<string, number>();
  for (const [value, d] of Object.entries(gap.map))
    gapsMs.set(value, duration(d, `window.gap.map.${value}`));
  const defaultMs =
    gap.default === undefined || gap.default === null
      ? null
      : duration(gap.default, 'window.gap.default');
  return { kind: 'map', field: gap.field, gapsMs, defaultMs };
}

function parseWindow(value: unknown): WindowSpec {
  if (value === undefined || value === null) return { type: 'none' };
  if (!isObject(value))
    throw new QueryError(
      'window',
      'must be an object such as {"type": "tumbling", "size": "1 minute"}',
    );
  switch (value.type) {
    case 'none':
      return { type: 'none' };
    case 'tumbling': {
      const sizeMs = duration(value.size, 'window.size');
      if (value.slide !== undefined && duration(value.slide, 'window.slide') !== sizeMs) {
        throw new QueryError(
          'window.slide',
          'a tumbling window slides by its size: remove "slide" or use "type": "sliding"',
        );
      }
      const offsetMs = value.offset === undefined ? 0 : duration(value.offset, 'window.offset');
      return { type: 'tumbling', sizeMs, slideMs: sizeMs, offsetMs };
    }
    case 'sliding': {
      if (value.slide === undefined)
        throw new QueryError('window.slide', 'a sliding window needs "slide", such as "5 minutes"');
      const sizeMs = duration(value.size, 'window.size');
      const slideMs = duration(value.slide, 'window.slide');
      const offsetMs = value.offset === undefined ? 0 : duration(value.offset, 'window.offset');
      return { type: 'sliding', sizeMs, slideMs, offsetMs };
    }
    case 'session':
      if (value.gap === undefined)
        throw new QueryError('window.gap', 'a session window needs "gap", such as "30 seconds"');
      return { type: 'session', gap: parseGap(value.gap) };
    default:
      throw new QueryError(
        'window.type',
        `must be "tumbling", "sliding", "session" or "none", got ${JSON.stringify(value.type)}`,
      );
  }
}

function parseAggregates(value: unknown): AggregateSpec[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new QueryError('aggregates', 'must be a list such as [{"fn": "count", "as": "count"}]');
  return value.map((a: unknown, i): AggregateSpec => {
    const at = `aggregates[${String(i)}]`;
    if (!isObject(a))
      throw new QueryError(at, 'must be an object such as {"fn": "count", "as": "count"}');
    if (typeof a.fn !== 'string' || !AGGREGATE_FNS.includes(a.fn as AggregateFn)) {
      throw new QueryError(
        `${at}.fn`,
        `must be one of ${AGGREGATE_FNS.join(', ')}, got ${JSON.stringify(a.fn)}`,
      );
    }
    const fn = a.fn as AggregateFn;
    const field = optionalString(a, 'field');
    if (field === null && fn !== 'count')
      throw new QueryError(
        `${at}.field`,
        `${fn} needs the field it reads, such as "field": "price"`,
      );
    const as = a.as === undefined ? (field === null ? fn : `${fn}(${field})`) : a.as;
    if (typeof as !== 'string' || as === '')
      throw new QueryError(`${at}.as`, 'must name the output column');
    return { fn, field, where: fieldEquals(a.where, `${at}.where`), as };
  });
}

function parseDerived(value: unknown, known: Set<string>): DerivedSpec[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new QueryError(
      'derived',
      'must be a list such as [{"as": "ctr", "expr": "clicks / impressions"}]',
    );
  return value.map((d: unknown, i): DerivedSpec => {
    const at = `derived[${String(i)}]`;
    if (!isObject(d) || typeof d.as !== 'string' || typeof d.expr !== 'string') {
      throw new QueryError(at, 'must be {"as": NAME, "expr": "a / b"}');
    }
    try {
      for (const col of columnsOf(parseExpression(d.expr))) {
        if (!known.has(col)) {
          throw new QueryError(
            `${at}.expr`,
            `"${col}" is not a column here; use one of ${[...known].join(', ')}`,
          );
        }
      }
    } catch (err) {
      if (err instanceof ExpressionError) throw new QueryError(`${at}.expr`, err.message);
      throw err;
    }
    known.add(d.as);
    return { as: d.as, expr: d.expr };
  });
}

function parseGroupBy(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((f) => typeof f === 'string' && f !== '')) {
    throw new QueryError('groupBy', 'must be a list of field names, such as ["user_id"]');
  }
  return value as string[];
}

function parseOutputMode(value: unknown): OutputMode {
  if (value === undefined || value === null) return 'append';
  if (!OUTPUT_MODES.includes(value as OutputMode)) {
    throw new QueryError(
      'outputMode',
      `must be "append", "update" or "complete", got ${JSON.stringify(value)}`,
    );
  }
  return value as OutputMode;
}

function parseWatermark(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value) || value.delay === undefined) {
    throw new QueryError('watermark', 'must be {"delay": "10 minutes"}, or null for no watermark');
  }
  return duration(value.delay, 'watermark.delay');
}

function parseBoolean(q: Json, field: string, fallback: boolean): boolean {
  const v = q[field];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean')
    throw new QueryError(field, `must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

/** Validates and normalises a query as written in a scenario. Throws QueryError. */
export function parseQuery(raw: unknown, semantics: Semantics): Query {
  if (!isObject(raw)) throw new QueryError('', 'the query must be an object');
  const window = parseWindow(raw.window);
  const groupBy = parseGroupBy(raw.groupBy);
  const aggregates = parseAggregates(raw.aggregates);
  const join = parseJoinQuery(raw, semantics);
  const time = optionalString(raw, 'time');
  // A join's aggregation sees the watermark of the input whose time field it windows on.
  const watermarkDelayMs =
    join === null ? parseWatermark(raw.watermark) : joinedTimeDelay(join, time);
  if (time === null && (window.type !== 'none' || watermarkDelayMs !== null)) {
    throw new QueryError(
      'time',
      'name the event-time field, such as "time": "ts" (windows and watermarks need it)',
    );
  }
  const columns = [...(window.type === 'none' ? [] : ['window_start', 'window_end']), ...groupBy];
  const seen = new Set<string>();
  for (const name of [...columns, ...aggregates.map((a) => a.as)]) {
    if (seen.has(name))
      throw new QueryError(
        'aggregates',
        `two output columns are named "${name}": give each a different "as"`,
      );
    seen.add(name);
  }
  const derived = parseDerived(raw.derived, new Set(seen));
  const trigger = raw.trigger ?? 'default';
  if (trigger !== 'default' && trigger !== 'purging') {
    throw new QueryError(
      'trigger',
      `must be "default" or "purging", got ${JSON.stringify(trigger)}`,
    );
  }
  return {
    semantics,
    time,
    window,
    groupBy,
    filter: fieldEquals(raw.filter, 'filter'),
    aggregates,
    derived,
    watermarkDelayMs,
    outputMode: parseOutputMode(raw.outputMode),
    noDataMicroBatches: parseBoolean(raw, 'noDataMicroBatches', true),
    allowedLatenessMs:
      raw.allowedLateness === undefined || raw.allowedLateness === null
        ? 0
        : duration(raw.allowedLateness, 'allowedLateness'),
    trigger,
    lateOutput: parseBoolean(raw, 'lateOutput', true),
    stateful: parseStateful(raw, semantics),
    ...(join === null ? {} : { join }),
  };
}
