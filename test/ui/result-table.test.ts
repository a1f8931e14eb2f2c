import { describe, expect, it } from 'vitest';
import {
  cellText,
  formatWindow,
  numericColumns,
  resultColumns,
  rowKeys,
  tableBody,
} from '../../src/ui/result-table';

const minute = 60_000;
const t10 = Date.UTC(2023, 6, 30, 10, 0, 0);

describe('formatWindow', () => {
  it('writes start–end as UTC clocks', () => {
    expect(formatWindow(t10, t10 + minute)).toBe('10:00:00–10:01:00');
  });
});

describe('resultColumns', () => {
  it('puts the window first, then fields in first-seen order', () => {
    const rows = [
      { window_start: t10, window_end: t10 + minute, user_id: 'a', count: 1 },
      { window_start: t10, window_end: t10 + minute, user_id: 'b', count: 2, extra: true },
    ];
    expect(resultColumns(rows)).toEqual(['window', 'user_id', 'count', 'extra']);
  });

  it('has no window column when rows carry no window bounds', () => {
    expect(resultColumns([{ word: 'cat', count: 1 }])).toEqual(['word', 'count']);
  });

  it('is empty for no rows', () => {
    expect(resultColumns([])).toEqual([]);
  });
});

describe('cellText', () => {
  it.each([
    [{ x: null }, 'null'],
    [{}, 'null'],
    [{ x: 'text' }, 'text'],
    [{ x: 1.5 }, '1.5'],
    [{ x: false }, 'false'],
    [{ x: [1, 2] }, '[1,2]'],
  ])('shows %j as %s', (row, text) => {
    expect(cellText(row, 'x')).toBe(text);
  });
});

describe('tableBody', () => {
  it('sorts by window start, then by cells (numbers numerically)', () => {
    const rows = [
      { window_start: t10 + minute, window_end: t10 + 2 * minute, user_id: 'user1', count: 1 },
      { window_start: t10, window_end: t10 + minute, user_id: 'user10', count: 3 },
      { window_start: t10, window_end: t10 + minute, user_id: 'user2', count: 2 },
    ];
    expect(tableBody(rows, ['window', 'user_id', 'count'])).toEqual([
      ['10:00:00–10:01:00', 'user2', '2'],
      ['10:00:00–10:01:00', 'user10', '3'],
      ['10:01:00–10:02:00', 'user1', '1'],
    ]);
  });
});

describe('numericColumns', () => {
  it('marks a column numeric only when every cell is a number', () => {
    const body = [
      ['a', '1', '2.5'],
      ['b', '2', 'null'],
    ];
    expect(numericColumns(body, 3)).toEqual([false, true, false]);
  });

  it('marks nothing numeric in an empty table', () => {
    expect(numericColumns([], 2)).toEqual([false, false]);
  });
});

describe('rowKeys', () => {
  it('keys each row by its cells, in the rows’ own order, as the table body writes them', () => {
    const t = Date.UTC(2023, 6, 30, 10, 0, 0);
    const rows = [
      { window_start: t + 60_000, window_end: t + 120_000, user_id: 'b', count: 1 },
      { window_start: t, window_end: t + 60_000, user_id: 'a', count: null },
    ];
    const columns = ['window', 'user_id', 'count'];
    expect(rowKeys(rows, columns)).toEqual([
      '10:01:00–10:02:00\u0000b\u00001',
      '10:00:00–10:01:00\u0000a\u0000null',
    ]);
    expect(new Set(rowKeys(rows, columns))).toEqual(
      new Set(tableBody(rows, columns).map((cells) => cells.join('\u0000'))),
    );
  });
});
