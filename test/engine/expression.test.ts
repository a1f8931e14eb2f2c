import { describe, expect, it } from 'vitest';
import { columnsOf, evaluate, ExpressionError, parseExpression } from '../../src/engine/expression';

const run = (expr: string, row: Record<string, unknown> = {}): number | null =>
  evaluate(parseExpression(expr), row);

describe('derived expressions', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['12 / 3 / 2', 2],
    ['-3 + 5', 2],
    ['-(2 + 3) * 2', -10],
    ['1 / 2', 0.5],
    ['.5 * 4', 2],
    ['2.5 * 2', 5],
  ])('%s = %d', (expr, value) => {
    expect(run(expr)).toBe(value);
  });

  it('reads columns and gives a ratio', () => {
    expect(run('clicks / impressions', { clicks: 1, impressions: 3 })).toBeCloseTo(1 / 3, 15);
    expect(run('total_cost / total_views', { total_cost: 50.75, total_views: 10 })).toBe(5.075);
  });

  it('is null on division by zero, as try_divide is', () => {
    expect(run('clicks / impressions', { clicks: 1, impressions: 0 })).toBeNull();
    expect(run('0 / 0')).toBeNull();
  });

  it('is null when an operand is null or missing', () => {
    expect(run('a + 1', { a: null })).toBeNull();
    expect(run('a * 2', {})).toBeNull();
    expect(run('-a', { a: null })).toBeNull();
  });

  it('lists the columns it reads', () => {
    expect([...columnsOf(parseExpression('(a + b) / c - 1'))].sort()).toEqual(['a', 'b', 'c']);
  });

  it.each([
    ['', /empty/],
    ['a +', /ends too early/],
    ['(a + b', /unclosed/],
    ['a b', /unexpected "b"/],
    ['a % b', /unexpected "%"/],
    ['* a', /"\*" where an operand belongs/],
  ])('refuses %j', (expr, message) => {
    expect(() => parseExpression(expr)).toThrow(ExpressionError);
    expect(() => parseExpression(expr)).toThrow(message);
  });
});
