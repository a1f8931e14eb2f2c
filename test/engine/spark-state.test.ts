// The per-key state driver: the memo runner's ask-and-retry protocol (runBatch stays atomic),
// the trace the page draws from (fates, calls, state table with deadlines), snapshots.
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/engine/query-parse';
import { SparkStateEngine } from '../../src/engine/spark-state';
import { StateFunctionError } from '../../src/engine/spark-state-phase';
import { builtinRunner } from '../../src/engine/state-builtins';
import { MemoStateRunner, StateCallsNeeded } from '../../src/engine/state-runner';
import type { StatefulSpec } from '../../src/engine/state-types';
import type { Event } from '../../src/engine/types';

const query = parseQuery(
  {
    time: 'ts',
    groupBy: ['k'],
    stateful: {
      function: 'running_total',
      field: 'n',
      timeout: { kind: 'event', duration: '10 seconds' },
    },
    watermark: { delay: '0 seconds' },
    outputMode: 'update',
  },
  'spark',
);
const spec = query.stateful as StatefulSpec;
const batches: Event[][] = [
  [
    { k: 'a', ts: 1000, n: 1 },
    { k: 'b', ts: 2000, n: 2 },
  ],
  [
    { k: 'a', ts: 30_000, n: 3 },
    { k: 'b', ts: 500, n: 9 },
  ],
  [],
  [{ k: 'c', ts: 31_000, n: 1 }],
];

/** Runs a batch through the memo runner, evaluating what it asks for with the built-in. */
function runWithMemo(engine: SparkStateEngine, memo: MemoStateRunner, batch: Event[]) {
  const real = builtinRunner(spec, 'ts');
  if (real === null) throw new Error('no built-in');
  for (let round = 0; ; round++) {
    try {
      return { out: engine.runBatch(batch), round };
    } catch (err) {
      if (!(err instanceof StateCallsNeeded)) throw err;
      memo.add(err.calls, real.run(err.calls));
    }
  }
}

describe('SparkStateEngine', () => {
  it('with the memo runner, asks for each phase and then answers as the built-in does', () => {
    const straight = new SparkStateEngine(query);
    const memo = new MemoStateRunner();
    const asked = new SparkStateEngine(query, { runner: memo });
    const rounds: number[] = [];
    for (const b of batches) {
      const { out, round } = runWithMemo(asked, memo, b);
      rounds.push(round);
      expect(out).toEqual(straight.runBatch(b));
    }
    // b0: data phase; b1: data phase, then the no-data batch's timeouts (b times out).
    expect(rounds[0]).toBe(1);
    expect(rounds[1]).toBe(2);
    expect(asked.snapshot()).toEqual(straight.snapshot());
  });

  it('leaves everything unchanged when the runner throws mid-batch', () => {
    const memo = new MemoStateRunner();
    const engine = new SparkStateEngine(query, { runner: memo });
    runWithMemo(engine, memo, batches[0] as Event[]);
    const before = JSON.stringify(engine.snapshot());
    expect(() => engine.runBatch(batches[1] as Event[])).toThrow(StateCallsNeeded);
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });

  it('reports a failing call as StateFunctionError naming the key', () => {
    const engine = new SparkStateEngine(query, {
      runner: {
        run: (calls) =>
          calls.map(() => ({ ok: false, name: 'TypeError', message: 'boom', line: 4 })),
      },
    });
    expect(() => engine.runBatch(batches[0] as Event[])).toThrow(StateFunctionError);
    expect(() => engine.runBatch(batches[0] as Event[])).toThrow(
      'update(key = "a") failed at line 4: TypeError: boom',
    );
    expect(engine.stateTable()).toEqual([]);
  });

  it('traces fates, calls with state before and after, and the state table with deadlines', () => {
    const engine = new SparkStateEngine(query, { trace: true });
    engine.runBatch(batches[0] as Event[]);
    const { trace, result } = engine.runBatch(batches[1] as Event[]);
    if (trace === null) throw new Error('no trace');
    expect(result.dropped).toBe(1);
    expect(trace.events).toEqual([
      { kind: 'given', key: ['a'], eventTime: 30_000 },
      {
        kind: 'late',
        key: ['b'],
        eventTime: 500,
        rule: 'event_time <= watermark',
        watermark: 2000,
      },
    ]);
    expect(trace.runs.map((r) => [r.kind, r.timeoutThreshold])).toEqual([
      ['data', 2000],
      ['no-data', 30_000],
    ]);
    const [a, b] = trace.calls;
    expect(a).toMatchObject({
      run: 0,
      key: ['a'],
      hasTimedOut: false,
      inputs: [0],
      before: { exists: true, value: 1, timeoutMs: 11_000 },
      after: { exists: true, value: 4, timeoutMs: 40_000 },
      change: 'updated',
      timeoutSet: 40_000,
    });
    expect(b).toMatchObject({
      run: 1,
      key: ['b'],
      hasTimedOut: true,
      after: null,
      change: 'removed',
    });
    expect(trace.state).toEqual([{ key: ['a'], exists: true, value: 4, timeoutMs: 40_000 }]);
  });

  it('restores a snapshot sent through JSON and continues as if never stopped', () => {
    const straight = new SparkStateEngine(query);
    const outs = batches.map((b) => straight.runBatch(b));
    for (let cut = 0; cut <= batches.length; cut++) {
      const first = new SparkStateEngine(query);
      batches.slice(0, cut).forEach((b) => first.runBatch(b));
      const second = new SparkStateEngine(query);
      second.restore(JSON.parse(JSON.stringify(first.snapshot())));
      batches.slice(cut).forEach((b, i) => expect(second.runBatch(b)).toEqual(outs[cut + i]));
    }
  });

  it('refuses a malformed snapshot and keeps its state', () => {
    const engine = new SparkStateEngine(query);
    engine.runBatch(batches[0] as Event[]);
    const snap = engine.snapshot();
    expect(() => engine.restore({ ...snap, rows: [{ key: 'a' }] })).toThrow('not a state row');
    expect(() => engine.restore({ version: 2 })).toThrow('not a Spark per-key state snapshot');
    expect(engine.snapshot()).toEqual(snap);
  });

  it('needs a runner for custom code', () => {
    const custom = parseQuery(
      {
        groupBy: ['k'],
        stateful: { function: 'custom', code: 'return [];' },
        outputMode: 'update',
      },
      'spark',
    );
    expect(() => new SparkStateEngine(custom)).toThrow('needs a runner');
  });
});
