import { describe, expect, it } from 'vitest';
import { Aggregates } from '../../src/engine/aggregate';
import {
  compileRowBuilder,
  plainRowBuilder,
  rowBuilderSource,
  type RowPrefix,
} from '../../src/engine/row-builder';
import type { AggregateSpec, DerivedSpec } from '../../src/engine/types';

const agg = (fn: AggregateSpec['fn'], as: string, field: string | null = null): AggregateSpec =>
  ({ fn, as, field, where: null });

function both(prefix: RowPrefix, specs: AggregateSpec[], derived: DerivedSpec[] = []) {
  const a = new Aggregates(specs, derived);
  return {
    compiled: a.rowBuilder(prefix),
    plain: plainRowBuilder(prefix, (acc, row) => a.writeResult(acc, row)),
    acc: a.create(),
    a,
  };
}

describe('row builder', () => {
  it('builds the same row, key order included, as column-by-column writes', () => {
    const { compiled, plain, acc, a } = both(
      { window: true, keyFields: ['user_id', 'device'], singleKey: false },
      [
        agg('count', 'n'),
        agg('avg', 'mean', 'x'),
        agg('count_distinct', 'd', 'x'),
        agg('min', 'lo', 'x'),
      ],
      [
        { as: 'ratio', expr: 'n / mean' },
        { as: 'twice', expr: 'ratio * 2' },
        { as: 'z', expr: 'later + 1' },
      ],
    );
    a.add(acc, { x: 3 });
    a.add(acc, { x: 5 });
    const key = ['u1', 'ios'];
    const x = compiled(10, 20, null, key, acc);
    const y = plain(10, 20, null, key, acc);
    expect(x).toEqual(y);
    expect(Object.keys(x)).toEqual(Object.keys(y));
    expect(x).toEqual({
      window_start: 10,
      window_end: 20,
      user_id: 'u1',
      device: 'ios',
      n: 2,
      mean: 4,
      d: 2,
      lo: 3,
      ratio: 0.5,
      twice: 1,
      z: null,
    });
  });

  it('compiles for an ordinary query', () => {
    const prefix: RowPrefix = { window: true, keyFields: ['user_id'], singleKey: true };
    expect(compileRowBuilder(prefix, [{ as: 'count', read: 'slot', slot: 0 }], [])).not.toBeNull();
  });

  it('reads avg of nothing as null and a single key from first', () => {
    const { compiled, acc } = both({ window: false, keyFields: ['k'], singleKey: true }, [
      agg('avg', 'm', 'x'),
    ]);
    expect(compiled(0, 0, 'key', null, acc)).toEqual({ k: 'key', m: null });
  });

  it('quotes names as JSON: quotes, backslashes and line separators stay data', () => {
    const names = ['a"b', 'c\\', 'd\u2028e', '}; throw 1; //', "'", '`${x}`'];
    const { compiled, plain, acc } = both(
      { window: false, keyFields: [names[0] as string, names[1] as string], singleKey: false },
      names.slice(2).map((n) => agg('count', n)),
    );
    const row = compiled(0, 0, null, ['k1', 'k2'], acc);
    expect(row).toEqual(plain(0, 0, null, ['k1', 'k2'], acc));
    expect(Object.keys(row)).toEqual(names);
  });

  it('is not compiled for __proto__ or a name used twice; the plain builder stands in', () => {
    const cols = [{ as: '__proto__', read: 'slot' as const, slot: 0 }];
    const prefix: RowPrefix = { window: false, keyFields: [], singleKey: false };
    expect(rowBuilderSource(prefix, cols, [])).toBeNull();
    expect(compileRowBuilder(prefix, cols, [])).toBeNull();
    const twice = { window: false, keyFields: ['n'], singleKey: true };
    expect(rowBuilderSource(twice, [{ as: 'n', read: 'slot', slot: 0 }], [])).toBeNull();
    const { compiled, plain, acc } = both(twice, [agg('count', 'n')], [{ as: 'n', expr: 'n + 1' }]);
    expect(compiled('a' as never, 0, 'k', null, acc)).toEqual(plain(0, 0, 'k', null, acc));
    const proto = both(prefix, [agg('count', '__proto__')]);
    const row = proto.compiled(0, 0, null, [], proto.acc);
    expect(Object.getPrototypeOf(row)).toBe(
      Object.getPrototypeOf(proto.plain(0, 0, null, [], proto.acc)),
    );
  });
});
