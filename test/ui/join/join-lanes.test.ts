import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  lanesLayout,
  laneRows,
  laneY,
  lateMarks,
  linkPath,
  matchLinks,
  paddedExtent,
  rangeOf,
  stateWatermarks,
} from '../../../src/ui/join/join-lanes';
import { explainInput, explainRow, rowLabel } from '../../../src/ui/join/join-why';
import { Simulation } from '../../../src/worker/simulation';
import type { JoinStep } from '../../../src/worker/join-run';

interface Scenario {
  query: unknown;
  batches: Record<string, unknown>[][];
}
const load = (name: string): Scenario =>
  JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../../scenarios', name), 'utf8'),
  ) as Scenario;

/** The join step at `position` (1-based) of a scenario, with its input and processing time. */
function stepAt(
  name: string,
  position: number,
): { join: JoinStep; input: readonly Record<string, unknown>[]; at: number } {
  const s = load(name);
  const sim = new Simulation({
    semantics: 'spark',
    query: s.query,
    input: { kind: 'batches', batches: s.batches },
  });
  const step = sim.seek(position);
  if (step?.kind !== 'spark' || step.join === undefined) throw new Error('no join step');
  return { join: step.join, input: step.input, at: step.processingTime };
}

describe('lanesLayout', () => {
  it('puts the left lane above the right one, labels beside them on a wide screen', () => {
    const l = lanesLayout(1000);
    expect(l.lanes[0].side).toBe('left');
    expect(l.lanes[0].bottom).toBeLessThan(l.lanes[1].top);
    expect(l.left).toBe(104);
    expect(l.right).toBe(986);
    expect(l.height).toBe(l.lanes[1].bottom + 8);
  });

  it('puts the names above the lanes on a phone, and is never narrower than 300 px', () => {
    const l = lanesLayout(200);
    expect(l.width).toBe(300);
    expect(l.narrow).toBe(true);
    expect(l.left).toBe(12);
    expect(l.lanes[0].top).toBeGreaterThan(lanesLayout(1000).lanes[0].top);
  });
});

describe('lane geometry', () => {
  it('pads an extent 5 % each side, a single instant by a second, and skips non-finite values', () => {
    expect(paddedExtent([0, 100, NaN])).toEqual([-5, 105]);
    expect(paddedExtent([50])).toEqual([-950, 1050]);
    expect(paddedExtent([Infinity])).toBeNull();
  });

  it('places arrivals inside the lane, earlier higher, clamped to its edges', () => {
    const box = { side: 'left' as const, top: 0, bottom: 100 };
    expect(laneY(box, 0, [0, 10])).toBe(10);
    expect(laneY(box, 10, [0, 10])).toBe(90);
    expect(laneY(box, 99, [0, 10])).toBe(90);
    expect(laneY(box, 5, [5, 5])).toBe(50);
  });

  it('draws a link as a curve from one lane to the other', () => {
    expect(linkPath(0, 10, 20, 50)).toBe('M0,10 C0,30 20,30 20,50');
  });
});

describe('rows of a join step', () => {
  it('marks held, evicted and null rows, with the range a held impression can still match', () => {
    const { join, at } = stepAt('spark-join-ctr-by-campaign.json', 3);
    const rows = laneRows(join, at);
    const byName = (id: string) => rows.find((r) => r.info.event.impression_id === id);
    expect(byName('i3')).toMatchObject({ state: 'evicted', nullRow: true });
    expect(byName('i2')).toMatchObject({ state: 'evicted', nullRow: false });
    const i6 = byName('i6');
    expect(i6).toMatchObject({ state: 'held', fresh: true });
    const t = Date.parse('2024-01-01T00:02:10Z');
    expect(i6 && rangeOf(i6)).toEqual([t, t + 30_000]);
    expect(stateWatermarks(join)).toEqual({
      left: 99_999 + 1704067200000,
      right: 129_999 + 1704067200000,
    });
  });

  it('links each match of the batch, and lists late rows per side with the watermark', () => {
    const { join } = stepAt('spark-join-ctr-by-campaign.json', 3);
    const links = matchLinks(join);
    expect(links).toHaveLength(1);
    const late = lateMarks(stepAt('spark-join-late-per-side.json', 3).join);
    expect(late.length).toBeGreaterThan(0);
    expect(late[0]?.eventTime).toBeLessThanOrEqual(late[0]?.watermark ?? -1);
  });
});

describe('join explanations', () => {
  it('says why a late row was dropped, with its time and the watermark', () => {
    const { join, input, at } = stepAt('spark-join-late-per-side.json', 3);
    const index = join.trace.events.findIndex((f) => f.kind === 'late');
    const e = explainInput(join, index, input, at);
    expect(e?.headline).toMatch(/^Dropped as late for the \w+ side$/);
    expect(e?.lines[0]).toMatch(/^dropped: its time \S+ is at or before the watermark \S+/);
  });

  it('says where a held row leaves and what it can still match, and names null rows', () => {
    const { join, at } = stepAt('spark-join-ctr-by-campaign.json', 3);
    const rows = laneRows(join, at);
    const i6 = rows.find((r) => r.info.event.impression_id === 'i6');
    if (!i6) throw new Error('no i6');
    const held = explainRow(join, i6, rowLabel(join, 'left', i6.info.event));
    expect(held.headline).toBe('Held in the impressions state');
    expect(held.lines.join(' ')).toContain('[00:02:10, 00:02:40]');
    const i3 = rows.find((r) => r.info.event.impression_id === 'i3');
    if (!i3) throw new Error('no i3');
    expect(explainRow(join, i3, 'i3').headline).toBe('Evicted with a null row');
    expect(rowLabel(join, 'left', i3.info.event)).toBe('impression · i3 · 00:00:30');
  });
});
