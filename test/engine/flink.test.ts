import { describe, expect, it } from 'vitest';
import { FlinkEngine, FlinkRuntimeError } from '../../src/engine/flink';
import { FlinkParameterError } from '../../src/engine/flink-refusals';
import { parseQuery } from '../../src/engine/query-parse';
import type { Event, Row } from '../../src/engine/types';

const tumbling = {
  time: 'ts',
  window: { type: 'tumbling', size: '10 seconds' },
  groupBy: ['k'],
  aggregates: [{ fn: 'sum', field: 'v', as: 'total' }],
  watermark: { delay: '0 seconds' },
  allowedLateness: '5 seconds',
};

/** Runs a stream; returns [after, row] and [after, event] pairs. */
function run(
  raw: object,
  stream: Event[],
  engine = new FlinkEngine(parseQuery(raw, 'flink')),
): { emitted: [number, Row][]; late: [number, Event][] } {
  const emitted: [number, Row][] = [];
  const late: [number, Event][] = [];
  stream.forEach((element, i) => {
    const out = engine.process(element);
    out.emissions.forEach((r) => emitted.push([i, r]));
    out.late.forEach((e) => late.push([i, e]));
  });
  return { emitted, late };
}

const lateStream: Event[] = [
  { ts: 1_000, k: 'a', v: 1 }, // watermark after: 999
  { ts: 9_999, k: 'a', v: 2 }, // 9998
  { ts: 10_000, k: 'a', v: 4 }, // 9999: [0, 10 s) fires with 3
  { ts: 5_000, k: 'a', v: 8 }, // late but within 5 s: added, fires again at once with 11
  { $watermark: 14_999 }, // 9999 + 5000: [0, 10 s) is cleaned up
  { ts: 6_000, k: 'a', v: 16 }, // its window is gone: side output
  { $end: true }, // [10 s, 20 s) fires with 4
];
const w = (start: number, total: number): Row => ({
  window_start: start,
  window_end: start + 10_000,
  k: 'a',
  total,
});

describe('Flink driver (worked by hand)', () => {
  it('fires at end − 1, re-fires late elements within the allowed lateness, then sends them to the side output', () => {
    expect(run(tumbling, lateStream)).toEqual({
      emitted: [
        [2, w(0, 3)],
        [3, w(0, 11)],
        [6, w(10_000, 4)],
      ],
      late: [[5, lateStream[5]]],
    });
  });

  it('with the purging trigger, a late re-firing emits only what arrived since', () => {
    expect(run({ ...tumbling, trigger: 'purging' }, lateStream).emitted).toEqual([
      [2, w(0, 3)],
      [3, w(0, 8)],
      [6, w(10_000, 4)],
    ]);
  });

  it('drops late records silently with lateOutput false', () => {
    expect(run({ ...tumbling, lateOutput: false }, lateStream).late).toEqual([]);
  });

  it('fires a late element that bridges two fired sessions once, with the merged contents', () => {
    const sessions = {
      time: 'ts',
      window: { type: 'session', gap: '10 seconds' },
      groupBy: ['k'],
      aggregates: [{ fn: 'count', as: 'n' }],
      allowedLateness: '100 seconds',
    };
    const stream: Event[] = [
      { ts: 0, k: 'a' },
      { ts: 12_000, k: 'a' },
      { $watermark: 25_000 },
      { ts: 8_000, k: 'a' },
      { $end: true },
    ];
    expect(run(sessions, stream).emitted).toEqual([
      [2, { window_start: 0, window_end: 10_000, k: 'a', n: 1 }],
      [2, { window_start: 12_000, window_end: 22_000, k: 'a', n: 1 }],
      [3, { window_start: 0, window_end: 22_000, k: 'a', n: 3 }],
    ]);
  });

  it('traces the fate of each record and the life of each window', () => {
    const engine = new FlinkEngine(parseQuery(tumbling, 'flink'), { trace: true });
    const traces = lateStream.map((e) => engine.process(e).trace);
    expect(traces[2]).toMatchObject({
      element: 'event',
      watermarkBefore: 9_998,
      watermarkAfter: 9_999,
      stateWindows: 2,
    });
    expect(traces[2]?.windows.map((c) => [c.kind, c.group.windowStart, c.value?.total])).toEqual([
      ['created', 10_000, 4],
      ['fired', 0, 3],
    ]);
    expect(traces[3]?.windows.map((c) => [c.kind, c.value?.total])).toEqual([
      ['updated', 11],
      ['refired', 11],
    ]);
    expect(traces[4]?.windows.map((c) => c.kind)).toEqual(['cleared']);
    expect(traces[5]?.fate).toEqual({
      kind: 'late',
      eventTime: 6_000,
      sideOutput: true,
      late: [
        {
          group: { windowStart: 0, windowEnd: 10_000, key: ['a'] },
          rule: 'window_end - 1 + allowed_lateness <= watermark',
          bound: 14_999,
          watermark: 14_999,
        },
      ],
    });
    expect(traces[0]?.watermarkBefore).toBeNull();
    expect(traces[6]).toMatchObject({ element: 'end', watermarkAfter: Infinity, stateWindows: 0 });
  });

  it('restores a snapshot at any element and continues exactly as the straight run', () => {
    const straight = run(tumbling, lateStream);
    for (let cut = 0; cut <= lateStream.length; cut++) {
      const first = new FlinkEngine(parseQuery(tumbling, 'flink'));
      lateStream.slice(0, cut).forEach((e) => first.process(e));
      const second = new FlinkEngine(parseQuery(tumbling, 'flink'));
      second.restore(JSON.parse(JSON.stringify(first.snapshot())));
      const rest = run(tumbling, lateStream.slice(cut), second);
      const shift = ([i, x]: [number, unknown]): [number, unknown] => [i + cut, x];
      expect({ emitted: rest.emitted.map(shift), late: rest.late.map(shift) }).toEqual({
        emitted: straight.emitted.filter(([i]) => i >= cut),
        late: straight.late.filter(([i]) => i >= cut),
      });
    }
  });

  it('refuses a snapshot of another kind', () => {
    const engine = new FlinkEngine(parseQuery(tumbling, 'flink'));
    expect(() => engine.restore({ version: 1, semantics: 'spark' })).toThrow(
      'not a Flink engine snapshot',
    );
  });
});

describe('Flink parameter errors', () => {
  const refusal = (raw: object): string => {
    try {
      new FlinkEngine(parseQuery(raw, 'flink'));
    } catch (err) {
      expect(err).toBeInstanceOf(FlinkParameterError);
      return (err as Error).message;
    }
    return 'accepted';
  };

  it.each([
    [
      { ...tumbling, window: { type: 'tumbling', size: '10 seconds', offset: '10 seconds' } },
      'TumblingEventTimeWindows parameters must satisfy abs(offset) < size',
    ],
    [
      { ...tumbling, window: { type: 'tumbling', size: '0 seconds' } },
      'TumblingEventTimeWindows parameters must satisfy abs(offset) < size',
    ],
    [
      {
        ...tumbling,
        window: { type: 'sliding', size: '10 seconds', slide: '5 seconds', offset: '-5 seconds' },
      },
      'SlidingEventTimeWindows parameters must satisfy abs(offset) < slide and size > 0',
    ],
    [
      { ...tumbling, window: { type: 'session', gap: '0 seconds' } },
      'EventTimeSessionWindows parameters must satisfy 0 < size',
    ],
    [{ ...tumbling, allowedLateness: '-1 second' }, 'The allowed lateness cannot be negative.'],
    [{ ...tumbling, watermark: { delay: '-1 second' } }, 'maxOutOfOrderness cannot be negative'],
  ])('refuses %j', (raw, message) => {
    expect(refusal(raw)).toContain(message);
  });

  it('accepts what Flink accepts and Spark does not: slide > size, count distinct, negative offsets', () => {
    expect(
      refusal({
        ...tumbling,
        window: { type: 'sliding', size: '5 seconds', slide: '10 seconds', offset: '-9 seconds' },
        aggregates: [{ fn: 'count_distinct', field: 'v', as: 'd' }],
      }),
    ).toBe('accepted');
  });

  it('fails like the job would on a per-event session gap <= 0', () => {
    const engine = new FlinkEngine(
      parseQuery({ ...tumbling, window: { type: 'session', gap: { field: 'gap' } } }, 'flink'),
    );
    expect(() => engine.process({ ts: 1, k: 'a', gap: 0 })).toThrow(FlinkRuntimeError);
  });
});
