// An Aggregates' `add` compiled once per query into straight-line code: one `if` per aggregate,
// reading known field names, where the generic loop switches on each aggregate's op per event.
// Safety as in row-builder.ts: field names enter the source only through JSON.stringify (as
// `event["name"]`, an ordinary property read, `__proto__` included); `where` values, conditions
// and helpers are passed in as data; slot numbers are integers the engine made. Returns null
// when `new Function` is refused, and the caller keeps the generic loop.
import type { Accumulator } from './aggregate';
import { compiled, scalarKey } from './compile-cache';
import { matches, type Condition } from './field-equals';
import type { Event } from './types';

export type FoldOp = 'count' | 'countField' | 'sum' | 'avg' | 'min' | 'max' | 'countDistinct';

export interface FoldSpec {
  readonly op: FoldOp;
  readonly slot: number;
  readonly field: string;
  readonly where: Condition | null;
}

export type Fold = (acc: Accumulator, event: Event) => void;

/** A fold of counts only into numbers stored from `at` on (slot s at `at + s`): rings. */
export type FoldAt = (store: Float64Array, at: number, event: Event) => void;

export function isNumber(v: unknown): v is number {
  return typeof v === 'number' && !Number.isNaN(v);
}

/** Orders numbers numerically and strings by code point; other types are ignored by min/max. */
export function isComparable(v: unknown): v is number | string {
  return isNumber(v) || typeof v === 'string';
}

function opSource(a: FoldSpec, at: boolean): string {
  const s = at ? `acc[at + ${String(a.slot)}]` : `acc[${String(a.slot)}]`;
  const f = `event[${JSON.stringify(a.field)}]`;
  switch (a.op) {
    case 'count':
      return `${s} = ${s} + 1;`;
    case 'countField':
      return `if ((${f} ?? null) !== null) ${s} = ${s} + 1;`;
    case 'sum':
      return `const v = ${f}; if (isNumber(v)) ${s} = ${s} === null ? v : ${s} + v;`;
    case 'avg': {
      const n = `acc[${String(a.slot + 1)}]`;
      return `const v = ${f}; if (isNumber(v)) { ${s} = ${s} + v; ${n} = ${n} + 1; }`;
    }
    case 'min':
      return `const v = ${f}; if (isComparable(v) && (${s} === null || v < ${s})) ${s} = v;`;
    case 'max':
      return `const v = ${f}; if (isComparable(v) && (${s} === null || v > ${s})) ${s} = v;`;
    case 'countDistinct':
      return `const v = ${f} ?? null; if (v !== null) ${s}.add(v);`;
  }
}

/** The source of the fold (for tests to read); `at`: a FoldAt's (counts only). */
export function foldSource(specs: readonly FoldSpec[], at = false): string {
  const lines = specs.map((a, i) => {
    const body = `{ ${opSource(a, at)} }`;
    const w = a.where;
    if (w === null) return body;
    const [only] = w;
    if (w.length === 1 && only !== undefined) {
      return `if ((event[${JSON.stringify(only[0])}] ?? null) === values[${String(i)}]) ${body}`;
    }
    return `if (matches(event, conditions[${String(i)}])) ${body}`;
  });
  const params = at ? 'acc, at, event' : 'acc, event';
  return `return function add(${params}) {\n${lines.join('\n')}\n};`;
}

export function compileFold(specs: readonly FoldSpec[]): Fold | null {
  return compile(specs, false) as Fold | null;
}

/** A FoldAt for specs that are all counts (`count`, `countField`), or null where refused. */
export function compileFoldAt(specs: readonly FoldSpec[]): FoldAt | null {
  if (!specs.every((a) => a.op === 'count' || a.op === 'countField')) return null;
  return compile(specs, true) as FoldAt | null;
}

function compile(specs: readonly FoldSpec[], at: boolean): unknown {
  const values = specs.map((a) => (a.where?.length === 1 ? a.where[0]?.[1] : undefined));
  const conditions = specs.map((a) => a.where);
  const params = ['values', 'conditions', 'matches', 'isNumber', 'isComparable'];
  const args = [values, conditions, matches, isNumber, isComparable];
  return compiled(params, foldSource(specs, at), args, dataKey(values, conditions));
}

/** What a fold's closure holds that varies between queries, as an exact key (null: none). */
function dataKey(
  values: readonly unknown[],
  conditions: readonly (Condition | null)[],
): string | null {
  const parts = [scalarKey(values)];
  for (const c of conditions) parts.push(c === null ? '-' : scalarKey(c.flat()));
  return parts.includes(null) ? null : parts.join('|');
}
