// KeyRings: ids for keys holding windows, given back once keys without windows outnumber the
// keys with them (and 1,024), so the table stays within twice the keys in state.
import { describe, expect, it } from 'vitest';
import { Aggregates } from '../../src/engine/aggregate';
import { groupKey } from '../../src/engine/group-key';
import {
  KeyRings,
  MADE,
  COUNTED,
  TOUCHED,
  type RingWindow,
} from '../../src/engine/spark-key-rings';
import type { Accumulator } from '../../src/engine/aggregate';

const COUNT = new Aggregates([{ fn: 'count', field: null, where: null, as: 'n' }], []);

const window = (id: number, width = 3) => ({ id, at: width * (id & 7) });

function countsOf(rings: KeyRings<RingWindow>, id: number, w: RingWindow): Accumulator {
  const into: Accumulator = [];
  rings.read(id, w, into);
  return into;
}

describe('KeyRings', () => {
  it('counts per key and window, and tells made, touched and counted apart', () => {
    const rings = new KeyRings(groupKey(['k']), true, 5, COUNT);
    const a = rings.of('a');
    const w = window(3);
    expect(rings.count(a, w, { k: 'a' }, 1)).toBe(MADE);
    expect(rings.count(a, w, { k: 'a' }, 1)).toBe(COUNTED);
    expect(rings.count(a, w, { k: 'a' }, 2)).toBe(TOUCHED);
    // Window 11 has window 3's place (11 mod 8 = 3): it spills, and both keep their counts.
    const w11 = window(11);
    expect(rings.count(a, w11, { k: 'a' }, 2)).toBe(MADE);
    expect([countsOf(rings, a, w), countsOf(rings, a, w11)]).toEqual([[3], [1]]);
    expect(rings.firstOf(a, w11)).toBe('a');
  });

  it('keeps a key that left its windows until the empty keys outnumber the rest', () => {
    const rings = new KeyRings(groupKey(['k']), true, 1, COUNT);
    const w = window(1);
    // 100 keys stay in state; 5,000 others each enter a window and leave it.
    for (let i = 0; i < 100; i++) rings.count(rings.of(`stay${String(i)}`), w, {}, 1);
    let most = 0;
    let last = -1;
    for (let i = 0; i < 5000; i++) {
      const id = (last = rings.of(`go${String(i)}`));
      rings.count(id, window(2), { k: `go${String(i)}` }, 1);
      rings.forget(id, window(2));
      most = Math.max(most, rings.ids.size);
    }
    // 100 holding + at most 1,025 listed before a sweep.
    expect(most).toBeLessThanOrEqual(100 + 1025);
    expect(most).toBeGreaterThan(1000);
    // A key that comes back before a sweep keeps its id, with no window in it.
    const back = rings.of('go4999');
    expect(back).toBe(last);
    expect(countsOf(rings, back, window(2))).toEqual([0]);
    for (let i = 0; i < 100; i++)
      expect(countsOf(rings, rings.of(`stay${String(i)}`), w)).toEqual([1]);
  });

  it('keeps several counts a window, each under its where, in the ring and in a spill', () => {
    const ctr = new Aggregates(
      [
        { fn: 'count', field: null, where: { kind: 'view' }, as: 'views' },
        { fn: 'count', field: 'dev', where: null, as: 'with_dev' },
        { fn: 'count', field: null, where: null, as: 'all' },
      ],
      [],
    );
    const rings = new KeyRings(groupKey(['k']), true, 1, ctr);
    const a = rings.of('a');
    // Width 5: window id, run, three counts. Window 9 spills (8 + 1 shares window 1's place).
    const w1 = window(1, 5);
    const w9 = window(9, 5);
    const events = [{ kind: 'view' }, { kind: 'click', dev: 'x' }, { kind: 'view', dev: null }];
    for (const e of events) rings.count(a, w1, e, 1);
    for (const e of events.slice(1)) rings.count(a, w9, e, 1);
    expect(countsOf(rings, a, w1)).toEqual([2, 1, 3]);
    expect(countsOf(rings, a, w9)).toEqual([1, 1, 2]);
  });

  it("starts small when a key's ring is long, and grows as keys come", () => {
    // A one-hour window sliding by a second: 3,600 windows an event, 4,096 places a key.
    const rings = new KeyRings(groupKey(['k']), true, 3600, COUNT);
    expect(rings.places).toBe(4096);
    expect(rings.slots.length * 8).toBeLessThanOrEqual(512 * 1024);
    const ids = Array.from({ length: 40 }, (_, i) => rings.of(`k${String(i)}`));
    ids.forEach((id, i) => {
      for (let j = 0; j <= i; j++) rings.count(id, window(i, 3), {}, 1);
    });
    expect(rings.slots.length).toBeGreaterThanOrEqual(40 * rings.stride);
    expect(ids.map((id, i) => countsOf(rings, id, window(i, 3))[0])).toEqual(
      ids.map((_, i) => i + 1),
    );
  });
});
