// Flink mode with tracing off, cases worked by hand from Flink's rules (design.md, "Flink
// mode"): each stream runs through a traced and an untraced engine, which must agree on every
// emission, late record and snapshot, and the values asserted are the hand-worked ones.
import { describe, expect, it } from 'vitest';
import { FlinkEngine } from '../../src/engine/flink';
import { parseQuery } from '../../src/engine/query-parse';
import type { Event, Row } from '../../src/engine/types';
/** Runs a stream through a traced and an untraced engine; both must give the same. */
function run(raw: object, stream: readonly Event[]) {
  const results = [true, false].map((trace) => {
    const engine = new FlinkEngine(parseQuery(raw, 'flink'), { trace });
    const emitted: [number, Row][] = [];
    const late: [number, Event][] = [];
    const snapshots: string[] = [];
    stream.forEach((e, i) => {
      const out = engine.process(e);
      out.emissions.forEach((row) => emitted.push([i, row]));
      out.late.forEach((record) => late.push([i, record]));
      snapshots.push(JSON.stringify(engine.snapshot()));
    });
    return { emitted, late, snapshots, engine };
  });
  const [traced, untraced] = results as [(typeof results)[0], (typeof results)[0]];
  expect(untraced.emitted).toStrictEqual(traced.emitted);
  expect(untraced.late).toStrictEqual(traced.late);
  expect(untraced.snapshots).toStrictEqual(traced.snapshots);
  return untraced;
}

const tumblingCount = {
  time: 't',
  window: { type: 'tumbling', size: '10 seconds' },
  groupBy: ['user'],
  aggregates: [{ fn: 'count', as: 'count' }],
  watermark: { delay: '0 seconds' },
};

const row = (start: number, end: number, user: string, count: number): Row => ({
  window_start: start,
  window_end: end,
  user,
  count,
});

describe('Flink mode with tracing off (worked by hand)', () => {
  it('fires sessions ending together in the order of their latest timers', () => {
    const sessions = { ...tumblingCount, window: { type: 'session', gap: '10 seconds' } };
    const stream: Event[] = [
      { t: 5_000, user: 'a' }, // wm 4999; a's [5 s, 15 s): timer 14999, seq 0
      { t: 5_000, user: 'b' }, // b's [5 s, 15 s): timer 14999, seq 1
      // [4 s, 14 s) merges into a's session: [4 s, 15 s), count 2. Its timer is deleted and a
      // new one registered, at the same time 14999 but seq 2: now after b's.
      { t: 4_000, user: 'a' },
      { t: 15_000, user: 'c' }, // wm 14999: b (seq 1), then a (seq 2)
    ];
    const out = run(sessions, stream);
    expect(out.emitted).toStrictEqual([
      [3, row(5_000, 15_000, 'b', 1)],
      [3, row(4_000, 15_000, 'a', 2)],
    ]);
    expect(JSON.parse(out.snapshots[2] as string)).toMatchObject({
      nextSeq: 3,
      keys: [
        { key: ['a'], sessions: [{ start: 4_000, end: 15_000, acc: [2], timers: [[14_999, 2]] }] },
        { key: ['b'], sessions: [{ start: 5_000, end: 15_000, acc: [1], timers: [[14_999, 1]] }] },
      ],
    });
  });

  it('fires equal-time timers in registration order, sends a late record aside and re-adds its key last', () => {
    // Watermark after each event: max timestamp − 0 − 1.
    const stream: Event[] = [
      { t: 1_000, user: 'b' }, // wm 999; b's [0, 10 s): timer 9999, seq 0
      { t: 2_000, user: 'a' }, // wm 1999; a's [0, 10 s): timer 9999, seq 1
      { t: 9_999, user: 'a' }, // wm 9998; a's count 2
      // a's [10 s, 20 s): timer 19999, seq 2; then wm 9999 fires b (seq 0) before a (seq 1),
      // and clears both windows (no allowed lateness): b has none left and leaves the state.
      { t: 10_000, user: 'a' },
      // [0, 10 s) is late for b (9999 + 0 <= 9999): side output; b stays out of the state.
      { t: 5_000, user: 'b' },
      // wm 10000; b comes back, after a: [10 s, 20 s) with timer 19999, seq 3.
      { t: 10_001, user: 'b' },
      { $end: true }, // fires a (seq 2), then b (seq 3)
    ];
    const out = run(tumblingCount, stream);
    expect(out.emitted).toStrictEqual([
      [3, row(0, 10_000, 'b', 1)],
      [3, row(0, 10_000, 'a', 2)],
      [6, row(10_000, 20_000, 'a', 1)],
      [6, row(10_000, 20_000, 'b', 1)],
    ]);
    expect(out.late).toStrictEqual([[4, stream[4]]]);
    const window = (start: number, count: number, seq: number) => ({
      start,
      end: start + 10_000,
      acc: [count],
      timers: [[start + 9_999, seq]],
    });
    const key = (user: string, windows: object[]) => ({
      key: [user],
      running: null,
      aligned: windows,
      sessions: [],
    });
    expect(JSON.parse(out.snapshots[3] as string)).toStrictEqual({
      version: 1,
      semantics: 'flink',
      position: 4,
      watermark: 9_999,
      maxTimestamp: 10_000,
      nextSeq: 3,
      keys: [key('a', [window(10_000, 1, 2)])],
    });
    expect(JSON.parse(out.snapshots[5] as string)).toStrictEqual({
      version: 1,
      semantics: 'flink',
      position: 6,
      watermark: 10_000,
      maxTimestamp: 10_001,
      nextSeq: 4,
      keys: [key('a', [window(10_000, 1, 2)]), key('b', [window(10_000, 1, 3)])],
    });
    expect(JSON.parse(out.snapshots[6] as string)).toMatchObject({ watermark: '+inf', keys: [] });
  });

  it('counts sliding windows moved by markers only, ignoring a marker that goes back', () => {
    const stream: Event[] = [
      // In [5 s, 15 s) (timer 14999) and [0, 10 s) (timer 9999).
      { t: 7_000, user: 'a' },
      { $watermark: 9_999 }, // fires and clears [0, 10 s)
      // [0, 10 s): 9999 <= 9999, and [−5 s, 5 s): 4999 <= 9999: late for both, side output.
      { t: 4_000, user: 'a' },
      { t: 12_000, user: 'a' }, // [10 s, 20 s) new; [5 s, 15 s) count 2
      { $watermark: 5_000 }, // behind the watermark: nothing
      { $watermark: 14_999 }, // fires [5 s, 15 s)
      { $end: true }, // fires [10 s, 20 s)
    ];
    const sliding = {
      ...tumblingCount,
      window: { type: 'sliding', size: '10 seconds', slide: '5 seconds' },
      watermark: null,
    };
    const out = run(sliding, stream);
    expect(out.emitted).toStrictEqual([
      [1, row(0, 10_000, 'a', 1)],
      [5, row(5_000, 15_000, 'a', 2)],
      [6, row(10_000, 20_000, 'a', 1)],
    ]);
    expect(out.late).toStrictEqual([[2, stream[2]]]);
  });

  it('with allowed lateness, re-fires a late count at once, then sends records aside after the cleanup', () => {
    const stream: Event[] = [
      { t: 1_000, user: 'a' }, // wm 999; [0, 10 s): fire at 9999, cleanup at 11999
      { t: 10_000, user: 'a' }, // wm 9999: [0, 10 s) fires with 1
      { t: 3_000, user: 'a' }, // 11999 > 9999: taken, and fired again at once with 2
      { t: 12_000, user: 'a' }, // wm 11999: [0, 10 s) is cleared
      { t: 3_000, user: 'a' }, // 11999 <= 11999: late, side output
      { $end: true }, // [10 s, 20 s) fires with 2
    ];
    const out = run({ ...tumblingCount, allowedLateness: '2 seconds' }, stream);
    expect(out.emitted).toStrictEqual([
      [1, row(0, 10_000, 'a', 1)],
      [2, row(0, 10_000, 'a', 2)],
      [5, row(10_000, 20_000, 'a', 2)],
    ]);
    expect(out.late).toStrictEqual([[4, stream[4]]]);
  });

  it('with the purging trigger and lateOutput false, a re-firing counts only what came since', () => {
    const stream: Event[] = [
      { t: 1_000, user: 'a' },
      { t: 2_000, user: 'a' },
      { t: 10_000, user: 'a' }, // wm 9999: [0, 10 s) fires with 2 and is purged
      { t: 4_000, user: 'a' }, // within the 1 s lateness: fires again with 1
      { t: 11_000, user: 'a' }, // wm 10999: [0, 10 s) is cleared
      { t: 5_000, user: 'a' }, // late, and dropped silently
      { $end: true }, // [10 s, 20 s) fires with 2
    ];
    const raw = {
      ...tumblingCount,
      allowedLateness: '1 second',
      trigger: 'purging',
      lateOutput: false,
    };
    const out = run(raw, stream);
    expect(out.emitted).toStrictEqual([
      [2, row(0, 10_000, 'a', 2)],
      [3, row(0, 10_000, 'a', 1)],
      [6, row(10_000, 20_000, 'a', 2)],
    ]);
    expect(out.late).toStrictEqual([]);
  });

  it('sends an element at the watermark aside when its window ends there, or when it has none', () => {
    // Tumbling: after 10000 the watermark is 9999, the last instant of [0, 10 s).
    const tumbling = run(tumblingCount, [
      { t: 10_000, user: 'a' },
      { t: 9_999, user: 'a' }, // 9999 + 0 <= 9999: late
      { $end: true },
    ]);
    expect(tumbling.emitted).toStrictEqual([[2, row(10_000, 20_000, 'a', 1)]]);
    expect(tumbling.late).toStrictEqual([[1, { t: 9_999, user: 'a' }]]);
    // Sliding 1 s every 2 s: [0, 1 s), [2 s, 3 s), … and nothing in between.
    const gaps = {
      ...tumblingCount,
      window: { type: 'sliding', size: '1 second', slide: '2 seconds' },
    };
    const stream: Event[] = [
      { t: 1_500, user: 'a' }, // in no window, not late: nothing; wm 1499
      { t: 2_000, user: 'a' }, // [2 s, 3 s); wm 1999
      { t: 1_999, user: 'a' }, // in no window, and 1999 <= 1999: late
      { t: 999, user: 'a' }, // [0, 1 s): 999 <= 1999: late
      { $end: true },
    ];
    const out = run(gaps, stream);
    expect(out.emitted).toStrictEqual([[4, row(2_000, 3_000, 'a', 1)]]);
    expect(out.late).toStrictEqual([
      [2, stream[2]],
      [3, stream[3]],
    ]);
  });
});
