// Output rows built by one object literal compiled per query: the row gets its final shape in
// one allocation, and every store is to a known property, where writing the columns one by one
// (`row[name] = v`) walks a transition per column and reads names V8 cannot predict.
//
// Safety: column names enter the generated source only through JSON.stringify, as quoted
// property keys (a JSON string is a valid JS string literal); slot numbers are integers the
// engine made. Nothing else from the query is spliced in: derived expressions stay closures,
// passed in as data. Where the literal would not mean what column-by-column writes mean (a
// name twice, or `__proto__`, which a literal treats as the prototype), or where the runtime
// refuses `new Function` (a Content-Security-Policy without 'unsafe-eval'), the compiler
// returns null and the caller writes columns one by one, with the same result.
import type { Accumulator } from './aggregate';
import { compiled } from './compile-cache';
import type { Expr } from './expression';
import type { Row } from './types';

/** How an aggregate's column reads the accumulator (see Aggregates.writeResult). */
export interface AggregateColumn {
  readonly as: string;
  /** slot: acc[slot]; avg: acc[slot] / acc[slot + 1], null on 0; distinct: acc[slot].size. */
  readonly read: 'slot' | 'avg' | 'distinct';
  readonly slot: number;
}

export interface DerivedColumn {
  readonly as: string;
  /** The column's value from the row built so far (later derived columns read null). */
  readonly evaluate: (row: Row) => number | null;
  /** The parsed expression, compiled inline when given (else `evaluate` is called). */
  readonly expr?: Expr;
}

/**
 * An expression as JS over `row`, with evaluate's meaning: helpers (passed in) turn a
 * non-number operand into null, propagate null and make x / 0 null. Numbers come from the
 * tokenizer's digits, column names are JSON-quoted.
 */
export function exprSource(e: Expr): string {
  switch (e.kind) {
    case 'num':
      return `(${String(e.value)})`;
    case 'col':
      return `num(row[${JSON.stringify(e.name)}])`;
    case 'neg':
      return `neg(${exprSource(e.arg)})`;
    case 'bin':
      return `${BIN[e.op]}(${exprSource(e.left)}, ${exprSource(e.right)})`;
  }
}

const BIN = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div' } as const;

type N = number | null;
const HELPERS = {
  num: (v: unknown): N => (typeof v === 'number' ? v : null),
  neg: (v: N): N => (v === null ? null : -v),
  add: (a: N, b: N): N => (a === null || b === null ? null : a + b),
  sub: (a: N, b: N): N => (a === null || b === null ? null : a - b),
  mul: (a: N, b: N): N => (a === null || b === null ? null : a * b),
  div: (a: N, b: N): N => (a === null || b === null ? null : b === 0 ? null : a / b),
};

/** What comes before the aggregates: window bounds (or not) and the grouping fields. */
export interface RowPrefix {
  readonly window: boolean;
  readonly keyFields: readonly string[];
  /** The one key value is passed as `first`; otherwise `key[i]` for each field. */
  readonly singleKey: boolean;
}

/** start/end: window bounds (ignored without a window); first: key[0] when singleKey. */
export type RowBuilder = (
  start: number,
  end: number,
  first: unknown,
  key: readonly unknown[] | null,
  acc: Accumulator,
) => Row;

function readOf(c: AggregateColumn): string {
  const s = String(c.slot);
  const n = String(c.slot + 1);
  if (c.read === 'avg') return `(acc[${n}] === 0 ? null : acc[${s}] / acc[${n}])`;
  if (c.read === 'distinct') return `acc[${s}].size`;
  return `acc[${s}]`;
}

/** The source of the builder, or null when a literal would differ from column-by-column writes. */
export function rowBuilderSource(
  prefix: RowPrefix,
  aggregates: readonly AggregateColumn[],
  derived: readonly DerivedColumn[],
): string | null {
  const names: string[] = [];
  const parts: string[] = [];
  const put = (name: string, value: string): void => {
    names.push(name);
    parts.push(`${JSON.stringify(name)}: ${value}`);
  };
  if (prefix.window) {
    put('window_start', 'start');
    put('window_end', 'end');
  }
  prefix.keyFields.forEach((f, i) => put(f, prefix.singleKey ? 'first' : `key[${String(i)}]`));
  for (const c of aggregates) put(c.as, readOf(c));
  // Derived columns start null: evaluate reads a missing column as null too.
  for (const d of derived) put(d.as, 'null');
  if (names.includes('__proto__') || new Set(names).size !== names.length) return null;
  const lines = [`const row = { ${parts.join(', ')} };`];
  derived.forEach((d, i) => {
    const value = d.expr === undefined ? `derived[${String(i)}](row)` : exprSource(d.expr);
    lines.push(`row[${JSON.stringify(d.as)}] = ${value};`);
  });
  lines.push('return row;');
  const helpers = `const { ${Object.keys(HELPERS).join(', ')} } = helpers;`;
  return `${helpers}\nreturn function buildRow(start, end, first, key, acc) {\n${lines.join('\n')}\n};`;
}

/** Column by column: the builder's meaning, and its stand-in when none can be compiled. */
export function plainRowBuilder(
  prefix: RowPrefix,
  writeResult: (acc: Accumulator, row: Row) => void,
): RowBuilder {
  const fields = prefix.keyFields;
  return (start, end, first, key, acc) => {
    const row: Row = {};
    if (prefix.window) {
      row.window_start = start;
      row.window_end = end;
    }
    if (prefix.singleKey) row[fields[0] as string] = first;
    else for (let i = 0; i < fields.length; i++) row[fields[i] as string] = key?.[i];
    writeResult(acc, row);
    return row;
  };
}

/** The compiled builder, or null (use plainRowBuilder then). */
export function compileRowBuilder(
  prefix: RowPrefix,
  aggregates: readonly AggregateColumn[],
  derived: readonly DerivedColumn[],
): RowBuilder | null {
  const source = rowBuilderSource(prefix, aggregates, derived);
  if (source === null) return null;
  // Shared by every query with this source when each derived column is inline (the source
  // then calls none of the `derived` closures): compile-cache.ts.
  const inline = derived.every((d) => d.expr !== undefined);
  const args = [derived.map((d) => d.evaluate), HELPERS];
  return compiled(['derived', 'helpers'], source, args, inline ? '' : null) as RowBuilder | null;
}
