// The input columns a program declares: every field the query reads, typed from a sample of the
// events when there is one, else from how the query uses the field.
import type { Event, Query } from '../engine/types';

export type ColumnType = 'string' | 'long' | 'double' | 'boolean' | 'timestamp' | 'epochMs';

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
}

/** Fields the query reads, the event-time field first, each once. */
export function fieldsRead(q: Query): string[] {
  const names: string[] = [];
  const add = (n: string | null): void => {
    if (n !== null && !names.includes(n)) names.push(n);
  };
  add(q.time);
  q.groupBy.forEach(add);
  Object.keys(q.filter ?? {}).forEach(add);
  for (const a of q.aggregates) {
    add(a.field);
    Object.keys(a.where ?? {}).forEach(add);
  }
  if (q.window.type === 'session' && q.window.gap.kind !== 'fixed') add(q.window.gap.field);
  add(q.stateful?.field ?? null);
  return names;
}

function typeOfValues(values: readonly unknown[]): ColumnType | null {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length === 0) return null;
  if (present.every((v) => typeof v === 'number'))
    return present.every((v) => Number.isInteger(v)) ? 'long' : 'double';
  if (present.every((v) => typeof v === 'boolean')) return 'boolean';
  return 'string';
}

/** How the query uses a field says its type when no event shows it. */
function typeFromUse(q: Query, name: string): ColumnType {
  const literal = [q.filter, ...q.aggregates.map((a) => a.where)]
    .map((eq) => eq?.[name])
    .find((v) => v !== undefined && v !== null);
  if (literal !== undefined) return typeOfValues([literal]) ?? 'string';
  if (q.window.type === 'session' && q.window.gap.kind === 'field' && q.window.gap.field === name)
    return 'long';
  const numeric =
    q.stateful?.field === name ||
    q.aggregates.some((a) => a.field === name && a.fn !== 'count_distinct');
  return numeric && !q.groupBy.includes(name) ? 'double' : 'string';
}

/** One field's column: typed from the sample's values, else from how the query uses it. */
export function columnOf(
  q: Query,
  name: string,
  sample: readonly Event[],
  time: string | null = q.time,
): Column {
  const seen = typeOfValues(sample.map((e) => e[name]));
  if (name === time)
    return { name, type: seen === 'long' || seen === 'double' ? 'epochMs' : 'timestamp' };
  // A summed or averaged field read as whole numbers from a few events may hold fractions
  // later; a LONG column would turn those into NULL, so it is declared DOUBLE.
  const summed =
    q.stateful?.field === name ||
    q.aggregates.some((a) => a.field === name && a.fn !== 'count' && a.fn !== 'count_distinct');
  if (seen === 'long' && summed && !q.groupBy.includes(name)) return { name, type: 'double' };
  return { name, type: seen ?? typeFromUse(q, name) };
}

export function inputColumns(q: Query, sample: readonly Event[] = []): Column[] {
  return fieldsRead(q).map((name) => columnOf(q, name, sample));
}

/** True when a program needs the event time as a timestamp: for a window or a watermark. */
export function usesTime(q: Query): boolean {
  return q.time !== null && (q.window.type !== 'none' || q.watermarkDelayMs !== null);
}

/** A name for the event-time column derived from epoch ms, not clashing with any field. */
export function derivedTimeName(columns: readonly Column[]): string {
  let name = 'event_time';
  while (columns.some((c) => c.name === name)) name = `${name}_`;
  return name;
}
