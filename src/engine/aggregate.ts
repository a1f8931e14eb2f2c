// Aggregate functions over a group's events, kept as an accumulator: one plain array with a slot
// (avg: two) per aggregate, so state snapshots are JSON and merging sessions is slot by slot.
import { compileCondition, matches, type Condition } from './field-equals';
import { evaluate, parseExpression, type Expr } from './expression';
import {
  compileFold,
  compileFoldAt,
  isComparable,
  isNumber,
  type Fold,
  type FoldAt,
  type FoldOp,
} from './fold-builder';
import {
  compileRowBuilder,
  plainRowBuilder,
  type AggregateColumn,
  type RowBuilder,
  type RowPrefix,
} from './row-builder';
import type { AggregateSpec, DerivedSpec, Event, Row } from './types';

/** Slot values: counts and sums are numbers (a sum with no input is null), distinct is a Set. */
export type Accumulator = unknown[];

/**
 * What a group or session folds its events into: an accumulator, or (acc null) for a plain
 * count(*) just the count, kept in the record itself so an event updates one object.
 */
export interface Counted {
  readonly acc: Accumulator | null;
  count: number;
}

/** The accumulator to read; a plain count's is `scratch` (one slot), valid until next use. */
export function accumulatorOf(c: Counted, scratch: Accumulator): Accumulator {
  if (c.acc !== null) return c.acc;
  scratch[0] = c.count;
  return scratch;
}

type Op = FoldOp;

interface CompiledAggregate {
  readonly op: Op;
  readonly slot: number;
  readonly field: string;
  readonly where: Condition | null;
  /** A `where` on one field (the usual case), checked as one comparison: field, value. */
  readonly whereField: string | null;
  readonly whereValue: unknown;
  readonly as: string;
}

const OPS: Readonly<Record<AggregateSpec['fn'], Op>> = {
  count: 'count',
  sum: 'sum',
  avg: 'avg',
  min: 'min',
  max: 'max',
  count_distinct: 'countDistinct',
};

export class Aggregates {
  private readonly compiled: CompiledAggregate[];
  private readonly derived: { readonly as: string; readonly expr: Expr }[];
  readonly slots: number;
  /** Fast path: a single count(*) with no where, the commonest query. */
  readonly isPlainCount: boolean;
  /**
   * Only counts (with or without where): integers that add up exactly, so the result does not
   * depend on the order events and accumulators are folded in.
   */
  readonly isOrderFree: boolean;
  /** A new accumulator's slots when none is a Set (create copies it), else null. */
  private readonly initial: readonly unknown[] | null;
  /** Adds one event to an accumulator: `addEach`, compiled per query when it can be. */
  readonly add: Fold;
  /** Order-free aggregates only: adds one event to counts kept in a Float64Array from `at` on. */
  readonly addAt: FoldAt | null;

  constructor(specs: readonly AggregateSpec[], derived: readonly DerivedSpec[]) {
    let slot = 0;
    this.compiled = specs.map((spec) => {
      const op = spec.fn === 'count' && spec.field !== null ? 'countField' : OPS[spec.fn];
      const where = compileCondition(spec.where);
      const [only] = where ?? [];
      const single = where?.length === 1 && only !== undefined;
      const compiled: CompiledAggregate = {
        op,
        slot,
        field: spec.field ?? '',
        where,
        whereField: single ? only[0] : null,
        whereValue: single ? only[1] : null,
        as: spec.as,
      };
      slot += op === 'avg' ? 2 : 1;
      return compiled;
    });
    this.slots = slot;
    this.derived = derived.map((d) => ({ as: d.as, expr: parseExpression(d.expr) }));
    const first = this.compiled[0];
    this.isPlainCount = this.compiled.length === 1 && first?.op === 'count' && first.where === null;
    this.isOrderFree = this.compiled.every((a) => a.op === 'count' || a.op === 'countField');
    this.initial = null;
    if (this.compiled.every((a) => a.op !== 'countDistinct')) this.initial = this.create();
    this.add = compileFold(this.compiled) ?? ((acc, event) => this.addEach(acc, event));
    // Uncompiled: addEach on a view of the counts (a typed array reads and writes as one).
    this.addAt = this.isOrderFree
      ? (compileFoldAt(this.compiled) ??
        ((store, at, event) => {
          this.addEach(store.subarray(at, at + this.slots) as unknown as Accumulator, event);
        }))
      : null;
  }

  create(): Accumulator {
    // Without count distinct every slot starts as a plain value: copy them in one go.
    if (this.initial !== null) return this.initial.slice();
    const acc: Accumulator = new Array<unknown>(this.slots);
    for (const a of this.compiled) {
      switch (a.op) {
        case 'count':
        case 'countField':
          acc[a.slot] = 0;
          break;
        case 'avg':
          acc[a.slot] = 0;
          acc[a.slot + 1] = 0;
          break;
        case 'countDistinct':
          acc[a.slot] = new Set<unknown>();
          break;
        default:
          acc[a.slot] = null;
      }
    }
    return acc;
  }

  /** One event into an accumulator, aggregate by aggregate: what the compiled `add` does. */
  addEach(acc: Accumulator, event: Event): void {
    for (const a of this.compiled) {
      if (a.whereField !== null) {
        if ((event[a.whereField] ?? null) !== a.whereValue) continue;
      } else if (a.where !== null && !matches(event, a.where)) continue;
      const s = a.slot;
      switch (a.op) {
        case 'count':
          acc[s] = (acc[s] as number) + 1;
          break;
        case 'countField':
          if ((event[a.field] ?? null) !== null) acc[s] = (acc[s] as number) + 1;
          break;
        case 'sum': {
          const v = event[a.field];
          if (isNumber(v)) acc[s] = acc[s] === null ? v : (acc[s] as number) + v;
          break;
        }
        case 'avg': {
          const v = event[a.field];
          if (isNumber(v)) {
            acc[s] = (acc[s] as number) + v;
            acc[s + 1] = (acc[s + 1] as number) + 1;
          }
          break;
        }
        case 'min': {
          const v = event[a.field];
          if (isComparable(v) && (acc[s] === null || v < (acc[s] as number | string))) acc[s] = v;
          break;
        }
        case 'max': {
          const v = event[a.field];
          if (isComparable(v) && (acc[s] === null || v > (acc[s] as number | string))) acc[s] = v;
          break;
        }
        case 'countDistinct': {
          const v = event[a.field] ?? null;
          if (v !== null) (acc[s] as Set<unknown>).add(v);
          break;
        }
      }
    }
  }

  /** A new group's or session's accumulator: none for a plain count (its count starts at 0). */
  newAcc(): Accumulator | null {
    return this.isPlainCount ? null : this.create();
  }

  /** Adds one event to a group or session. */
  fold(c: Counted, event: Event): void {
    // `+ 1`, not `++`: a restored count that is not a number adds up as `acc[0] + 1` would.
    if (c.acc === null) c.count = c.count + 1;
    else this.add(c.acc, event);
  }

  /** Folds a session into another (both plain counts, or both with accumulators). */
  foldInto(into: Counted, from: Counted): void {
    if (into.acc === null) into.count = into.count + from.count;
    else this.merge(into.acc, from.acc as Accumulator);
  }

  /** Folds `from` into `into` (merging two sessions). */
  merge(into: Accumulator, from: Accumulator): void {
    for (const a of this.compiled) {
      const s = a.slot;
      const x = from[s];
      switch (a.op) {
        case 'count':
        case 'countField':
          into[s] = (into[s] as number) + (x as number);
          break;
        case 'avg':
          into[s] = (into[s] as number) + (x as number);
          into[s + 1] = (into[s + 1] as number) + (from[s + 1] as number);
          break;
        case 'sum':
          if (x !== null) into[s] = into[s] === null ? x : (into[s] as number) + (x as number);
          break;
        case 'min':
          if (x !== null && (into[s] === null || (x as number) < (into[s] as number))) into[s] = x;
          break;
        case 'max':
          if (x !== null && (into[s] === null || (x as number) > (into[s] as number))) into[s] = x;
          break;
        case 'countDistinct':
          for (const v of x as Set<unknown>) (into[s] as Set<unknown>).add(v);
          break;
      }
    }
  }

  /** Writes each aggregate's value, then each derived column, into `row`. */
  writeResult(acc: Accumulator, row: Row): void {
    for (const a of this.compiled) {
      const s = a.slot;
      switch (a.op) {
        case 'avg': {
          const n = acc[s + 1] as number;
          row[a.as] = n === 0 ? null : (acc[s] as number) / n;
          break;
        }
        case 'countDistinct':
          row[a.as] = (acc[s] as Set<unknown>).size;
          break;
        default:
          row[a.as] = acc[s];
      }
    }
    for (const d of this.derived) row[d.as] = evaluate(d.expr, row);
  }

  /** A row builder for rows that start with `prefix` (compiled when it can be: row-builder.ts). */
  rowBuilder(prefix: RowPrefix): RowBuilder {
    const columns = this.compiled.map((a): AggregateColumn => ({
      as: a.as,
      read: a.op === 'avg' ? 'avg' : a.op === 'countDistinct' ? 'distinct' : 'slot',
      slot: a.slot,
    }));
    const derived = this.derived.map((d) => ({
      as: d.as,
      expr: d.expr,
      evaluate: (row: Row) => evaluate(d.expr, row),
    }));
    const compiled = compileRowBuilder(prefix, columns, derived);
    return compiled ?? plainRowBuilder(prefix, (acc, row) => this.writeResult(acc, row));
  }

  /** A JSON-safe copy (sets become arrays). */
  toJSON(acc: Accumulator): unknown[] {
    return acc.map((v) => (v instanceof Set ? [...v] : v));
  }

  fromJSON(json: readonly unknown[]): Accumulator {
    if (json.length !== this.slots) {
      throw new Error(
        `an accumulator has ${String(json.length)} slots, expected ${String(this.slots)}`,
      );
    }
    const acc = [...json];
    for (const a of this.compiled) {
      if (a.op === 'countDistinct') acc[a.slot] = new Set(json[a.slot] as unknown[]);
    }
    return acc;
  }
}
