// Per-key state in the worker: built-ins step directly; custom code stops a move with the calls
// it needs, and providing them (as the page's sandbox would) and retrying gives what a direct
// runner gives, through seeks back, checkpoints, query changes and resumes.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeStateRunner } from '../../src/cli/node-state-runner';
import { parseQuery } from '../../src/engine/query-parse';
import { SparkStateEngine } from '../../src/engine/spark-state';
import type { StatefulSpec } from '../../src/engine/state-types';
import { MemoryStorage, type JsonObject } from '../../src/storage';
import { RunManager, type RunSpec, type RunView } from '../../src/worker/run-manager';
import { Simulation } from '../../src/worker/simulation';
import { NeedsStateResults, StateMemos } from '../../src/worker/state-step';

const scenarioFile = (name: string): JsonObject =>
  JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../scenarios', name), 'utf8'),
  ) as JsonObject;

const seed = scenarioFile('spark-state-running-total-seed.json');

const CODE = `let total = state.exists ? state.get() : 0;
if (state.hasTimedOut) { state.remove(); return { total, expired: true }; }
for (const v of values) total += v.amount;
state.update(total);
state.setTimeoutDuration('25 seconds');
return { total, n: values.length };`;

const custom: JsonObject = {
  name: 'Custom totals',
  semantics: 'spark',
  query: {
    time: 'ts',
    groupBy: ['user'],
    stateful: { function: 'custom', code: CODE, timeout: { kind: 'processing' } },
    outputMode: 'update',
  },
  batchTimes: [0, 10000, 20000, 30000, 40000, 50000, 60000],
  batches: [
    [{ user: 'a', ts: 1000, amount: 5 }],
    [
      { user: 'b', ts: 2000, amount: 1 },
      { user: 'a', ts: 3000, amount: 2 },
    ],
    [],
    [{ user: 'b', ts: 4000, amount: 7 }],
    [],
    [],
    [{ user: 'a', ts: 9000, amount: 1 }],
  ],
};

const specOf = (scenario: JsonObject): RunSpec => ({
  name: String(scenario.name),
  semantics: 'spark',
  query: scenario.query as JsonObject,
  input: { kind: 'scenario', scenario },
});

function specOfCustom(): StatefulSpec {
  const spec = parseQuery(custom.query, 'spark').stateful;
  if (spec === null) throw new Error('not stateful');
  return spec;
}

/** The page's side: runs what a `needs` asks with node:vm and retries the move until it lands. */
async function settle(runs: RunManager, move: () => Promise<RunView>): Promise<RunView> {
  let attempt = move;
  for (let asks = 0; asks < 100; asks++) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof NeedsStateResults)) throw err;
      const runner = nodeStateRunner({ ...specOfCustom(), code: err.code });
      runs.provideStateResults(err.code, err.calls, runner.run(err.calls));
      const target = err.target;
      attempt = () => runs.seek(target);
    }
  }
  throw new Error('the move never settled');
}

/** Every batch's output of the custom scenario, run straight with a direct node:vm runner. */
function direct(): unknown[] {
  const q = parseQuery(custom.query, 'spark');
  const engine = new SparkStateEngine(q, { runner: nodeStateRunner(specOfCustom()) });
  const times = custom.batchTimes as number[];
  return (custom.batches as never[][]).map((b, i) => engine.runBatch(b, times[i]).result);
}

describe('per-key state in the worker', () => {
  it('steps a built-in at the scenario’s batch times, with the state trace', () => {
    const sim = new Simulation(
      {
        semantics: 'spark',
        query: seed.query,
        input: { kind: 'batches', batches: seed.batches as never, batchTimes: [0, 10000, 20000] },
      },
      2,
    );
    const totals = [1, 2, 3].map(() => {
      const step = sim.step();
      if (step?.kind !== 'spark' || step.state === undefined) throw new Error('no state trace');
      expect(step.trace.windows).toEqual([]);
      return step.state.state.find((r) => r.key[0] === 'user1')?.value;
    });
    expect(totals).toEqual([50, 80, 120]);
    expect(sim.processingTimeAt(2)).toBe(20000);
  });

  it('asks for custom calls, and after the answers gives what a direct runner gives', async () => {
    const runs = new RunManager(new MemoryStorage());
    await runs.open(specOf(custom), 'run-custom');
    await expect(runs.step()).rejects.toBeInstanceOf(NeedsStateResults);
    const results: unknown[] = [];
    for (let i = 0; i < 7; i++) {
      const view = await settle(runs, () => runs.step());
      results.push(view.step?.kind === 'spark' ? view.step.result : null);
    }
    expect(results).toEqual(direct());
    expect(results[0]).toMatchObject({ rows: [{ user: 'a', total: 5 }] });
    // Back and forth replays from checkpoints with the memo: no more asks.
    const back = await runs.seek(2);
    expect(back.step?.kind === 'spark' ? back.step.result : null).toEqual(direct()[1]);
    const end = await runs.seek(7);
    expect(end.step?.kind === 'spark' ? end.step.result : null).toEqual(direct()[6]);
  });

  it('replays from the start with new calls when the code changes', async () => {
    const runs = new RunManager(new MemoryStorage());
    await runs.open(specOf(custom), 'run-edit');
    await settle(runs, () => runs.seek(3));
    const query = custom.query as JsonObject;
    const edited = {
      ...query,
      stateful: { ...(query.stateful as object), code: 'return { twice: values.length * 2 };' },
    };
    const err = await runs.setQuery(edited).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NeedsStateResults);
    expect((err as NeedsStateResults).target).toBe(3);
    expect((err as NeedsStateResults).calls[0]).toMatchObject({ key: 'a', batchTimeMs: 0 });
    const view = await settle(runs, () => runs.seek(3));
    expect(view.position).toBe(3);
    expect(view.query).toEqual(edited);
    expect(view.step?.kind === 'spark' ? view.step.result.rows : null).toEqual([]);
  });

  it('keeps state in checkpoints: restoring one and stepping on equals never stopping', () => {
    const memos = new StateMemos();
    const run = (): Simulation =>
      new Simulation(
        {
          semantics: 'spark',
          query: seed.query,
          input: { kind: 'batches', batches: seed.batches as never },
        },
        1,
        memos,
      );
    const a = run();
    a.seek(2);
    const checkpoint = a.latestCheckpoint();
    expect(checkpoint?.snapshot).toMatchObject({ kind: 'state', rows: [{ value: 80 }, {}] });
    const b = run();
    const resumed = b.resumeFrom(2, checkpoint?.snapshot, checkpoint?.history ?? [], 3);
    expect(resumed).toEqual(a.step());
  });

  it('resumes a custom run after a reload by asking again, then lands where it was', async () => {
    const storage = new MemoryStorage();
    const first = new RunManager(storage);
    await first.open(specOf(custom), 'run-reload');
    const before = await settle(first, () => first.seek(5));
    const second = new RunManager(storage);
    const err = await second.resume().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NeedsStateResults);
    const after = await settle(second, () => second.seek((err as NeedsStateResults).target));
    expect(after.position).toBe(5);
    expect(after.step).toEqual(before.step);
  });
});
