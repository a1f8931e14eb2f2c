import { describe, expect, it } from 'vitest';
import { rowsToCsv } from '../../src/ui/csv';

describe('rowsToCsv', () => {
  it('writes a header, ISO window bounds, nulls as empty and quotes where needed', () => {
    const csv = rowsToCsv([
      { window_start: 0, window_end: 60_000, user: 'a, b', count: 2, ctr: null },
      { window_start: 60_000, window_end: 120_000, user: 'say "hi"', count: 1, ctr: 0.5 },
    ]);
    expect(csv).toBe(
      [
        'window_start,window_start_iso,window_end,window_end_iso,user,count,ctr',
        '0,1970-01-01T00:00:00.000Z,60000,1970-01-01T00:01:00.000Z,"a, b",2,',
        '60000,1970-01-01T00:01:00.000Z,120000,1970-01-01T00:02:00.000Z,"say ""hi""",1,0.5',
        '',
      ].join('\r\n'),
    );
  });

  it('writes just an empty header line for no rows', () => {
    expect(rowsToCsv([])).toBe('\r\n');
  });
});
