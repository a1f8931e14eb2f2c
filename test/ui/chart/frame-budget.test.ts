import { describe, expect, it } from 'vitest';
import {
  FRAME_MS,
  MAX_SLICE_MS,
  MIN_SLICE_MS,
  nextSliceBudget,
  roomLeft,
  shouldShow,
} from '../../../src/ui/chart/frame-budget';

describe('nextSliceBudget', () => {
  it('starts at half the most a slice may take', () => {
    expect(nextSliceBudget(null, null)).toBe(MAX_SLICE_MS / 2);
    expect(nextSliceBudget(6, null)).toBe(MAX_SLICE_MS / 2);
  });
  it('grows back while frames keep time, up to the most', () => {
    expect(nextSliceBudget(4, FRAME_MS)).toBe(5);
    expect(nextSliceBudget(MAX_SLICE_MS, FRAME_MS)).toBe(MAX_SLICE_MS);
  });
  it('shrinks by how far the last frame overran, down to the least', () => {
    expect(nextSliceBudget(8, 3 * FRAME_MS)).toBeCloseTo(4);
    expect(nextSliceBudget(8, 100 * FRAME_MS)).toBe(MIN_SLICE_MS);
  });
});

describe('shouldShow', () => {
  it.each([
    [0, false, false],
    [119, false, false],
    [120, false, true],
    [0, true, true],
  ])('%i ms since the last put, done %s: %s', (since, done, show) => {
    expect(shouldShow(since, done)).toBe(show);
  });
});

describe('roomLeft', () => {
  it('takes what other work of the frame used off the budget, down to the least', () => {
    expect(roomLeft(8, 0)).toBe(8);
    expect(roomLeft(4, 2)).toBe(4);
    expect(roomLeft(8, 5)).toBe(3);
    expect(roomLeft(8, 30)).toBe(MIN_SLICE_MS);
    // A frame time read a little after the callback's own clock: nothing used.
    expect(roomLeft(6, -1)).toBe(6);
  });
});
