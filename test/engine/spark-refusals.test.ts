import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/engine/query-parse';
import { SparkAnalysisError } from '../../src/engine/spark-refusals';
import { SparkEngine } from '../../src/engine/spark';

const base = {
  time: 'ts',
  window: { type: 'tumbling', size: '10 seconds' },
  groupBy: ['user'],
  aggregates: [{ fn: 'count', as: 'n' }],
  watermark: { delay: '5 seconds' },
  outputMode: 'update',
};

const refusal = (raw: object): string => {
  try {
    new SparkEngine(parseQuery(raw, 'spark'));
  } catch (err) {
    expect(err).toBeInstanceOf(SparkAnalysisError);
    return (err as Error).message;
  }
  return 'accepted';
};

describe('queries Spark refuses', () => {
  it.each([
    [
      { ...base, outputMode: 'append', watermark: null },
      'Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark',
    ],
    [
      { ...base, outputMode: 'append', window: { type: 'none' } },
      'Append output mode not supported when there are streaming aggregations',
    ],
    [
      { ...base, aggregates: [], groupBy: [], window: { type: 'none' }, outputMode: 'complete' },
      'Complete output mode not supported when there are no streaming aggregations on streaming DataFrames/Datasets',
    ],
    [
      { ...base, window: { type: 'session', gap: '5 seconds' } },
      'Update output mode not supported for session window on streaming DataFrames/DataSets',
    ],
    [
      {
        ...base,
        window: { type: 'session', gap: '5 seconds' },
        groupBy: [],
        outputMode: 'complete',
      },
      'Global aggregation with session window in streaming query is not supported',
    ],
    [
      { ...base, aggregates: [{ fn: 'count_distinct', field: 'page', as: 'pages' }] },
      'Distinct aggregations are not supported on streaming DataFrames/Datasets. Consider using approx_count_distinct() instead.',
    ],
    [
      { ...base, window: { type: 'tumbling', size: '0 seconds' } },
      'The window duration (0 ms) must be greater than 0.',
    ],
    [
      { ...base, window: { type: 'sliding', size: '10 seconds', slide: '-1 second' } },
      'The slide duration (-1000 ms) must be greater than 0.',
    ],
    [
      { ...base, window: { type: 'sliding', size: '10 seconds', slide: '20 seconds' } },
      'The slide duration (20000 ms) must be less than or equal to the windowDuration (10000 ms).',
    ],
    [
      {
        ...base,
        window: { type: 'sliding', size: '10 seconds', slide: '5 seconds', offset: '-5 seconds' },
      },
      'The absolute value of start time (-5000 ms) must be less than the slideDuration (5000 ms).',
    ],
    [
      { ...base, watermark: { delay: '-1 second' } },
      'delay threshold (-1 second) should not be negative.',
    ],
  ])('refuses %j', (raw, message) => {
    expect(refusal(raw)).toContain(message);
  });

  it.each([
    [{ ...base, outputMode: 'append', window: { type: 'none' }, groupBy: ['ts', 'user'] }],
    [{ ...base, outputMode: 'complete', watermark: null }],
    [{ ...base, outputMode: 'append', window: { type: 'session', gap: '5 seconds' } }],
    [{ ...base, aggregates: [], groupBy: [], window: { type: 'none' }, outputMode: 'append' }],
    [
      {
        ...base,
        window: { type: 'sliding', size: '10 seconds', slide: '5 seconds', offset: '-4999 ms' },
      },
    ],
  ])('accepts %j', (raw) => {
    expect(refusal(raw)).toBe('accepted');
  });

  it('checks in Spark order: the window before the output mode', () => {
    expect(
      refusal({
        ...base,
        window: { type: 'tumbling', size: '0 seconds' },
        outputMode: 'append',
        watermark: null,
      }),
    ).toContain('window duration');
  });
});
