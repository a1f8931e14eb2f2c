import { describe, expect, it } from 'vitest';
import { parseQuery, QueryError } from '../../src/engine/query-parse';

const base = {
  time: 'ts',
  window: { type: 'tumbling', size: '1 minute' },
  groupBy: ['user'],
  aggregates: [{ fn: 'count', as: 'n' }],
};

describe('parseQuery', () => {
  it('normalises durations to ms and fills defaults', () => {
    const q = parseQuery({ ...base, watermark: { delay: '10 seconds' } }, 'spark');
    expect(q.window).toEqual({ type: 'tumbling', sizeMs: 60_000, slideMs: 60_000, offsetMs: 0 });
    expect(q.watermarkDelayMs).toBe(10_000);
    expect(q.outputMode).toBe('append');
    expect(q.noDataMicroBatches).toBe(true);
    expect(q.filter).toBeNull();
    expect(q.derived).toEqual([]);
  });

  it('reads sliding windows with offsets and session gaps of each form', () => {
    expect(
      parseQuery(
        {
          ...base,
          window: { type: 'sliding', size: '10 minutes', slide: '5 minutes', offset: '-1 minute' },
        },
        'spark',
      ).window,
    ).toEqual({
      type: 'sliding',
      sizeMs: 600_000,
      slideMs: 300_000,
      offsetMs: -60_000,
    });
    expect(
      parseQuery({ ...base, window: { type: 'session', gap: '30 seconds' } }, 'spark').window,
    ).toEqual({
      type: 'session',
      gap: { kind: 'fixed', gapMs: 30_000 },
    });
    const mapped = parseQuery(
      {
        ...base,
        window: {
          type: 'session',
          gap: { field: 'k', map: { a: '1 second' }, default: '10 seconds' },
        },
      },
      'spark',
    ).window;
    expect(mapped).toEqual({
      type: 'session',
      gap: { kind: 'map', field: 'k', gapsMs: new Map([['a', 1000]]), defaultMs: 10_000 },
    });
  });

  it('names default output columns after the function and field', () => {
    const q = parseQuery(
      { ...base, aggregates: [{ fn: 'count' }, { fn: 'sum', field: 'amount' }] },
      'spark',
    );
    expect(q.aggregates.map((a) => a.as)).toEqual(['count', 'sum(amount)']);
  });

  it.each([
    [
      { ...base, window: { type: 'tumbling', size: '1 fortnight' } },
      'query.window.size: unknown unit "fortnight"',
    ],
    [
      { ...base, window: { type: 'hopping', size: '1 minute' } },
      'query.window.type: must be "tumbling", "sliding", "session" or "none"',
    ],
    [
      { ...base, window: { type: 'sliding', size: '1 minute' } },
      'query.window.slide: a sliding window needs "slide"',
    ],
    [
      { ...base, window: { type: 'tumbling', size: '1 minute', slide: '30 seconds' } },
      'query.window.slide: a tumbling window slides by its size',
    ],
    [{ ...base, window: { type: 'session' } }, 'query.window.gap: a session window needs "gap"'],
    [{ ...base, time: undefined }, 'query.time: name the event-time field'],
    [{ ...base, groupBy: 'user' }, 'query.groupBy: must be a list of field names'],
    [
      { ...base, aggregates: [{ fn: 'median', field: 'x' }] },
      'query.aggregates[0].fn: must be one of count, sum',
    ],
    [
      { ...base, aggregates: [{ fn: 'sum' }] },
      'query.aggregates[0].field: sum needs the field it reads',
    ],
    [{ ...base, aggregates: [{ fn: 'count', as: 'user' }] }, 'two output columns are named "user"'],
    [
      { ...base, derived: [{ as: 'r', expr: 'n / missing' }] },
      'query.derived[0].expr: "missing" is not a column here; use one of window_start, window_end, user, n',
    ],
    [
      { ...base, derived: [{ as: 'r', expr: 'n /' }] },
      'query.derived[0].expr: "n /" ends too early',
    ],
    [{ ...base, watermark: { delay: 'later' } }, 'query.watermark.delay: cannot read "later"'],
    [{ ...base, watermark: '10 minutes' }, 'query.watermark: must be {"delay": "10 minutes"}'],
    [
      { ...base, outputMode: 'upsert' },
      'query.outputMode: must be "append", "update" or "complete", got "upsert"',
    ],
    [
      { ...base, filter: { type: ['a', 'b'] } },
      'query.filter.type: must be a string, number, boolean or null',
    ],
    [{ ...base, noDataMicroBatches: 'yes' }, 'query.noDataMicroBatches: must be true or false'],
    [{ ...base, join: {} }, 'query.inputs: a join needs its two inputs'],
  ])('refuses %j with a message naming the field', (raw, message) => {
    expect(() => parseQuery(raw, 'spark')).toThrow(QueryError);
    expect(() => parseQuery(raw, 'spark')).toThrow(message);
  });
});
