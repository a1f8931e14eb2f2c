import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/engine/query-parse';
import { SparkEngine } from '../../src/engine/spark';
import type { Event, Row } from '../../src/engine/types';

const tumbling10s = {
  time: 'ts',
  window: { type: 'tumbling', size: '10 seconds' },
  groupBy: ['user'],
  aggregates: [{ fn: 'count', as: 'n' }],
  watermark: { delay: '5 seconds' },
};

const engineFor = (raw: object, trace = false): SparkEngine =>
  new SparkEngine(parseQuery(raw, 'spark'), { trace });
const row = (start: number, user: string, n: number): object => ({
  window_start: start,
  window_end: start + 10_000,
  user,
  n,
});
/** Rows are a multiset: order them by window, then user, before comparing. */
const sorted = <T extends { rows: Row[] }>(result: T | undefined): T | undefined =>
  result && {
    ...result,
    rows: [...result.rows].sort(
      (a, b) =>
        Number(a.window_start) - Number(b.window_start) ||
        String(a.user).localeCompare(String(b.user)),
    ),
  };

describe('Spark driver, update mode with a 5 s watermark (worked by hand)', () => {
  const batches: Event[][] = [
    [
      { ts: 12_000, user: 'a' },
      { ts: 3_000, user: 'b' },
      { ts: null, user: 'c' },
    ],
    [
      { ts: 4_000, user: 'b' },
      { ts: 21_000, user: 'a' },
    ],
    [
      { ts: 9_000, user: 'b' },
      { ts: 15_000, user: 'a' },
    ],
  ];

  it('emits changed groups, evicts behind the watermark and drops late groups', () => {
    const engine = engineFor({ ...tumbling10s, outputMode: 'update' });
    const [b0, b1, b2] = batches.map((b) => engine.runBatch(b).result);
    expect(b0).toEqual({
      watermark: 0,
      rows: [row(10_000, 'a', 1), row(0, 'b', 1)],
      dropped: 0,
      droppedEvents: 0,
      stateRows: 2,
    });
    // 4 s is in [0, 10 s), which ends after the watermark 7 s: not late, although behind it.
    expect(b1).toEqual({
      watermark: 7_000,
      rows: [row(0, 'b', 2), row(20_000, 'a', 1)],
      dropped: 0,
      droppedEvents: 0,
      stateRows: 2,
    });
    // 9 s: [0, 10 s) ended at or before 16 s: late. 15 s: [10 s, 20 s) is still open.
    expect(b2).toEqual({
      watermark: 16_000,
      rows: [row(10_000, 'a', 2)],
      dropped: 1,
      droppedEvents: 1,
      stateRows: 2,
    });
  });

  it('traces every event and window with the numbers that decided them', () => {
    const engine = engineFor({ ...tumbling10s, outputMode: 'update' }, true);
    const [t0, t1, t2] = batches.map((b) => engine.runBatch(b).trace);
    expect(t0?.events).toEqual([
      {
        kind: 'counted',
        eventTime: 12_000,
        groups: [{ windowStart: 10_000, windowEnd: 20_000, key: ['a'] }],
        late: [],
      },
      {
        kind: 'counted',
        eventTime: 3_000,
        groups: [{ windowStart: 0, windowEnd: 10_000, key: ['b'] }],
        late: [],
      },
      { kind: 'no-time', field: 'ts', value: null },
    ]);
    expect(
      t0?.windows.map((w) => [w.kind, w.group.windowStart, w.group.key[0], w.value.n, w.run]),
    ).toEqual([
      ['created', 10_000, 'a', 1, 'data'],
      ['created', 0, 'b', 1, 'data'],
    ]);
    expect(t0).toMatchObject({
      watermarkBefore: 0,
      watermarkAfter: 7_000,
      maxEventTime: 12_000,
      stateRows: 2,
    });
    expect(t1?.runs).toEqual([
      { kind: 'data', batchId: 2, lateThreshold: 7_000, evictionThreshold: 7_000 },
      { kind: 'no-data', batchId: 3, lateThreshold: 7_000, evictionThreshold: 16_000 },
    ]);
    expect(
      t1?.windows.map((w) => [w.kind, w.group.windowStart, w.group.key[0], w.value.n, w.run]),
    ).toEqual([
      ['updated', 0, 'b', 2, 'data'],
      ['created', 20_000, 'a', 1, 'data'],
      ['evicted', 0, 'b', 2, 'no-data'],
    ]);
    expect(t2?.events[0]).toEqual({
      kind: 'late',
      eventTime: 9_000,
      late: [
        {
          group: { windowStart: 0, windowEnd: 10_000, key: ['b'] },
          rule: 'window_end <= watermark',
          bound: 10_000,
          watermark: 16_000,
        },
      ],
    });
    expect(t2?.runs).toHaveLength(1);
  });

  it('explains a filtered event by the field that did not match', () => {
    const engine = engineFor(
      { ...tumbling10s, outputMode: 'update', filter: { kind: 'click' } },
      true,
    );
    const { trace, result } = engine.runBatch([
      { ts: 1, user: 'a', kind: 'view' },
      { ts: 2, user: 'a', kind: 'click' },
    ]);
    expect(trace?.events[0]).toEqual({
      kind: 'filtered',
      field: 'kind',
      expected: 'click',
      actual: 'view',
    });
    expect(result.rows).toEqual([{ window_start: 0, window_end: 10_000, user: 'a', n: 1 }]);
  });
});

describe('late rows are judged against the previous batch, eviction against this one', () => {
  const input: Event[][] = [
    [{ ts: 12_000, user: 'a' }],
    [],
    [
      { ts: 3_000, user: 'b' },
      { ts: 26_000, user: 'a' },
    ],
    [
      { ts: 15_000, user: 'a' },
      { ts: 1_000, user: 'c' },
    ],
  ];

  it('without no-data batches, a group can be created and emitted in one batch', () => {
    const engine = engineFor({ ...tumbling10s, outputMode: 'append', noDataMicroBatches: false });
    const results = input.map((b) => engine.runBatch(b).result);
    expect(results.map((r) => [r.watermark, r.rows.length, r.stateRows])).toEqual([
      [0, 0, 1],
      [7_000, 0, 1], // a trigger that found no data: nothing ran, the next watermark shows
      [7_000, 0, 3], // late threshold 0 (batch 0's), eviction 7 s: nothing ends by then
      [21_000, 3, 1],
    ]);
    // Late threshold 7 s: [10 s, 20 s) and [0, 10 s) are open for input, then evicted at 21 s.
    expect(sorted(results[3])?.rows).toEqual([row(0, 'b', 1), row(0, 'c', 1), row(10_000, 'a', 2)]);
    expect(results[3]?.dropped).toBe(0);
  });

  it('with no-data batches the same input is late in batch 3', () => {
    const engine = engineFor({ ...tumbling10s, outputMode: 'append' });
    const results = input.map((b) => engine.runBatch(b).result);
    expect(sorted(results[2])).toEqual({
      watermark: 7_000,
      rows: [row(0, 'b', 1), row(10_000, 'a', 1)],
      dropped: 0,
      droppedEvents: 0,
      stateRows: 1,
    });
    expect(results[3]).toEqual({
      watermark: 21_000,
      rows: [],
      dropped: 2,
      droppedEvents: 2,
      stateRows: 1,
    });
  });
});

describe('snapshot and restore', () => {
  it('continues after a JSON round trip exactly as the uninterrupted run', () => {
    const raw = {
      ...tumbling10s,
      window: { type: 'session', gap: '5 seconds' },
      outputMode: 'append',
      aggregates: [
        { fn: 'count', as: 'n' },
        { fn: 'avg', field: 'v', as: 'mean' },
      ],
    };
    const input: Event[][] = [
      [
        { ts: 1_000, user: 'a', v: 1 },
        { ts: 9_000, user: 'a', v: 3 },
      ],
      [
        { ts: 5_000, user: 'a', v: 2 },
        { ts: 30_000, user: 'b', v: 7 },
      ],
      [{ ts: 40_000, user: 'a', v: 1 }],
    ];
    const straight = engineFor(raw);
    const expected = input.map((b) => straight.runBatch(b).result);
    const first = engineFor(raw);
    first.runBatch(input[0] ?? []);
    const restored = engineFor(raw);
    restored.restore(JSON.parse(JSON.stringify(first.snapshot())));
    expect([
      restored.runBatch(input[1] ?? []).result,
      restored.runBatch(input[2] ?? []).result,
    ]).toEqual(expected.slice(1));
    // The bridging event merged [1 s, 6 s) and [9 s, 14 s) into one session of 3 events, which
    // the no-data batch after batch 1 (watermark 25 s) closed; batch 2's watermark 35 s closes b's.
    expect(expected[1]?.rows).toEqual([
      { window_start: 1_000, window_end: 14_000, user: 'a', n: 3, mean: 2 },
    ]);
    expect(expected[2]?.rows).toEqual([
      { window_start: 30_000, window_end: 35_000, user: 'b', n: 1, mean: 7 },
    ]);
  });

  it('refuses a snapshot of another kind with a clear message', () => {
    const engine = engineFor({ ...tumbling10s, outputMode: 'update' });
    expect(() => engine.restore({ version: 2 })).toThrow(
      'not a Spark engine snapshot of version 1',
    );
    const noWatermark = engineFor({ ...tumbling10s, watermark: null, outputMode: 'update' });
    expect(() => engine.restore(noWatermark.snapshot())).toThrow('different watermark setting');
    expect(() => engine.restore(null)).toThrow('not a Spark engine snapshot');
  });

  it('keeps its state when a snapshot fails half-way', () => {
    const engine = engineFor({ ...tumbling10s, outputMode: 'update' });
    engine.runBatch([{ ts: 1_000, user: 'a' }]);
    const before = engine.snapshot();
    const corrupt = {
      ...before,
      state: [{ start: 0, end: 10_000, groups: [{ key: ['a'], acc: [1, 2] }] }],
    };
    expect(() => engine.restore(corrupt)).toThrow('an accumulator has 2 slots, expected 1');
    expect(engine.snapshot()).toEqual(before);
  });
});

describe('snapshot of a null-time group', () => {
  it('restores the group no watermark closes, so the run continues as the straight one', () => {
    const raw = {
      time: 'ts',
      window: { type: 'none' },
      groupBy: ['ts', 'user'],
      aggregates: [{ fn: 'count', as: 'n' }],
      watermark: { delay: '5 seconds' },
      outputMode: 'append',
    };
    const input: Event[][] = [
      [{ user: 'a' }, { ts: 1_000, user: 'a' }],
      [{ ts: 30_000, user: 'b' }],
      [{ user: 'a' }],
    ];
    const straight = engineFor(raw);
    const expected = input.map((b) => straight.runBatch(b).result);
    const first = engineFor(raw);
    first.runBatch(input[0] ?? []);
    const restored = engineFor(raw);
    restored.restore(JSON.parse(JSON.stringify(first.snapshot())));
    expect([
      restored.runBatch(input[1] ?? []).result,
      restored.runBatch(input[2] ?? []).result,
    ]).toEqual(expected.slice(1));
    // The null-time group is never emitted in append mode and stays in state: (null, a) with 2 events.
    expect(expected[2]?.stateRows).toBe(2);
  });
});
