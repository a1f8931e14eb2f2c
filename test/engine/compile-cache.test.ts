// Compiled code is shared exactly: the same source with the same data gives the same closure;
// any difference in the data (−0 against 0 included) gives another, and data that is not
// scalars is never shared. A refusal to compile is an answer too.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compiled, scalarKey } from '../../src/engine/compile-cache';
import { groupKey } from '../../src/engine/group-key';

const SOURCE = 'return function has(e) { return e === value; };';
const has = (value: unknown, key: string | null) =>
  compiled(['value'], SOURCE, [value], key) as (e: unknown) => boolean;

describe('compile cache', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shares a closure between callers with the same source and data, and only them', () => {
    const a = has('x', scalarKey(['x']));
    expect(has('x', scalarKey(['x']))).toBe(a);
    expect(a('x')).toBe(true);
    const b = has('y', scalarKey(['y']));
    expect(b).not.toBe(a);
    expect([b('y'), b('x')]).toEqual([true, false]);
    // Not shareable: a fresh closure each time, each with its own data.
    const o = {};
    const c = has(o, null);
    expect(has(o, null)).not.toBe(c);
    expect(c(o)).toBe(true);
  });

  it('keys scalars exactly, and refuses to key anything else', () => {
    expect(scalarKey([0])).not.toBe(scalarKey([-0]));
    expect(scalarKey([1])).not.toBe(scalarKey(['1']));
    expect(scalarKey([null])).not.toBe(scalarKey(['null']));
    expect(scalarKey([undefined])).not.toBe(scalarKey([null]));
    expect(scalarKey(['a,b'])).not.toBe(scalarKey(['a', 'b']));
    expect(scalarKey([Number.NaN])).toBe(scalarKey([Number.NaN]));
    expect(scalarKey([{}])).toBeNull();
    expect(scalarKey([['a']])).toBeNull();
  });

  it('answers null where the runtime refuses to compile', () => {
    vi.spyOn(globalThis, 'Function').mockImplementation(function refused() {
      throw new EvalError('Refused to evaluate a string as JavaScript');
    });
    expect(compiled(['v'], 'return v + 1; // never compiled before', [1], '')).toBeNull();
  });

  it('gives every engine grouping by the same fields one GroupKey, unchanged by its caller', () => {
    const fields = ['user', 'page'];
    const key = groupKey(fields);
    expect(groupKey(['user', 'page'])).toBe(key);
    fields[0] = 'other';
    expect(key.valuesOf({ user: 'u', page: 'p', other: 'o' })).toEqual(['u', 'p']);
    expect(groupKey(['user'])).not.toBe(key);
  });
});
