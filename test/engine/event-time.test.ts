import { describe, expect, it } from 'vitest';
import { formatClock, formatTime, toEpochMs } from '../../src/engine/event-time';

describe('toEpochMs', () => {
  it.each([
    ['2023-07-30T12:07:00Z', 1690718820000],
    ['2023-07-30T12:07:00', 1690718820000],
    ['2023-07-30 12:07:00', 1690718820000],
    ['2023-07-30T14:07:00+02:00', 1690718820000],
    ['2023-07-30T12:07:00.250Z', 1690718820250],
    ['2023-07-30', 1690675200000],
    ['1970-01-01T00:00:00Z', 0],
    ['1969-12-31T23:59:59Z', -1000],
    [1690718820000, 1690718820000],
    [-5000, -5000],
    [1.9, 1],
    [-1.5, -2],
    ['1700000000000', 1700000000000],
  ])('%j is %d', (value, ms) => {
    expect(toEpochMs(value)).toBe(ms);
  });

  it.each([[null], [undefined], ['yesterday'], [true], [{}], [Number.NaN], [Infinity]])(
    '%j has no event time',
    (value) => {
      expect(toEpochMs(value)).toBeNull();
    },
  );
});

describe('formatTime', () => {
  it('prints UTC with milliseconds only when there are some', () => {
    expect(formatTime(1690718820000)).toBe('2023-07-30 12:07:00');
    expect(formatTime(1690718820250)).toBe('2023-07-30 12:07:00.250');
    expect(formatTime(-1000)).toBe('1969-12-31 23:59:59');
    expect(formatClock(1690718820000)).toBe('12:07:00');
  });
});
