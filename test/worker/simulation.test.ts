import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unitsOf } from '../../src/worker/run-input';
import { Simulation, type Step } from '../../src/worker/simulation';

const SHARED = resolve(import.meta.dirname, '../../../shared/scenarios');
const load = (name: string): { query: unknown; batches?: unknown[][]; stream?: unknown[] } =>
  JSON.parse(readFileSync(resolve(SHARED, name), 'utf8')) as { query: unknown };

const updateMode = load('spark-guide-watermark-update-mode.json');
const sparkRun = (checkpointEvery = 2): Simulation =>
  new Simulation(
    {
      semantics: 'spark',
      query: updateMode.query,
      input: { kind: 'batches', batches: updateMode.batches as never },
    },
    checkpointEvery,
  );

const resultOf = (s: Step | null): unknown =>
  s?.kind === 'spark' ? s.result : s?.kind === 'flink' ? s.emissions : null;

describe('Simulation', () => {
  it('steps through a scenario batch by batch and stops at the end', () => {
    const sim = sparkRun();
    expect(sim.length).toBe(4);
    const steps = [sim.step(), sim.step(), sim.step(), sim.step(), sim.step()];
    expect(steps.map((s) => (s?.kind === 'spark' ? s.result.watermark : null))).toEqual([
      0,
      1690718280000,
      1690718640000,
      1690719060000,
      null,
    ]);
    expect(sim.position).toBe(4);
    expect(sim.history.map((h) => h.stateRows)).toEqual(
      steps.slice(0, 4).map((s) => (s?.kind === 'spark' ? s.result.stateRows : -1)),
    );
  });

  it('steps back and seeks to the same results as a straight run', () => {
    const straight = sparkRun();
    const expected = [1, 2, 3, 4].map(() => resultOf(straight.step()));
    const sim = sparkRun();
    sim.seek(4);
    expect(resultOf(sim.back())).toEqual(expected[2]);
    expect(resultOf(sim.back())).toEqual(expected[1]);
    expect(resultOf(sim.seek(1))).toEqual(expected[0]);
    expect(resultOf(sim.seek(4))).toEqual(expected[3]);
    expect(resultOf(sim.seek(2))).toEqual(expected[1]);
    expect(sim.seek(0)).toBeNull();
    expect(sim.position).toBe(0);
  });

  it('replays the same input under a new query at the same position', () => {
    const sim = sparkRun();
    sim.seek(3);
    const complete = { ...(updateMode.query as object), outputMode: 'complete' };
    const step = sim.setQuery(complete);
    expect(sim.position).toBe(3);
    // Complete mode: every group in state, 12 rows after batch 2 (hand count: 8 emitted by batch 2 plus 4 unchanged).
    expect(step?.kind === 'spark' && step.result.rows.length).toBe(12);
  });

  it('keeps its query when a new one is refused', () => {
    const sim = sparkRun();
    sim.seek(2);
    expect(() =>
      sim.setQuery({ ...(updateMode.query as object), outputMode: 'append', watermark: null }),
    ).toThrow(/Append output mode not supported/);
    expect(resultOf(sim.step())).toEqual(
      resultOf(
        (() => {
          const s = sparkRun();
          s.seek(3);
          return s.current;
        })(),
      ),
    );
  });

  it('runs a Flink scenario record by record', () => {
    const tumble = load('flink-sql-tumble-bids.json');
    const sim = new Simulation({
      semantics: 'flink',
      query: tumble.query,
      input: { kind: 'stream', stream: tumble.stream as never },
    });
    let emitted = 0;
    for (let s = sim.step(); s !== null; s = sim.step())
      if (s.kind === 'flink') emitted += s.emissions.length;
    expect(emitted).toBe(
      (tumble as unknown as { expected: { emissions: unknown[] } }).expected.emissions.length,
    );
  });
});

describe('run input', () => {
  it('batches arrivals by the processing-time trigger and leaves out triggers that found no data', () => {
    const events = [
      { t: 5, at: 1_500 },
      { t: 1, at: 200 },
      { t: 2, at: 999 },
      { t: 3, at: 3_100 },
    ];
    const units = unitsOf(
      { kind: 'arrivals', events, arrivalField: 'at', triggerMs: 1000 },
      'spark',
    );
    expect(units.map((u) => [u.processingTime, u.events.map((e) => e.t)])).toEqual([
      [1000, [1, 2]],
      [2000, [5]],
      [4000, [3]],
    ]);
  });

  it('gives Flink the arrivals in order, then the end of the bounded input', () => {
    const units = unitsOf(
      {
        kind: 'arrivals',
        events: [
          { t: 2, at: 20 },
          { t: 1, at: 10 },
        ],
        arrivalField: 'at',
        triggerMs: 1000,
      },
      'flink',
    );
    expect(units.map((u) => u.events[0])).toEqual([
      { t: 1, at: 10 },
      { t: 2, at: 20 },
      { $end: true },
    ]);
  });

  it('turns Spark batches into one Flink stream ending with $end, and a Flink stream into one event per Spark batch', () => {
    expect(
      unitsOf({ kind: 'batches', batches: [[{ a: 1 }, { a: 2 }], [{ a: 3 }]] }, 'flink').map(
        (u) => u.events[0],
      ),
    ).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }, { $end: true }]);
    expect(
      unitsOf(
        { kind: 'stream', stream: [{ a: 1 }, { $watermark: 5 }, { a: 2 }, { $end: true }] },
        'spark',
      ).map((u) => u.events),
    ).toEqual([[{ a: 1 }], [{ a: 2 }]]);
  });
});
