import { describe, expect, it } from 'vitest';
import {
  chartDescription,
  chartSummary,
  eventName,
  tickFormat,
  watermarkText,
  windowId,
  windowName,
  windowValue,
} from '../../../src/ui/chart/chart-text';
import { rovingTarget } from '../../../src/ui/chart/roving';
import type { TimelineWindow } from '../../../src/worker/timeline';
import { timelineOf } from './fixtures';

const t10 = Date.UTC(2023, 6, 30, 10, 0, 0);

const win = (over: Partial<TimelineWindow>): TimelineWindow => ({
  start: t10,
  end: t10 + 60_000,
  key: 'user1',
  value: { window_start: t10, window_end: t10 + 60_000, user_id: 'user1', count: 2 },
  status: 'emitted',
  firstStep: 0,
  lastStep: 1,
  outputSteps: [1],
  ...over,
});

describe('event names', () => {
  it('say the time, the fate, the key and the step', () => {
    const t = timelineOf('spark');
    expect(eventName(t, 0, 'spark')).toBe('event at 00:00:01, counted, key a, batch 0');
    expect(eventName(t, 2, 'spark')).toBe('event at 00:00:02, filtered out, batch 0');
    expect(eventName(t, 4, 'spark')).toBe('event at 00:00:04, late, dropped, key b, batch 2');
    expect(eventName(t, 5, 'spark')).toBe('event with no event time, unusable, batch 2');
    expect(eventName(timelineOf('flink'), 4, 'flink')).toBe(
      'event at 00:00:04, late, not counted, key b, record 4',
    );
  });
});

describe('windows', () => {
  it('show their first aggregate after the key columns', () => {
    expect(windowValue(win({}))).toEqual({ name: 'count', text: '2', number: 2 });
    // A numeric key is not mistaken for the aggregate.
    expect(
      windowValue(
        win({ key: '7', value: { window_start: 0, window_end: 1, ad: 7, ctr: 0.33333 } }),
      ),
    ).toEqual({ name: 'ctr', text: '0.33', number: 0.33333 });
    expect(
      windowValue(win({ value: { window_start: 0, window_end: 1, user_id: 'u', r: null } })),
    ).toEqual({
      name: 'r',
      text: 'null',
      number: null,
    });
    expect(windowValue(win({ value: null }))).toBeNull();
  });

  it('are named with their span, key, value and status, and identified by start|end|key', () => {
    expect(windowName(win({}))).toBe('window 10:00:00–10:01:00, key user1, count 2, emitted');
    expect(windowName(win({ key: '', status: 'merged', value: null }))).toBe(
      'window 10:00:00–10:01:00, merged into another session',
    );
    expect(windowId(win({}))).toBe(`${String(t10)}|${String(t10 + 60_000)}|user1`);
  });
});

describe('watermarkText', () => {
  it.each([
    { ms: null, text: 'none yet' },
    { ms: Infinity, text: 'end of input (+∞)' },
    { ms: t10 + 30_500, text: '10:00:30.500' },
  ])('$ms → $text', ({ ms, text }) => {
    expect(watermarkText(ms)).toBe(text);
  });

  it('adds the date when the watermark is on another day than the events', () => {
    expect(watermarkText(0, false, t10)).toBe('1970-01-01 00:00:00');
    expect(watermarkText(t10, false, t10 + 1)).toBe('10:00:00');
  });
});

describe('summaries', () => {
  it('count the events by fate, the steps, the windows and give the watermark', () => {
    expect(chartSummary(timelineOf('spark'), 'spark')).toBe(
      'Event time against processing time: 6 events over 3 batches (3 counted, 1 late, dropped, ' +
        '1 filtered out, 1 unusable); 3 windows; watermark at 00:00:11.',
    );
    expect(chartSummary(timelineOf('flink'), 'flink')).toBe(
      'Event time against processing time: 6 events over 7 records (3 counted, 1 late, not counted, ' +
        '1 filtered out, 1 unusable); 3 windows; watermark at end of input (+∞).',
    );
    expect(chartSummary(timelineOf('spark', 0), 'spark')).toBe(
      'Event time against processing time: no batches run yet.',
    );
  });

  it('describe the current step and the windows', () => {
    expect(chartDescription(timelineOf('spark', 2), 'spark')).toBe(
      'Event time against processing time: 4 events over 2 batches (3 counted, 1 filtered out); ' +
        '3 windows; watermark at 00:00:11. The current batch 1 ran at 00:00:01 with 1 input ' +
        'element, watermark 00:00:00 before and 00:00:11 after. Windows: 2 emitted, 1 open.',
    );
  });
});

describe('tickFormat', () => {
  it.each([
    { step: 200, ms: t10, text: '10:00:00' },
    { step: 200, ms: t10 + 400, text: '.400' },
    { step: 5_000, ms: t10 + 20_000, text: '10:00:20' },
    { step: 60_000, ms: t10 + 60_000, text: '10:01' },
    { step: 86_400_000, ms: t10, text: '2023-07-30' },
  ])('ticks $step ms apart: $text', ({ step, ms, text }) => {
    expect(tickFormat(step)(ms)).toBe(text);
  });
});

describe('rovingTarget', () => {
  it.each([
    { key: 'ArrowRight', at: 0, to: 1 },
    { key: 'ArrowDown', at: 2, to: 2 },
    { key: 'ArrowLeft', at: 0, to: 0 },
    { key: 'ArrowUp', at: 2, to: 1 },
    { key: 'Home', at: 2, to: 0 },
    { key: 'End', at: 0, to: 2 },
    { key: 'a', at: 0, to: null },
  ])('$key from $at → $to', ({ key, at, to }) => {
    expect(rovingTarget(key, at, 3)).toBe(to);
  });

  it('has nowhere to go in an empty list', () => {
    expect(rovingTarget('ArrowRight', 0, 0)).toBeNull();
  });
});
