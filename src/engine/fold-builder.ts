// An Aggregates' `add` compiled once per query into straight-line code: one `if` per aggregate,
// reading known field names, where the generic loop switches on each aggregate's op per event.
// Safety as in row-builder.ts: field names enter the source only through JSON.stringify (as
// `event["name"]`, an ordinary property read, `__proto__` included); `where` values, conditions
// and helpers are passed in as data; slot numbers are integers the engine made. Returns null
// when `new Function` is refused, and the caller keeps the generic loop.
import type { Accumulator } from './aggregate';
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

export function isNumber(v: unknown): v is number {
  return typeof v === 'number' && !Number.isNaN(v);
}

/** Orders numbers numerically and strings by code point; other types are ignored by min/max. */
export function isComparable(v: unknown): v is number | string {
  return isNumber(v) || typeof v === 'string';
}

function opSource(a: FoldSpec): string {
  const s = `acc[${String(a.slot)}]`;
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

/** The source of the fold (for tests to read). */
export function foldSource(specs: readonly FoldSpec[]): string {
  const lines = specs.map((a, i) => {
    const body = `{ ${opSource(a)} }`;
    const w = a.where;
    if (w === null) return body;
    const [only] = w;
    if (w.length === 1 && only !== undefined) {
      return `if ((event[${JSON.stringify(only[0])}] ?? null) === values[${String(i)}]) ${body}`;
    }
    return `if (matches(event, conditions[${String(i)}])) ${body}`;
  });
  return `return function add(acc, event) {\n${lines.join('\n')}\n};`;
}

export function compileFold(specs: readonly FoldSpec[]): Fold | null {
  const values = specs.map((a) => (a.where?.length === 1 ? a.where[0]?.[1] : undefined));
  const conditions = specs.map((a) => a.where);
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- see the header: names are JSON-quoted, values passed as data
    const make = new Function(
      'values',
      'conditions',
      'matches',
      'isNumber',
      'isComparable',
      foldSource(specs),
    ) as (...args: unknown[]) => Fold;
    return make(values, conditions, matches, isNumber, isComparable);
  } catch {
    return null;
  }
}
