import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import BatchTable from '../../src/ui/BatchTable.svelte';
import { ROWS_MORE, ROWS_SHOWN } from '../../src/ui/table-rows';

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

  it('renders the first rows of a long table, then more, then all of them on request', async () => {
    const total = ROWS_SHOWN + ROWS_MORE + 7;
    const rows = Array.from({ length: total }, (_, i) => ({ user_id: `user${String(i)}`, n: i }));
    render(BatchTable, {
      caption: 'Batch 9 output · update mode',
      columns: ['user_id', 'n'],
      rows,
    });
    const table = screen.getByRole('table', { name: 'Batch 9 output · update mode' });
    const bodyRows = (): number => within(table).getAllByRole('row').length - 1;
    expect(bodyRows()).toBe(ROWS_SHOWN);
    expect(
      screen.getByText(`Showing ${String(ROWS_SHOWN)} of ${String(total)} rows.`),
    ).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: `Show ${String(ROWS_MORE)} more` }));
    expect(bodyRows()).toBe(ROWS_SHOWN + ROWS_MORE);
    await fireEvent.click(screen.getByRole('button', { name: `Show all ${String(total)} rows` }));
    expect(bodyRows()).toBe(total);
    expect(screen.queryByRole('button', { name: /Show all/ })).toBeNull();
    // The rows shown first are the first of the sorted body (user0, user1, user2, …).
    expect(within(table).getAllByRole('cell')[0]?.textContent).toBe('user0');
  });
});
