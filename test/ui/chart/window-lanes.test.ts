import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignLanes, placeWindows } from '../../../src/ui/chart/window-lanes';
import { slidingQuery, timelineOf } from './fixtures';

const w = (start: number, end: number, key?: string) => ({ start, end, ...(key ? { key } : {}) });

describe('assignLanes', () => {
  it.each([
    { name: 'nothing', items: [], lanes: [], count: 0 },
    {
      name: 'tumbling windows share a lane (end = next start)',
      items: [w(0, 10), w(10, 20), w(20, 30)],
      lanes: [0, 0, 0],
      count: 1,
    },
    {
      name: 'sliding windows alternate',
      items: [w(0, 10), w(5, 15), w(10, 20), w(15, 25)],
      lanes: [0, 1, 0, 1],
      count: 2,
    },
    {
      name: 'input order does not matter',
      items: [w(10, 20), w(5, 15), w(0, 10)],
      lanes: [0, 1, 0],
      count: 2,
    },
    {
      name: 'a gap frees a lane',
      items: [w(0, 30), w(5, 10), w(12, 20)],
      lanes: [0, 1, 1],
      count: 2,
    },
    { name: 'negative times', items: [w(-10, 0), w(-5, 5), w(0, 10)], lanes: [0, 1, 0], count: 2 },
  ])('$name', ({ items, lanes, count }) => {
    expect(assignLanes(items)).toEqual({ lanes, count, hidden: 0 });
  });

  it('keeps each key in its lane across tumbling windows', () => {
    const items = [w(10, 20, 'b'), w(0, 10, 'b'), w(0, 10, 'a'), w(10, 20, 'a')];
    expect(assignLanes(items).lanes).toEqual([1, 1, 0, 0]);
  });

  it('keeps a key in its lane when another key is missing from a window', () => {
    // b has no window at 10: c must not move up into b's lane there.
    const items = [w(0, 10, 'a'), w(0, 10, 'b'), w(0, 10, 'c'), w(10, 20, 'a'), w(10, 20, 'c')];
    expect(assignLanes(items)).toEqual({ lanes: [0, 1, 2, 0, 2], count: 3, hidden: 0 });
  });

  it('hides what does not fit in the allowed lanes, and windows without finite bounds', () => {
    const items = [w(0, 10), w(0, 10), w(0, 10), w(10, 20), w(NaN, 5), w(0, Infinity)];
    expect(assignLanes(items, 2)).toEqual({ lanes: [0, 1, -1, 0, -1, -1], count: 2, hidden: 3 });
  });

  it('never puts overlapping windows of a real run in one lane', () => {
    const windows = timelineOf('spark', Infinity, slidingQuery).windows;
    const items = windows.map((x) => ({ start: x.start ?? NaN, end: x.end ?? NaN }));
    const { lanes, count } = assignLanes(items);
    expect(count).toBe(2);
    items.forEach((a, i) =>
      items.forEach((b, j) => {
        if (i !== j && lanes[i] === lanes[j])
          expect(a.end <= b.start || b.end <= a.start).toBe(true);
      }),
    );
  });

  it('never overlaps two windows in a lane, and uses as many lanes as overlap at one instant', () => {
    const interval = fc
      .tuple(
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom('a', 'b', 'c'),
      )
      .map(([start, size, key]) => ({ start, end: start + size, key }));
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 40 }), (items) => {
        const { lanes, count, hidden } = assignLanes(items);
        expect(hidden).toBe(0);
        items.forEach((a, i) =>
          items.forEach((b, j) => {
            if (i < j && lanes[i] === lanes[j])
              expect(a.end <= b.start || b.end <= a.start).toBe(true);
          }),
        );
        const depth = Math.max(
          0,
          ...items.map((a) => items.filter((b) => b.start <= a.start && a.start < b.end).length),
        );
        expect(count).toBe(depth);
      }),
    );
  });

  it('places a run’s windows in reading order with their ids, leaving out unbounded ones', () => {
    const windows = timelineOf('spark').windows;
    const global = { ...windows[0], start: null, end: null } as (typeof windows)[number];
    const { placed, lanes, hidden } = placeWindows([...windows, global], 10);
    expect(placed.map((p) => [p.id, p.lane])).toEqual([
      ['0|10000|a', 0],
      ['0|10000|b', 1],
      ['10000|20000|a', 0],
    ]);
    expect([lanes, hidden]).toEqual([2, 1]);
    expect(placeWindows(windows, 1).hidden).toBe(1);
  });
});
