import { describe, expect, it } from 'vitest';
import { placeWindows } from '../../src/ui/chart/window-lanes';
import type { TimelineWindow } from '../../src/worker/timeline';
import { byPlace } from '../../src/worker/timeline-summary';
import { STRIP_LANES, stripWindows } from '../../src/worker/window-lanes';

/** A small seeded generator (mulberry32): the same windows every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function windows(seed: number, n: number): TimelineWindow[] {
  const next = random(seed);
  return Array.from({ length: n }, (): TimelineWindow => {
    const start = Math.floor(next() * 200) * 1000;
    return {
      start,
      end: start + (1 + Math.floor(next() * 30)) * 1000,
      key: `user${String(Math.floor(next() * 40))}`,
      value: null,
      status: 'open',
      firstStep: 0,
      lastStep: 0,
      outputSteps: [],
    };
  }).sort(byPlace);
}

describe('stripWindows', () => {
  it.each([1, 2, 3, 4, 5])(
    'keeps every window the strip shows, in the same lane, at both widths (seed %i)',
    (seed) => {
      const all = windows(seed, 3000);
      const sent = stripWindows(all);
      expect(sent.length).toBeLessThan(all.length);
      for (const lanes of [STRIP_LANES.narrow, STRIP_LANES.wide]) {
        const full = placeWindows(all, lanes, true);
        const part = placeWindows(sent, lanes, true);
        expect(part.placed).toEqual(full.placed);
        expect(part.lanes).toBe(full.lanes);
        // The windows not sent are ones the strip hid.
        expect(part.hidden + all.length - sent.length).toBe(full.hidden);
      }
    },
  );

  it('keeps all of a few windows that fit', () => {
    const few = windows(9, 5).map((w, k) => ({ ...w, start: k * 10_000, end: k * 10_000 + 5000 }));
    expect(stripWindows(few)).toEqual(few);
  });
});
