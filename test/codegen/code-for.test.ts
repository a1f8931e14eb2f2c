// codeForRaw at its edges: refused queries explain themselves, a bad query reports the engine's
// error, names that need quoting are quoted, and the Kafka hint follows the grouping.
import { describe, expect, it } from 'vitest';
import { codeForRaw } from '../../src/codegen';

const base = {
  time: 'ts',
  window: { type: 'tumbling', size: '1 minute' },
  groupBy: ['user id'],
  aggregates: [{ fn: 'count', as: 'count' }],
  watermark: { delay: '10 seconds' },
  outputMode: 'update',
};

describe('codeForRaw', () => {
  it('quotes names that are not plain identifiers or are reserved', () => {
    const out = codeForRaw(base, 'spark', 'quoted');
    if (!out.ok) throw new Error(out.error);
    const [py, flink, feldera] = out.code.programs;
    expect(py?.code).toContain('F.col("`user id`")');
    expect(flink?.code).toContain('`user id`');
    expect(flink?.code).toContain('COUNT(*) AS `count`');
    expect(feldera?.code).toContain('"user id" VARCHAR');
  });

  it('explains what Spark refuses instead of writing code', () => {
    const out = codeForRaw({ ...base, outputMode: 'append', watermark: null }, 'spark', 'x');
    if (!out.ok) throw new Error(out.error);
    expect(out.code.programs[0]?.code).toBeNull();
    expect(out.code.programs[0]?.reason).toMatch(/Append output mode not supported/);
  });

  it('reports a query the engine rejects', () => {
    const out = codeForRaw(
      { ...base, window: { type: 'sliding', size: '1 minute' } },
      'spark',
      'x',
    );
    expect(out).toEqual({ ok: false, error: expect.stringContaining('window.slide') as unknown });
  });

  it('suggests the first grouping field as the Kafka key', () => {
    const out = codeForRaw({ ...base, groupBy: ['user_id'] }, 'spark', 'x');
    if (!out.ok) throw new Error(out.error);
    expect(out.code.kafka.keyField).toBe('user_id');
    expect(out.code.kafka.commands.join('\n')).toContain('parse.key=true');
  });
});

describe('codeForRaw with per-key state', () => {
  it('says the state is not generated yet instead of writing a plain aggregation', () => {
    const out = codeForRaw(
      {
        time: 'ts',
        groupBy: ['user_id'],
        stateful: {
          function: 'running_total',
          field: 'amount',
          timeout: { kind: 'processing', duration: '30 seconds' },
        },
        outputMode: 'update',
      },
      'spark',
      'x',
    );
    if (!out.ok) throw new Error(out.error);
    expect(out.code.programs.map((p) => p.code)).toEqual([null, null, null]);
    expect(out.code.programs[0]?.reason).toContain('applyInPandasWithState');
  });
});
