import { describe, expect, it } from 'vitest';
import { ROWS_MORE, ROWS_SHOWN, rowWindow } from '../../src/ui/table-rows';

describe('rowWindow', () => {
  it.each([
    // total, limit → shown, hidden, more
    [0, ROWS_SHOWN, 0, 0, 0],
    [ROWS_SHOWN, ROWS_SHOWN, ROWS_SHOWN, 0, 0],
    [ROWS_SHOWN + 1, ROWS_SHOWN, ROWS_SHOWN, 1, 1],
    [8612, ROWS_SHOWN, ROWS_SHOWN, 8612 - ROWS_SHOWN, ROWS_MORE],
    [8612, Infinity, 8612, 0, 0],
    [10, -5, 0, 10, 10],
  ])('%i rows with a limit of %s', (total, limit, shown, hidden, more) => {
    expect(rowWindow(total, limit)).toEqual({ shown, hidden, more });
  });
});
