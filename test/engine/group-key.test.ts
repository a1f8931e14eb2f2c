// Grouping keys: equal exactly when the grouping values are equal (Object.is aside from ±0,
// which Map keys treat as one), whatever types the values have.
import { describe, expect, it } from 'vitest';
import { groupKey, keyOfValues } from '../../src/engine/group-key';
import { parseQuery } from '../../src/engine/query-parse';
import { FlinkEngine } from '../../src/engine/flink';
import { SparkEngine } from '../../src/engine/spark';

describe('group keys', () => {
  it('keeps an object value apart from text that spells its tag', () => {
    const key = groupKey(['user']);
    const object = key.keyOf({ user: { id: 1 } });
    const texts = ['j{"id":1}', '\u0000{"id":1}', '\u0000"x"', 'x', '{"id":1}'];
    const all = [object, ...texts.map((user) => key.keyOf({ user }))];
    expect(new Set(all).size).toBe(all.length);
    expect(key.keyOf({ user: { id: 1 } })).toBe(object);
    expect(keyOfValues(['user'], [{ id: 1 }])).toBe(object);
  });

  it('groups such events apart in a run of the engine, on every path', () => {
    const events = [
      { t: 1000, user: { id: 1 } },
      { t: 1100, user: '\u0000{"id":1}' },
      { t: 1200, user: 'j{"id":1}' },
      { t: 1300, user: { id: 1 } },
    ];
    for (const type of ['tumbling', 'sliding'] as const) {
      const window =
        type === 'tumbling' ? { type, size: 10_000 } : { type, size: 10_000, slide: 10_000 };
      const query = parseQuery(
        {
          time: 't',
          groupBy: ['user'],
          window,
          aggregates: [{ fn: 'count', as: 'n' }],
          outputMode: 'update',
          watermark: { delay: 0 },
        },
        'spark',
      );
      for (const trace of [false, true]) {
        const { rows } = new SparkEngine(query, { trace }).runBatch(events).result;
        const counts = rows.map((r) => [r.user, r.n]);
        expect(counts, `${type}, trace ${String(trace)}`).toEqual([
          [{ id: 1 }, 2],
          ['\u0000{"id":1}', 1],
          ['j{"id":1}', 1],
        ]);
      }
    }
  });

  it('groups them apart in Flink mode too', () => {
    const query = parseQuery(
      {
        time: 't',
        groupBy: ['user'],
        window: { type: 'tumbling', size: 10_000 },
        aggregates: [{ fn: 'count', as: 'n' }],
      },
      'flink',
    );
    for (const trace of [false, true]) {
      const engine = new FlinkEngine(query, { trace });
      for (const e of [
        { t: 1000, user: { id: 1 } },
        { t: 1100, user: '\u0000{"id":1}' },
        { t: 1150, user: 'j{"id":1}' },
        { t: 1200, user: { id: 1 } },
      ])
        engine.process(e);
      const rows = engine.process({ $end: true }).emissions.map((r) => [r.user, r.n]);
      expect(rows, `trace ${String(trace)}`).toEqual([
        [{ id: 1 }, 2],
        ['\u0000{"id":1}', 1],
        ['j{"id":1}', 1],
      ]);
    }
  });
});
