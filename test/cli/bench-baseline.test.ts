import { describe, expect, it } from 'vitest';
import {
  sessionCounts,
  windowCounts,
  windowCtr,
  type Baseline,
} from '../../src/cli/bench-baseline';
import { BENCH_QUERIES } from '../../src/cli/bench-queries';
import {
  DEFAULT_STREAM,
  generateStream,
  type ClickEvent,
  type EventType,
} from '../../src/cli/bench-stream';
import { SparkEngine } from '../../src/engine/index';

const ev = (ts: number, user_id: string, event_type: EventType = 'page_view'): ClickEvent => ({
  ts,
  user_id,
  event_type,
});

/** Runs a baseline over events in chunks of 2 and returns its rows as a plain object. */
function answer<V>(b: Baseline<V>, events: readonly ClickEvent[]): Record<string, V> {
  for (let i = 0; i < events.length; i += 2) b.add(events, i, Math.min(i + 2, events.length));
  const groups = b.finish();
  const rows = Object.fromEntries(b.rows());
  expect(Object.keys(rows)).toHaveLength(groups);
  return rows;
}

// Out of order on purpose: the baseline sees the whole stream, so order does not matter.
const events = [
  ev(0, 'a'),
  ev(59_999, 'a'),
  ev(60_000, 'a'),
  ev(30_000, 'b'),
  ev(-1, 'b'),
  ev(125_000, 'a'),
];

describe('windowCounts', () => {
  it('counts per user in tumbling windows [start, end), negative times included', () => {
    expect(answer(windowCounts(60_000), events)).toEqual({
      '0|60000|a': 2,
      '60000|120000|a': 1,
      '120000|180000|a': 1,
      '0|60000|b': 1,
      '-60000|0|b': 1,
    });
  });

  it('counts each event in every sliding window that contains it', () => {
    // size 2 min, slide 1 min: each event is in two windows.
    expect(answer(windowCounts(120_000, 60_000), events)).toEqual({
      '-60000|60000|a': 2,
      '0|120000|a': 3,
      '60000|180000|a': 2,
      '120000|240000|a': 1,
      '-60000|60000|b': 2,
      '0|120000|b': 1,
      '-120000|0|b': 1,
    });
  });
});

describe('windowCtr', () => {
  it('counts impressions and clicks per user and divides, null without impressions', () => {
    const stream = [
      ev(1_000, 'a', 'impression'),
      ev(2_000, 'a', 'impression'),
      ev(3_000, 'a', 'impression'),
      ev(4_000, 'a', 'impression'),
      ev(5_000, 'a', 'click'),
      ev(6_000, 'a', 'page_view'),
      ev(7_000, 'b', 'click'),
      ev(300_000, 'a', 'impression'),
    ];
    expect(answer(windowCtr(300_000), stream)).toEqual({
      '0|300000|a': { impressions: 4, clicks: 1, ctr: 0.25 },
      '0|300000|b': { impressions: 0, clicks: 1, ctr: null },
      '300000|600000|a': { impressions: 1, clicks: 0, ctr: 0 },
    });
  });
});

describe('sessionCounts', () => {
  it('merges sessions that overlap or touch, per user, whatever the arrival order', () => {
    const stream = [
      ev(10_000, 'a'),
      ev(0, 'a'), // [0, 30 s) and [10 s, 40 s) overlap: one session [0, 40 s)
      ev(70_000, 'a'), // after the 40 s end: a new session [70 s, 100 s)
      ev(100_000, 'a'), // [100 s, 130 s) touches it at 100 s: they merge
      ev(5_000, 'b'),
    ];
    expect(answer(sessionCounts(30_000), stream)).toEqual({
      '0|40000|a': 2,
      '70000|130000|a': 2,
      '5000|35000|b': 1,
    });
  });
});

describe('the baselines and the engine', () => {
  it('agree on the bench queries when the watermark is long enough that nothing is late', () => {
    const stream = generateStream({ events: 20_000 });
    for (const q of BENCH_QUERIES) {
      // Append mode emits each group once, final; the last two batches move the watermark past all.
      const engine = new SparkEngine({
        ...q.query,
        outputMode: 'append',
        watermarkDelayMs: 10 * 60_000,
      });
      const far = DEFAULT_STREAM.startMs + 24 * 3_600_000;
      const batches = [
        stream.slice(0, 10_000),
        stream.slice(10_000),
        [ev(far, 'z')],
        [ev(far + 1, 'z')],
      ];
      const rows = batches
        .flatMap((b) => engine.runBatch(b).result.rows)
        .filter((r) => r.user_id !== 'z');
      const got = Object.fromEntries(
        rows.map((r) => {
          const key = `${String(r.window_start)}|${String(r.window_end)}|${String(r.user_id)}`;
          return [
            key,
            q.name === 'ctr'
              ? { impressions: r.impressions, clicks: r.clicks, ctr: r.ctr }
              : r.count,
          ];
        }),
      );
      expect(got, q.name).toEqual(answer(q.baseline(), stream));
    }
  });
});
