import { describe, expect, it } from 'vitest';
import { queryFields, stepView, tableColumns } from '../../src/ui/step-view';
import { Simulation } from '../../src/worker/simulation';
import scenario from '../../src/ui/demo-scenario.json';

describe('stepView', () => {
  it('names a Spark batch from 0 and lists the numbers that explain it', () => {
    const sim = new Simulation({
      semantics: 'spark',
      query: { ...scenario.query, watermark: { delay: '10 seconds' }, outputMode: 'update' },
      input: { kind: 'batches', batches: scenario.batches },
    });
    const step = sim.seek(2);
    if (step === null) throw new Error('no step');
    const view = stepView(step, 'update', ['window', 'user_id', 'count']);
    expect(view.title).toBe('Batch 1');
    expect(view.caption).toBe('Batch 1 output · update mode');
    // Batch 0's max is 10:00:20, so batch 1 runs with 10:00:10; batch 1's max 10:01:20 gives 10:01:10 next.
    expect(view.facts.slice(0, 2)).toEqual([
      { label: 'watermark in force', value: '2023-07-30 10:00:10' },
      { label: 'next watermark', value: '2023-07-30 10:01:10' },
    ]);
    expect(view.input).toHaveLength(2);
  });

  it('takes the header from the query, so an empty batch still shows its columns', () => {
    expect(tableColumns(scenario.query, 'spark')).toEqual(['window', 'user_id', 'count']);
    expect(
      tableColumns(
        { window: { type: 'none' }, groupBy: [], aggregates: [], outputMode: 'append' },
        'spark',
      ),
    ).toBeNull();
    expect(tableColumns({ window: { type: 'bogus' } }, 'spark')).toBeNull();
  });

  it('lists the fields a query reads for event labels', () => {
    expect(
      queryFields(
        {
          time: 'ts',
          groupBy: ['user'],
          filter: { kind: 'click' },
          aggregates: [{ fn: 'sum', field: 'price', where: { country: 'NL' } }],
        },
        'spark',
      ),
    ).toEqual(['user', 'kind', 'price', 'country']);
  });
});
