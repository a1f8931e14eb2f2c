import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/storage';
import { JOIN_PRESETS } from '../../src/ui/join-presets';
import { RunManager, type RunSpec } from '../../src/worker/run-manager';
import { simulationInput } from '../../src/worker/run-moves';
import { exportScenario } from '../../src/worker/run-files';
import { Simulation, type Step } from '../../src/worker/simulation';

interface Scenario {
  query: Record<string, unknown>;
  batches: Record<string, unknown>[][];
  expected: { batches: { rows: unknown[]; watermark: number; stateRows: number }[] };
}
const load = (name: string): Scenario =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../scenarios', name), 'utf8')) as Scenario;
const ctr = load('spark-join-ctr-by-campaign.json');
const leftOuter = load('spark-join-left-outer-nulls.json');

const run = (s: Scenario, checkpointEvery = 10): Simulation =>
  new Simulation(
    { semantics: 'spark', query: s.query, input: { kind: 'batches', batches: s.batches } },
    checkpointEvery,
  );
const result = (s: Step | null): unknown => (s?.kind === 'spark' ? s.result : null);
const preset = (id: string): RunSpec => JOIN_PRESETS.find((p) => p.id === id)?.spec as RunSpec;

describe('join runs in the Simulation', () => {
  it('gives the CTR scenario its expected rows, watermark and state, batch by batch', () => {
    const sim = run(ctr);
    ctr.expected.batches.forEach((want) => {
      const step = sim.step();
      if (step?.kind !== 'spark') throw new Error('no spark step');
      expect(step.result.rows).toEqual(expect.arrayContaining(want.rows));
      expect(step.result.rows).toHaveLength(want.rows.length);
      expect(step.result.watermark).toBe(want.watermark);
      expect(step.result.stateRows).toBe(want.stateRows);
      expect(step.join?.sides.left.name).toBe('impressions');
    });
  });

  it('steps back and seeks through checkpoints (snapshot and restore) to the same results', () => {
    const straight = run(ctr);
    const expected = ctr.batches.map(() => straight.step());
    const sim = run(ctr, 1);
    sim.seek(4);
    expect(result(sim.back())).toEqual(result(expected[2] ?? null));
    expect(sim.back()?.kind === 'spark' && sim.current).toEqual(expected[1]);
    expect(result(sim.seek(1))).toEqual(result(expected[0] ?? null));
    expect(sim.seek(3)).toEqual(expected[2]);
  });

  it('reports each row the trace names with its event and arrival, and null rows when evicted', () => {
    const sim = run(leftOuter);
    sim.seek(2);
    const step = sim.current;
    if (step?.kind !== 'spark' || step.join === undefined) throw new Error('no join step');
    const evicted = step.join.trace.evictions.find((e) => e.nullRow);
    expect(evicted).toBeDefined();
    const row = step.join.rows.find((r) => r.id === evicted?.row.id);
    expect(row?.event.ad_id).toBe('a2');
    expect(row?.arrivedAt).toBe(0);
    expect(step.result.rows).toContainEqual(
      expect.objectContaining({ ad_id: 'a2', click_ad_id: null }),
    );
  });

  it('keeps each event in its lane with its own input time in the timeline', () => {
    const sim = run(ctr);
    sim.seek(1);
    const t = sim.timeline();
    expect(t.lanes).toEqual(['impressions', 'clicks']);
    expect([...t.lane]).toEqual([0, 0, 0, 1]);
    expect(t.eventTime[3]).toBe(Date.parse('2024-01-01T00:00:12Z'));
    expect(t.keys).toEqual(['impressions', 'clicks']);
  });

  it('replays the same input under a changed join (inner) and refuses a bad one unchanged', () => {
    const sim = run(ctr);
    sim.seek(4);
    const join = ctr.query.join as Record<string, unknown>;
    const inner = sim.setQuery({ ...ctr.query, join: { ...join, type: 'inner' } });
    expect(inner?.kind === 'spark' && inner.join?.joinType).toBe('inner');
    expect(() => sim.setQuery({ ...ctr.query, join: { ...join, on: [] } })).toThrow();
    expect(sim.position).toBe(4);
  });

  it('exports a join scenario with each event keeping its $input', () => {
    const text = exportScenario(run(ctr), 'ctr', ctr.query);
    const back = JSON.parse(text) as Scenario;
    expect(back.batches).toEqual(ctr.batches);
    expect(back.batches[0]?.[3]?.$input).toBe('clicks');
  });
});

describe('join runs on generated input', () => {
  it('takes the ad events as two inputs batched by the trigger, with their own delays', () => {
    const input = simulationInput(preset('join-ctr-generated'));
    if (input.kind !== 'arrivals') throw new Error('not arrivals');
    const names = new Set(input.events.map((e) => e.$input));
    expect(names).toEqual(new Set(['impressions', 'clicks']));
    const sim = new Simulation({
      semantics: 'spark',
      query: preset('join-ctr-generated').query,
      input,
    });
    sim.seek(Infinity);
    const joined = sim.history.reduce((n, h) => n + h.rows, 0);
    expect(joined).toBeGreaterThan(0);
    const t = sim.timeline();
    expect(t.lane.every((l) => l === 0 || l === 1)).toBe(true);
  });

  it('opens, steps and resumes a generated join run after a reload', async () => {
    const storage = new MemoryStorage();
    const runs = new RunManager(storage);
    await runs.open(preset('join-ctr-generated'), 'join-1');
    await runs.seek(12);
    const view = runs.view();
    const resumed = await new RunManager(storage).resume();
    expect(resumed?.position).toBe(12);
    expect(resumed?.step).toEqual(view.step);
    const compared = runs.compareWith({ ...view.query, watermarkPolicy: 'max' });
    expect(compared.compare?.step?.kind).toBe('spark');
  });
});
