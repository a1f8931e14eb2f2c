import { describe, expect, it } from 'vitest';
import { mergeSorted, sessionGap } from '../../src/engine/assign-session';

function merge(intervals: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  mergeSorted(
    intervals.map(([start, end]) => ({ start, end })),
    () => undefined,
    () => undefined,
    (start, end) => out.push([start, end]),
  );
  return out;
}

describe('session merging', () => {
  it('merges overlapping sessions and keeps the farthest end', () => {
    expect(
      merge([
        [0, 30],
        [10, 40],
        [20, 25],
      ]),
    ).toEqual([[0, 40]]);
  });

  it('merges sessions that touch (next start == current end)', () => {
    expect(
      merge([
        [0, 30],
        [30, 60],
      ]),
    ).toEqual([[0, 60]]);
  });

  it('keeps a gap of 1 ms apart', () => {
    expect(
      merge([
        [0, 30],
        [31, 61],
      ]),
    ).toEqual([
      [0, 30],
      [31, 61],
    ]);
  });

  it('lets one event bridge two sessions', () => {
    expect(
      merge([
        [0, 30],
        [25, 55],
        [50, 80],
      ]),
    ).toEqual([[0, 80]]);
  });
});

describe('session gaps', () => {
  it('reads a fixed gap, and has none when it is <= 0', () => {
    expect(sessionGap({ kind: 'fixed', gapMs: 30_000 })({})).toBe(30_000);
    expect(sessionGap({ kind: 'fixed', gapMs: 0 })({})).toBeNull();
  });

  it('looks a gap up by a field value, with a default', () => {
    const gapOf = sessionGap({
      kind: 'map',
      field: 'kind',
      gapsMs: new Map([
        ['hello', 1000],
        ['bye', -5],
      ]),
      defaultMs: 10_000,
    });
    expect(gapOf({ kind: 'hello' })).toBe(1000);
    expect(gapOf({ kind: 'other' })).toBe(10_000);
    expect(gapOf({})).toBe(10_000);
    expect(gapOf({ kind: 'bye' })).toBeNull();
    const noDefault = sessionGap({
      kind: 'map',
      field: 'kind',
      gapsMs: new Map(),
      defaultMs: null,
    });
    expect(noDefault({ kind: 'x' })).toBeNull();
  });

  it('reads a gap from a field as ms or as a duration', () => {
    const gapOf = sessionGap({ kind: 'field', field: 'gap' });
    expect(gapOf({ gap: 5000 })).toBe(5000);
    expect(gapOf({ gap: '5 seconds' })).toBe(5000);
    expect(gapOf({ gap: 0 })).toBeNull();
    expect(gapOf({ gap: -1 })).toBeNull();
    expect(gapOf({ gap: 'soon' })).toBeNull();
    expect(gapOf({})).toBeNull();
  });
});
