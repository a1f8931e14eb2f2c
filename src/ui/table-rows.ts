// How much of a long result table is rendered: the first ROWS_SHOWN rows, more on request. A
// batch of a big run outputs thousands of rows; rendering them all held the page for 100+ ms.

/** Rows a table renders before the learner asks for more. */
export const ROWS_SHOWN = 50;
/** Rows each "Show more" adds. */
export const ROWS_MORE = 200;

export interface RowWindow {
  /** Rows rendered (the first `shown` of the sorted body). */
  readonly shown: number;
  /** Rows left out. */
  readonly hidden: number;
  /** Rows the next "Show more" adds. */
  readonly more: number;
}

/** Of `total` rows with at most `limit` rendered: how many show, how many do not. */
export function rowWindow(total: number, limit: number): RowWindow {
  const shown = Math.min(total, Math.max(0, limit));
  const hidden = total - shown;
  return { shown, hidden, more: Math.min(hidden, ROWS_MORE) };
}
