// The SELECT shared by Flink SQL and Feldera SQL: window TVF, WHERE, GROUP BY window_start,
// window_end and the keys, aggregates with CASE WHEN for `where`, derived columns outside.
import type { AggregateSpec, FieldEquals, Query } from '../engine/types';
import { sqlExpr } from './expr';
import { sqlInterval } from './interval';
import { sqlLiteral } from './names';

export interface Dialect {
  readonly id: (name: string) => string;
  readonly table: string;
  /** The time column windows are assigned by (a computed one for epoch-ms times). */
  readonly time: string | null;
}

function condition(eq: FieldEquals, id: Dialect['id']): string {
  return Object.entries(eq)
    .map(([f, v]) => (v === null ? `${id(f)} IS NULL` : `${id(f)} = ${sqlLiteral(v)}`))
    .join(' AND ');
}

function aggregate(a: AggregateSpec, id: Dialect['id']): string {
  const value = a.field === null ? (a.where === null ? '*' : '1') : id(a.field);
  const input = a.where === null ? value : `CASE WHEN ${condition(a.where, id)} THEN ${value} END`;
  const call =
    a.fn === 'count_distinct' ? `COUNT(DISTINCT ${input})` : `${a.fn.toUpperCase()}(${input})`;
  return `${call} AS ${id(a.as)}`;
}

/** The FROM clause: a window TVF over the table, or the table itself. */
function from(q: Query, d: Dialect): string {
  const w = q.window;
  if (w.type === 'none' || d.time === null) return d.table;
  const head = `TABLE ${d.table}`;
  const desc = `DESCRIPTOR(${d.id(d.time)})`;
  const offset = w.type !== 'session' && w.offsetMs !== 0 ? `, ${sqlInterval(w.offsetMs)}` : '';
  if (w.type !== 'session') {
    // HOP takes the slide before the size, as Calcite implemented it.
    return w.type === 'tumbling'
      ? `TABLE(TUMBLE(${head}, ${desc}, ${sqlInterval(w.sizeMs)}${offset}))`
      : `TABLE(HOP(${head}, ${desc}, ${sqlInterval(w.slideMs)}, ${sqlInterval(w.sizeMs)}${offset}))`;
  }
  if (w.gap.kind !== 'fixed') throw new Error('a per-event session gap has no SQL form');
  const partition = q.groupBy.length > 0 ? ` PARTITION BY ${q.groupBy.map(d.id).join(', ')}` : '';
  return `TABLE(SESSION(${head}${partition}, ${desc}, ${sqlInterval(w.gap.gapMs)}))`;
}

/** SELECT a, b on one line when short, else one item per line. */
function select(items: readonly string[]): string {
  const line = `SELECT ${items.join(', ')}`;
  return line.length <= 80 && !line.includes('\n') ? line : `SELECT\n  ${items.join(',\n  ')}`;
}

/** The query's SELECT, indented by two spaces per level, without a trailing semicolon. */
export function selectStatement(q: Query, d: Dialect): string[] {
  const windowed = q.window.type !== 'none';
  const keys = [...(windowed ? ['window_start', 'window_end'] : []), ...q.groupBy.map(d.id)];
  const aggregating = keys.length > 0 || q.aggregates.length > 0;
  const where = q.filter === null ? [] : [`WHERE ${condition(q.filter, d.id)}`];
  if (!aggregating) return ['SELECT *', `FROM ${from(q, d)}`, ...where];
  const items = [...keys, ...q.aggregates.map((a) => aggregate(a, d.id))];
  const inner = [
    select(items),
    `FROM ${from(q, d)}`,
    ...where,
    ...(keys.length > 0 ? [`GROUP BY ${keys.join(', ')}`] : []),
  ];
  if (q.derived.length === 0) return inner;
  // A derived column may read an earlier one: SQL cannot name it in the same SELECT, so its
  // expression is written in its place.
  const earlier = new Map<string, string>();
  const ref = (name: string): string => {
    const e = earlier.get(name);
    return e === undefined ? d.id(name) : `(${e})`;
  };
  const derived = q.derived.map((x) => {
    const e = sqlExpr(x.expr, ref);
    earlier.set(x.as, e);
    return `${e} AS ${d.id(x.as)}`;
  });
  const outer = [...keys, ...q.aggregates.map((a) => d.id(a.as)), ...derived];
  return [
    select(outer),
    'FROM (',
    ...inner
      .join('\n')
      .split('\n')
      .map((l) => `  ${l}`),
    ')',
  ];
}
