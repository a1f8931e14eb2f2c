import { describe, expect, it } from 'vitest';
import { DurationError, formatDuration, parseDuration } from '../../src/engine/duration';

describe('parseDuration', () => {
  it.each([
    ['5 minutes', 300_000],
    ['30 seconds', 30_000],
    ['1 second', 1000],
    ['1 hour', 3_600_000],
    ['2 days', 172_800_000],
    ['200 ms', 200],
    ['200ms', 200],
    ['10 milliseconds', 10],
    ['-100 ms', -100],
    ['-2 seconds', -2000],
    ['0 seconds', 0],
    ['1 minute 30 seconds', 90_000],
    ['interval 10 seconds', 10_000],
    ["INTERVAL '5' MINUTE", 300_000],
    ["INTERVAL '1' SECOND", 1000],
    ["interval '-3' hours", -10_800_000],
    ['1.5 seconds', 1500],
    ['  10   Minutes ', 600_000],
    [2500, 2500],
  ])('%j is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['5 parsecs', /unknown unit "parsecs".*use ms, seconds/],
    ['', /empty duration/],
    ['soon', /cannot read "soon" as a duration/],
    ['0.5 ms', /not a whole number of milliseconds/],
    [1.5, /not a whole number/],
    [null, /expected a duration such as "5 minutes", got null/],
    [undefined, /got nothing/],
  ])('refuses %j', (text, message) => {
    expect(() => parseDuration(text)).toThrow(DurationError);
    expect(() => parseDuration(text)).toThrow(message);
  });
});

describe('formatDuration', () => {
  it.each([
    [600_000, '10 minutes'],
    [90_000, '1 minute 30 seconds'],
    [1000, '1 second'],
    [-100, '-100 ms'],
    [0, '0 seconds'],
    [3_601_500, '1 hour 1 second 500 ms'],
  ])('%d ms is %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
