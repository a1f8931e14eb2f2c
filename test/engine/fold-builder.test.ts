// The compiled fold and compiled derived expressions mean exactly what the generic code does:
// random aggregates, where conditions and events give the same accumulators; random
// expressions over random rows give the same values (signs of zero included).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Aggregates } from '../../src/engine/aggregate';
import { evaluate, type Expr } from '../../src/engine/expression';
import { compileFold, foldSource } from '../../src/engine/fold-builder';
import { compileRowBuilder } from '../../src/engine/row-builder';
import type { AggregateSpec } from '../../src/engine/types';

const FIELDS = ['a', 'b', 'x"y', '__proto__', 'missing'];
const fieldValue = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(null, 'a', 'b', 0.5, -0, Number.NaN, true, Infinity),
);
const eventArb = fc.dictionary(fc.constantFrom(...FIELDS), fieldValue, { maxKeys: 5 });
const whereArb = fc.oneof(
  fc.constant(null),
  fc.dictionary(fc.constantFrom(...FIELDS), fc.constantFrom(1, 'a', null, true), {
    minKeys: 1,
    maxKeys: 2,
  }),
);
const specArb = fc.record({
  fn: fc.constantFrom('count', 'sum', 'avg', 'min', 'max', 'count_distinct'),
  field: fc.oneof(fc.constant(null), fc.constantFrom(...FIELDS)),
  where: whereArb,
});

describe('compiled fold', () => {
  it('adds events as the generic loop does', () => {
    fc.assert(
      fc.property(
        fc.array(specArb, { minLength: 1, maxLength: 4 }),
        fc.array(eventArb, { maxLength: 8 }),
        (raw, events) => {
          const specs = raw.map((r, i) => ({
            fn: r.fn,
            field: r.fn === 'count' ? r.field : (r.field ?? 'a'),
            where: r.where,
            as: `c${String(i)}`,
          })) as AggregateSpec[];
          const aggs = new Aggregates(specs, []);
          const compiled = aggs.create();
          const generic = aggs.create();
          for (const e of events) {
            aggs.add(compiled, e);
            aggs.addEach(generic, e);
          }
          const norm = (acc: unknown[]) =>
            acc.map((v) => (v instanceof Set ? [...v] : Object.is(v, -0) ? '-0' : v));
          expect(norm(compiled)).toEqual(norm(generic));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is compiled, with names as JSON strings', () => {
    const specs = [
      { op: 'sum' as const, slot: 0, field: 'a"]; throw 1; //', where: [['k"', 'v'] as const] },
    ];
    expect(compileFold(specs)).not.toBeNull();
    expect(foldSource(specs)).toContain('event["a\\"]; throw 1; //"]');
  });
});

const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constant('num' as const), value: fc.constantFrom(0, 1, 2.5, 1e21) }),
    fc.record({
      kind: fc.constant('col' as const),
      name: fc.constantFrom('p', 'q', 'r', '__proto__', 'constructor'),
    }),
    fc.record({ kind: fc.constant('neg' as const), arg: tie('e') }),
    fc.record({
      kind: fc.constant('bin' as const),
      op: fc.constantFrom('+' as const, '-' as const, '*' as const, '/' as const),
      left: tie('e'),
      right: tie('e'),
    }),
  ),
})).e;

describe('compiled expressions', () => {
  it('evaluate as evaluate does', () => {
    const rowArb = fc.record({
      p: fc.oneof(fc.integer({ min: -2, max: 2 }), fc.constantFrom(null, 'x', -0, 0.5)),
      q: fc.constantFrom(0, -0, 3, null),
      r: fc.constant(7),
    });
    fc.assert(
      fc.property(exprArb, rowArb, (expr, row) => {
        const build = compileRowBuilder(
          { window: false, keyFields: ['p', 'q', 'r'], singleKey: false },
          [],
          [{ as: 'out', expr, evaluate: () => Number.NaN }],
        );
        if (build === null) throw new Error('not compiled');
        const out = build(0, 0, null, [row.p, row.q, row.r], []).out;
        expect(Object.is(out, evaluate(expr, row))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
