import { describe, expect, it } from 'vitest';
import type { EventFate, GroupRef, LateDrop } from '../../../src/engine/trace';
import { explainEvent, type Explanation } from '../../../src/ui/why/explain-event';
import type { WhyContext } from '../../../src/ui/why/why-format';
import { Simulation } from '../../../src/worker/simulation';

const T = (h: number, m: number): number => Date.UTC(2023, 6, 30, h, m);
const S = (s: number): number => s * 1000;

const tumbling = {
  time: 'ts',
  window: { type: 'tumbling', size: '10 minutes' },
  groupBy: ['user_id'],
  aggregates: [{ fn: 'count', as: 'n' }],
  watermark: { delay: '10 minutes' },
  outputMode: 'append',
  filter: { event_type: 'click' },
};
const sliding = {
  ...tumbling,
  groupBy: [],
  window: { type: 'sliding', size: '10 minutes', slide: '5 minutes' },
  filter: null,
};
const session = {
  ...tumbling,
  window: { type: 'session', gap: '5 minutes' },
  filter: null,
};
const rawTime = {
  time: 'ts',
  groupBy: ['ts'],
  aggregates: [{ fn: 'count', as: 'n' }],
  watermark: { delay: '10 minutes' },
  outputMode: 'append',
};
const flinkTumbling = {
  time: 'ts',
  window: { type: 'tumbling', size: '10 seconds' },
  aggregates: [{ fn: 'count', as: 'n' }],
  watermark: { delay: '5 seconds' },
};

const win = (start: number, end: number, key: unknown[] = []): GroupRef => ({
  windowStart: start,
  windowEnd: end,
  key,
});
const sparkLate = (group: GroupRef, bound: number, watermark: number): LateDrop => ({
  group,
  rule: 'window_end <= watermark',
  bound,
  watermark,
});
const flinkLate = (group: GroupRef, bound: number, watermark: number): LateDrop => ({
  group,
  rule: 'window_end - 1 + allowed_lateness <= watermark',
  bound,
  watermark,
});

const spark = (query: unknown, watermarkInForce: number | null): WhyContext => ({
  semantics: 'spark',
  query,
  watermarkInForce,
  stepTitle: 'Batch 3',
});
const flink = (query: unknown, watermarkInForce: number | null): WhyContext => ({
  semantics: 'flink',
  query,
  watermarkInForce,
  stepTitle: 'Record 7',
});

const SPARK_WATERMARK_1211 =
  'Batch 3 ran with the watermark 12:11; Spark sets it after each batch to the max event time seen − delay 10 min, and never moves it back.';
const FLINK_RULES_0 =
  'A window fires when the watermark reaches end − 1; an element is late for it once end − 1 + allowed lateness (0 s) <= the watermark.';
const flinkWatermark = (wm: string): string =>
  `When Record 7 arrived the watermark was ${wm}; Flink moves it after each record to the max timestamp seen − delay 5 s − 1 ms (or to a $watermark marker).`;

interface Case {
  readonly name: string;
  readonly fate: EventFate;
  readonly ctx: WhyContext;
  readonly want: Explanation;
}

const SPARK_CASES: readonly Case[] = [
  {
    name: 'late by window_end <= watermark',
    fate: {
      kind: 'late',
      eventTime: T(12, 5),
      late: [sparkLate(win(T(12, 0), T(12, 10), ['u1']), T(12, 10), T(12, 11))],
    },
    ctx: spark(tumbling, T(12, 11)),
    want: {
      headline: 'Dropped as late',
      details: [
        'Dropped as late: its window 12:00–12:10 ended at or before the watermark 12:11 in force for this batch (window_end 12:10 <= watermark 12:11).',
        'Event time 12:05; key: user_id = u1.',
        'Spark judges lateness per window, not per event: a window is closed to input once its end <= the watermark.',
        SPARK_WATERMARK_1211,
      ],
    },
  },
  {
    name: 'late for every sliding window it belongs to',
    fate: {
      kind: 'late',
      eventTime: T(12, 2),
      late: [
        sparkLate(win(T(12, 0), T(12, 10)), T(12, 10), T(12, 11)),
        sparkLate(win(T(11, 55), T(12, 5)), T(12, 5), T(12, 11)),
      ],
    },
    ctx: spark(sliding, T(12, 11)),
    want: {
      headline: 'Dropped as late',
      details: [
        'Dropped as late: each of its windows ended at or before the watermark 12:11 in force for this batch (11:55–12:05: window_end 12:05 <= watermark 12:11; 12:00–12:10: window_end 12:10 <= watermark 12:11).',
        'Event time 12:02.',
        'Spark judges lateness per window, not per event: a window is closed to input once its end <= the watermark.',
        'Sliding windows of 10 min every 5 min overlap: this event belongs to 2 of them.',
        SPARK_WATERMARK_1211,
      ],
    },
  },
  {
    name: 'partly late: counted in a newer sliding window, too late for an older one',
    fate: {
      kind: 'counted',
      eventTime: T(12, 9),
      groups: [win(T(12, 5), T(12, 15))],
      late: [sparkLate(win(T(12, 0), T(12, 10)), T(12, 10), T(12, 11))],
    },
    ctx: spark(sliding, T(12, 11)),
    want: {
      headline: 'Counted in 12:05–12:15; too late for 12:00–12:10',
      details: [
        'Counted in 12:05–12:15; too late for 12:00–12:10 (ended 12:10 <= watermark 12:11): Spark judges lateness per window, not per event.',
        'Event time 12:09.',
        'Sliding windows of 10 min every 5 min overlap: this event belongs to 2 of them.',
        SPARK_WATERMARK_1211,
      ],
    },
  },
  {
    name: 'late by session_end <= watermark',
    fate: {
      kind: 'late',
      eventTime: T(12, 1),
      late: [
        {
          group: win(T(12, 1), T(12, 6), ['u1']),
          rule: 'session_end <= watermark',
          bound: T(12, 6),
          watermark: T(12, 11),
        },
      ],
    },
    ctx: spark(session, T(12, 11)),
    want: {
      headline: 'Dropped as late',
      details: [
        'Dropped as late: its own session 12:01–12:06 (event time + gap 5 min) ended at or before the watermark 12:11 in force for this batch (session_end 12:06 <= watermark 12:11).',
        'Event time 12:01; key: user_id = u1.',
        'Spark checks the session an event opens on its own, [t, t + gap), before any merging, in every output mode.',
        SPARK_WATERMARK_1211,
      ],
    },
  },
  {
    name: 'late by event_time <= watermark (grouped on the raw time column)',
    fate: {
      kind: 'late',
      eventTime: T(12, 4),
      late: [
        {
          group: { windowStart: null, windowEnd: null, key: [T(12, 4)] },
          rule: 'event_time <= watermark',
          bound: T(12, 4),
          watermark: T(12, 11),
        },
      ],
    },
    ctx: spark(rawTime, T(12, 11)),
    want: {
      headline: 'Dropped as late',
      details: [
        'Dropped as late: its event time 12:04 is at or before the watermark 12:11 in force for this batch (ts 12:04 <= watermark 12:11).',
        'Event time 12:04.',
        'Grouped on the raw event-time column, a row is late when its time <= the watermark.',
        SPARK_WATERMARK_1211,
      ],
    },
  },
  {
    name: 'counted in its window, which ends after the watermark',
    fate: {
      kind: 'counted',
      eventTime: T(12, 15),
      groups: [win(T(12, 10), T(12, 20), ['u1'])],
      late: [],
    },
    ctx: spark(tumbling, T(12, 11)),
    want: {
      headline: 'Counted in 12:10–12:20',
      details: [
        'Counted in 12:10–12:20: its window ends after the watermark 12:11 in force for this batch (window_end 12:20 > watermark 12:11).',
        'Event time 12:15; key: user_id = u1.',
        SPARK_WATERMARK_1211,
      ],
    },
  },
  {
    name: "counted under Spark's starting watermark 0",
    fate: {
      kind: 'counted',
      eventTime: T(12, 7),
      groups: [win(T(12, 5), T(12, 15)), win(T(12, 0), T(12, 10))],
      late: [],
    },
    ctx: { ...spark(sliding, 0), stepTitle: 'Batch 0' },
    want: {
      headline: 'Counted in 12:00–12:10 and 12:05–12:15',
      details: [
        'Counted in 12:00–12:10 and 12:05–12:15: each of its windows ends after the watermark 0 in force for this batch (earliest window_end 12:10 > watermark 0).',
        'Event time 12:07.',
        'Sliding windows of 10 min every 5 min overlap: this event belongs to 2 of them.',
        "Batch 0 ran with the watermark 0 (Spark's starting value); Spark sets it after each batch to the max event time seen − delay 10 min, and never moves it back.",
      ],
    },
  },
  {
    name: 'counted with no watermark',
    fate: { kind: 'counted', eventTime: T(12, 7), groups: [win(T(12, 0), T(12, 10))], late: [] },
    ctx: spark({ ...tumbling, groupBy: [], watermark: null, outputMode: 'complete' }, null),
    want: {
      headline: 'Counted in 12:00–12:10',
      details: [
        'Counted in 12:00–12:10: without a watermark Spark never drops data as late.',
        'Event time 12:07.',
      ],
    },
  },
  {
    name: 'counted in complete mode, which drops nothing as late',
    fate: { kind: 'counted', eventTime: T(12, 7), groups: [win(T(12, 0), T(12, 10))], late: [] },
    ctx: spark({ ...tumbling, groupBy: [], outputMode: 'complete' }, T(12, 11)),
    want: {
      headline: 'Counted in 12:00–12:10',
      details: [
        'Counted in 12:00–12:10: complete mode keeps every window and drops nothing as late.',
        'Event time 12:07.',
        SPARK_WATERMARK_1211,
      ],
    },
  },
  {
    name: 'counted in a session',
    fate: {
      kind: 'counted',
      eventTime: T(12, 14),
      groups: [win(T(12, 10), T(12, 19), ['u1'])],
      late: [],
    },
    ctx: spark(session, T(12, 11)),
    want: {
      headline: 'Counted in session 12:10–12:19',
      details: [
        'Counted in session 12:10–12:19: its own session 12:14–12:19 ends after the watermark 12:11 in force for this batch (session_end 12:19 > watermark 12:11).',
        'Event time 12:14; key: user_id = u1.',
        'Each event opens its own session [t, t + gap); sessions of one key that overlap or touch merge into one.',
        SPARK_WATERMARK_1211,
      ],
    },
  },
  {
    name: 'counted in a group on the raw event time',
    fate: {
      kind: 'counted',
      eventTime: T(12, 20),
      groups: [{ windowStart: null, windowEnd: null, key: [T(12, 20)] }],
      late: [],
    },
    ctx: spark(rawTime, T(12, 11)),
    want: {
      headline: 'Counted in group ts = 12:20',
      details: [
        'Counted in group ts = 12:20: its event time 12:20 is after the watermark 12:11 in force for this batch (ts 12:20 > watermark 12:11).',
        'Event time 12:20.',
        SPARK_WATERMARK_1211,
      ],
    },
  },
  {
    name: 'counted in a group with no window',
    fate: {
      kind: 'counted',
      eventTime: T(12, 20),
      groups: [{ windowStart: null, windowEnd: null, key: ['u1'] }],
      late: [],
    },
    ctx: spark({ time: 'ts', groupBy: ['user_id'], outputMode: 'update', aggregates: [] }, null),
    want: {
      headline: 'Counted in group user_id = u1',
      details: [
        'Counted in group user_id = u1: with no window the group never closes, and nothing is late for it.',
        'Event time 12:20; key: user_id = u1.',
      ],
    },
  },
  {
    name: 'filtered out',
    fate: { kind: 'filtered', field: 'event_type', expected: 'click', actual: 'view' },
    ctx: spark(tumbling, T(12, 11)),
    want: {
      headline: 'Filtered out',
      details: [
        'Filtered out: event_type is "view", the query keeps "click".',
        'The filter runs first: the event reaches no window and does not move the watermark.',
      ],
    },
  },
  {
    name: 'no event time (null)',
    fate: { kind: 'no-time', field: 'ts', value: null },
    ctx: spark(tumbling, T(12, 11)),
    want: {
      headline: 'No event time',
      details: [
        'No event time: field ts is null, so Spark drops it (a window needs a time).',
        'Without a time it does not move the watermark either.',
      ],
    },
  },
  {
    name: 'no event time (not a timestamp)',
    fate: { kind: 'no-time', field: 'ts', value: 'yesterday' },
    ctx: spark(tumbling, T(12, 11)),
    want: {
      headline: 'No event time',
      details: [
        'No event time: field ts is "yesterday", not a timestamp, so Spark drops it (a window needs a time).',
        'Without a time it does not move the watermark either.',
      ],
    },
  },
  {
    name: 'no session gap',
    fate: { kind: 'no-gap', eventTime: T(12, 3), gapMs: null },
    ctx: spark(
      {
        ...session,
        window: { type: 'session', gap: { field: 'device', map: { mobile: '1 minute' } } },
      },
      T(12, 11),
    ),
    want: {
      headline: 'No session gap',
      details: [
        'No session gap: the gap read from field device is missing or <= 0, so Spark drops it (a session needs a gap > 0).',
        'Event time 12:03.',
      ],
    },
  },
  {
    name: 'passed through a query without aggregation',
    fate: { kind: 'passed', eventTime: T(12, 3) },
    ctx: spark({ time: 'ts', outputMode: 'append', watermark: { delay: '1 minute' } }, 0),
    want: {
      headline: 'Passed through',
      details: [
        'Passed through: the query has no aggregation, so Spark outputs each event as it arrives.',
        'Event time 12:03.',
        'A watermark drops late rows only where Spark keeps state (aggregations); a plain selection keeps every row.',
      ],
    },
  },
  {
    name: 'dates appear when the times are on different days',
    fate: {
      kind: 'late',
      eventTime: Date.UTC(2023, 6, 30, 23, 58),
      late: [
        sparkLate(
          win(Date.UTC(2023, 6, 30, 23, 55), Date.UTC(2023, 6, 31, 0, 5)),
          Date.UTC(2023, 6, 31, 0, 5),
          Date.UTC(2023, 6, 31, 0, 7),
        ),
      ],
    },
    ctx: spark(
      {
        ...tumbling,
        groupBy: [],
        window: { type: 'tumbling', size: '10 minutes', offset: '5 minutes' },
      },
      Date.UTC(2023, 6, 31, 0, 7),
    ),
    want: {
      headline: 'Dropped as late',
      details: [
        'Dropped as late: its window 2023-07-30 23:55–2023-07-31 00:05 ended at or before the watermark 2023-07-31 00:07 in force for this batch (window_end 2023-07-31 00:05 <= watermark 2023-07-31 00:07).',
        'Event time 2023-07-30 23:58.',
        'Spark judges lateness per window, not per event: a window is closed to input once its end <= the watermark.',
        'Batch 3 ran with the watermark 2023-07-31 00:07; Spark sets it after each batch to the max event time seen − delay 10 min, and never moves it back.',
      ],
    },
  },
];

const FLINK_CASES: readonly Case[] = [
  {
    name: 'late, sent to the side output',
    fate: {
      kind: 'late',
      eventTime: S(2),
      late: [flinkLate(win(0, S(10)), S(10) - 1, S(15) - 1)],
      sideOutput: true,
    },
    ctx: flink(flinkTumbling, S(15) - 1),
    want: {
      headline: 'Late: sent to the side output',
      details: [
        'Late for window 00:00:00–00:00:10 (end − 1 + allowed lateness = 00:00:09.999 <= watermark 00:00:14.999): sent to the late side output.',
        'Event time 00:00:02.',
        flinkWatermark('00:00:14.999'),
        FLINK_RULES_0,
      ],
    },
  },
  {
    name: 'late, dropped with lateOutput off',
    fate: {
      kind: 'late',
      eventTime: S(2),
      late: [flinkLate(win(0, S(10)), S(10) - 1, S(15) - 1)],
      sideOutput: false,
    },
    ctx: flink({ ...flinkTumbling, lateOutput: false }, S(15) - 1),
    want: {
      headline: 'Late: dropped',
      details: [
        'Late for window 00:00:00–00:00:10 (end − 1 + allowed lateness = 00:00:09.999 <= watermark 00:00:14.999): dropped silently (lateOutput is off).',
        'Event time 00:00:02.',
        flinkWatermark('00:00:14.999'),
        FLINK_RULES_0,
      ],
    },
  },
  {
    name: 'late and in no window (slide > size)',
    fate: { kind: 'late', eventTime: S(7), late: [], sideOutput: true },
    ctx: flink(
      { ...flinkTumbling, window: { type: 'sliding', size: '5 seconds', slide: '10 seconds' } },
      S(30) - 1,
    ),
    want: {
      headline: 'Late: sent to the side output',
      details: [
        'Late: event time + allowed lateness = 00:00:07 <= watermark 00:00:29.999, and it falls in no window: sent to the late side output.',
        'Event time 00:00:07.',
        flinkWatermark('00:00:29.999'),
        FLINK_RULES_0,
      ],
    },
  },
  {
    name: 'in no window (slide > size)',
    fate: { kind: 'no-window', eventTime: S(7) },
    ctx: flink(
      { ...flinkTumbling, window: { type: 'sliding', size: '5 seconds', slide: '10 seconds' } },
      S(1) - 1,
    ),
    want: {
      headline: 'In no window',
      details: [
        'Falls in no window (slide 10 s > size 5 s): the windows leave gaps between them and its time is in one, so Flink drops it.',
        'Event time 00:00:07.',
      ],
    },
  },
  {
    name: 'counted before any watermark',
    fate: { kind: 'counted', eventTime: S(1), groups: [win(0, S(10))], late: [] },
    ctx: flink(flinkTumbling, null),
    want: {
      headline: 'Counted in 00:00:00–00:00:10',
      details: [
        'Counted in 00:00:00–00:00:10: no watermark yet (−∞), so nothing is late.',
        'Event time 00:00:01.',
        flinkWatermark('−∞ (none yet)'),
        FLINK_RULES_0,
      ],
    },
  },
  {
    name: 'counted within the allowed lateness: the window fires again',
    fate: { kind: 'counted', eventTime: S(9), groups: [win(0, S(10))], late: [] },
    ctx: flink({ ...flinkTumbling, allowedLateness: '2 seconds' }, S(11) - 1),
    want: {
      headline: 'Counted in 00:00:00–00:00:10',
      details: [
        'Counted in 00:00:00–00:00:10: not late (end − 1 + allowed lateness = 00:00:11.999 > watermark 00:00:10.999).',
        '00:00:00–00:00:10 had already fired (end − 1 = 00:00:09.999 <= watermark 00:00:10.999); within the allowed lateness of 2 s it takes the event and fires again at once.',
        'Event time 00:00:09.',
        flinkWatermark('00:00:10.999'),
        'A window fires when the watermark reaches end − 1; an element is late for it once end − 1 + allowed lateness (2 s) <= the watermark.',
      ],
    },
  },
  {
    name: 'partly late in sliding windows',
    fate: {
      kind: 'counted',
      eventTime: S(12),
      groups: [win(S(10), S(20))],
      late: [flinkLate(win(S(5), S(15)), S(15) - 1, S(16) - 1)],
    },
    ctx: flink(
      { ...flinkTumbling, window: { type: 'sliding', size: '10 seconds', slide: '5 seconds' } },
      S(16) - 1,
    ),
    want: {
      headline: 'Counted in 00:00:10–00:00:20; too late for 00:00:05–00:00:15',
      details: [
        'Counted in 00:00:10–00:00:20; too late for 00:00:05–00:00:15 (end − 1 + allowed lateness = 00:00:14.999 <= watermark 00:00:15.999): Flink judges lateness per window.',
        'Event time 00:00:12.',
        'Sliding windows of 10 s every 5 s overlap: this event belongs to 2 of them.',
        flinkWatermark('00:00:15.999'),
        FLINK_RULES_0,
      ],
    },
  },
  {
    name: 'filtered out (its time still counts toward the watermark)',
    fate: { kind: 'filtered', field: 'kind', expected: 'click', actual: null },
    ctx: flink({ ...flinkTumbling, filter: { kind: 'click' } }, null),
    want: {
      headline: 'Filtered out',
      details: [
        'Filtered out: kind is null, the query keeps "click".',
        "The filter runs after the source: the event reaches no window, but its time still counts toward the watermark (Flink's watermark generator sits at the source).",
      ],
    },
  },
  {
    name: 'no event time',
    fate: { kind: 'no-time', field: 'ts', value: null },
    ctx: flink(flinkTumbling, null),
    want: {
      headline: 'No event time',
      details: [
        'No event time: field ts is null, so Flink drops it (a window needs a time).',
        'Without a time it does not move the watermark either.',
      ],
    },
  },
];

describe('explainEvent', () => {
  it.each(SPARK_CASES)('Spark: $name', ({ fate, ctx, want }) => {
    expect(explainEvent(fate, ctx)).toEqual(want);
  });

  it.each(FLINK_CASES)('Flink: $name', ({ fate, ctx, want }) => {
    expect(explainEvent(fate, ctx)).toEqual(want);
  });

  it('covers every fate kind and every late rule', () => {
    const cases = [...SPARK_CASES, ...FLINK_CASES];
    const kinds = new Set(cases.map((c) => c.fate.kind));
    expect([...kinds].sort()).toEqual(
      ['counted', 'filtered', 'late', 'no-gap', 'no-time', 'no-window', 'passed'].sort(),
    );
    const rules = new Set(
      cases.flatMap((c) => ('late' in c.fate ? c.fate.late.map((d) => d.rule) : [])),
    );
    expect(rules.size).toBe(4);
  });

  it("explains the fates of a real run's trace", () => {
    const sim = new Simulation({
      semantics: 'spark',
      query: tumbling,
      input: {
        kind: 'batches',
        batches: [
          [
            { ts: T(12, 3), user_id: 'u1', event_type: 'click' },
            { ts: T(12, 4), user_id: 'u1', event_type: 'view' },
          ],
          [{ ts: T(12, 21), user_id: 'u2', event_type: 'click' }],
          [
            { ts: T(12, 5), user_id: 'u1', event_type: 'click' },
            { ts: null, user_id: 'u1', event_type: 'click' },
          ],
        ],
      },
    });
    const headlines: string[] = [];
    let first = '';
    for (let step = sim.step(); step !== null; step = sim.step()) {
      if (step.kind !== 'spark') throw new Error('a Spark run');
      const ctx = spark(tumbling, step.trace.watermarkBefore);
      for (const fate of step.trace.events) {
        const e = explainEvent(fate, { ...ctx, stepTitle: `Batch ${String(step.position - 1)}` });
        headlines.push(e.headline);
        if (fate.kind === 'late') first = e.details[0] ?? '';
      }
    }
    expect(headlines).toEqual([
      'Counted in 12:00–12:10',
      'Filtered out',
      'Counted in 12:20–12:30',
      'Dropped as late',
      'No event time',
    ]);
    // Batch 1's max 12:21 − 10 min moved the watermark to 12:11 for batch 2.
    expect(first).toBe(
      'Dropped as late: its window 12:00–12:10 ended at or before the watermark 12:11 in force for this batch (window_end 12:10 <= watermark 12:11).',
    );
  });
});
