// The join driver's trace (what the page draws: fates, pairs, evictions, buffered state with
// bounds) and its snapshots (a bad one changes nothing).
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/engine/query-parse';
import { SparkJoinEngine } from '../../src/engine/spark-join';
import { SparkAnalysisError } from '../../src/engine/spark-refusals';

const query = (type: string): ReturnType<typeof parseQuery> =>
  parseQuery(
    {
      inputs: {
        imp: { time: 'it', watermark: { delay: '0 s' } },
        clk: { time: 'ct', watermark: { delay: '0 s' } },
      },
      join: {
        left: 'imp',
        right: 'clk',
        type,
        on: [['ad', 'cad']],
        between: { lower: '0 s', upper: '10 s' },
      },
      outputMode: 'append',
    },
    'spark',
  );

describe('join trace', () => {
  it('says what became of every input row, the pairs, the evictions and the state', () => {
    const engine = new SparkJoinEngine(query('leftOuter'), { trace: true });
    const b0 = engine.runBatch([
      { $input: 'imp', ad: 'a', it: 1000 },
      { $input: 'imp', ad: 'b', it: 2000 },
      { $input: 'clk', cad: 'a', ct: 5000 },
      { $input: 'nope', x: 1 },
      { $input: 'clk', cad: null, ct: 6000 },
      { $input: 'imp', ad: 'c' },
    ]);
    const t = b0.trace;
    expect(t?.events).toEqual([
      { kind: 'joined', side: 'left', eventTime: 1000, id: 0, matches: [], buffered: true },
      { kind: 'joined', side: 'left', eventTime: 2000, id: 1, matches: [], buffered: true },
      { kind: 'joined', side: 'right', eventTime: 5000, id: 2, matches: [0], buffered: true },
      { kind: 'unknown-input', value: 'nope' },
      { kind: 'null-key', side: 'right', field: 'cad' },
      { kind: 'no-time', field: 'it', value: null },
    ]);
    // G after the batch: min(2 s, 5 s) = 2 s; the no-data batch evicts nothing (left bound −8.001 s).
    expect(t?.watermarkAfter).toBe(2000);
    expect(t?.runs.map((r) => [r.run.kind, r.leftState, r.rightState])).toEqual([
      ['data', -10_001, -1],
      ['no-data', -8001, 1999],
    ]);
    expect(t?.joined).toEqual([{ left: 0, right: 2, run: 'data' }]);
    expect(t?.state.left.map((r) => [r.id, r.matched, r.evictAt, r.range])).toEqual([
      [0, true, 11_001, [1000, 11_000]],
      [1, false, 12_001, [2000, 12_000]],
    ]);
    expect(t?.state.right.map((r) => [r.id, r.evictAt, r.range])).toEqual([
      [2, 5001, [-5000, 5000]],
    ]);
    // B1 runs with G = 2 s; after it impressions are at 20 s, clicks at 30 s: G = 20 s.
    const b1 = engine.runBatch([
      { $input: 'clk', cad: 'z', ct: 30_000 },
      { $input: 'imp', ad: 'd', it: 20_000 },
    ]);
    expect(b1.trace?.watermarkAfter).toBe(20_000);
    // No-data at G = 20 s: left rows with time <= 9.999 s leave: a (matched), b (null row).
    expect(b1.trace?.evictions.map((e) => [e.row.id, e.nullRow, e.stateWatermark, e.run])).toEqual([
      [0, false, 9999, 'no-data'],
      [1, true, 9999, 'no-data'],
      [2, false, 19_999, 'no-data'],
    ]);
    expect(b1.result.rows).toEqual([{ ad: 'b', it: 2000, cad: null, ct: null }]);
    expect(b1.trace?.inputs).toEqual([
      { name: 'imp', maxEventTime: 20_000, watermark: 20_000 },
      { name: 'clk', maxEventTime: 30_000, watermark: 30_000 },
    ]);
  });
});

describe('join snapshots', () => {
  it('refuses a snapshot it did not write and keeps its state', () => {
    const engine = new SparkJoinEngine(query('inner'));
    engine.runBatch([{ $input: 'imp', ad: 'a', it: 1000 }]);
    const before = JSON.stringify(engine.snapshot());
    expect(() => engine.restore({ version: 1, semantics: 'spark', kind: 'join' })).toThrow(
      'not a Spark join engine snapshot',
    );
    const bad = { ...engine.snapshot(), left: [{ id: 'x' }] };
    expect(() => engine.restore(bad)).toThrow('not a Spark join engine snapshot');
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });

  it('refuses queries before it runs', () => {
    expect(() => new SparkJoinEngine(query('fullOuter'))).not.toThrow();
    const q = { ...query('inner'), outputMode: 'update' as const };
    expect(() => new SparkJoinEngine(q)).toThrow(SparkAnalysisError);
  });
});
