import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import BatchTable from '../../src/ui/BatchTable.svelte';

const t10 = Date.UTC(2023, 6, 30, 10, 0, 0);

describe('BatchTable', () => {
  it('is a table captioned with the batch and the output mode', () => {
    render(BatchTable, {
      caption: 'Batch 1 output · update mode',
      columns: ['window', 'user_id', 'count'],
      rows: [{ window_start: t10, window_end: t10 + 60_000, user_id: 'user1', count: 2 }],
    });
    const table = screen.getByRole('table', { name: /^Batch 1 output · update mode$/ });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    expect(headers).toEqual(['window', 'user_id', 'count']);
    const cells = within(table)
      .getAllByRole('cell')
      .map((td) => td.textContent);
    expect(cells).toEqual(['10:00:00–10:01:00', 'user1', '2']);
  });

  it('says so when a batch emits no rows', () => {
    render(BatchTable, {
      caption: 'Batch 0 output · append mode',
      columns: ['word', 'count'],
      rows: [],
    });
    expect(screen.getByRole('cell').textContent).toBe('no rows');
  });
});
