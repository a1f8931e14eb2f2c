import { describe, expect, it } from 'vitest';
import { FATE } from '../../src/worker/timeline';
import { Simulation } from '../../src/worker/simulation';

const query = {
  time: 'ts',
  window: { type: 'tumbling', size: '10 seconds' },
  groupBy: ['user'],
  aggregates: [{ fn: 'count', as: 'n' }],
  watermark: { delay: '5 seconds' },
  outputMode: 'append',
  filter: { kind: 'click' },
};
// Batch 0: a@1 s, b@3 s, a view (filtered). Watermark then 12 − 5 = 7 s? No: max is 3 s → 0 stays.
const batches = [
  [
    { ts: 1_000, user: 'a', kind: 'click' },
    { ts: 3_000, user: 'b', kind: 'click' },
    { ts: 2_000, user: 'a', kind: 'view' },
  ],
  [{ ts: 16_000, user: 'a', kind: 'click' }],
  [
    { ts: 4_000, user: 'b', kind: 'click' },
    { ts: null, user: 'c', kind: 'click' },
  ],
];

describe('timeline', () => {
  it('keeps every arrived event with its fate, and each window with its status', () => {
    const sim = new Simulation({ semantics: 'spark', query, input: { kind: 'batches', batches } });
    sim.seek(3);
    const t = sim.timeline();
    expect([...t.eventTime]).toEqual([1_000, 3_000, 2_000, 16_000, 4_000, Number.NaN]);
    expect([...t.step]).toEqual([0, 0, 0, 1, 2, 2]);
    // Batch 1's max 16 s moves the watermark to 11 s: [0, 10 s) closes in its no-data batch,
    // so b@4 s in batch 2 is late (10 s <= 11 s).
    expect([...t.fate]).toEqual([
      FATE.counted,
      FATE.counted,
      FATE.filtered,
      FATE.counted,
      FATE.late,
      FATE.unusable,
    ]);
    expect(t.keys).toEqual(['a', 'b']);
    expect([...t.keyIndex]).toEqual([0, 1, -1, 0, 1, -1]);
    expect(t.steps.map((s) => [s.watermarkBefore, s.watermarkAfter])).toEqual([
      [0, 0],
      [0, 11_000],
      [11_000, 11_000],
    ]);
    expect(t.windows.map((w) => [w.start, w.key, w.status, w.outputSteps])).toEqual([
      [0, 'a', 'emitted', [1]],
      [0, 'b', 'emitted', [1]],
      [10_000, 'a', 'open', []],
    ]);
  });

  it('forgets what a rewind undid, and records it again on replay', () => {
    const sim = new Simulation(
      { semantics: 'spark', query, input: { kind: 'batches', batches } },
      1,
    );
    sim.seek(3);
    const whole = sim.timeline();
    sim.seek(1);
    expect(sim.timeline().eventTime).toHaveLength(3);
    sim.seek(3);
    expect(sim.timeline()).toEqual(whole);
  });
});
