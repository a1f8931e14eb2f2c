// Session windows: each event opens [t, t + gap); sessions of one key that overlap or touch
// (next.start <= current.end) merge, so one event can bridge two sessions already stored.
import { DurationError, parseDuration } from './duration';
import type { Event, SessionGap } from './types';

/** The gap of one event in ms, or null when it has none (missing, unreadable, or <= 0). */
export type GapOf = (event: Event) => number | null;

export function sessionGap(gap: SessionGap): GapOf {
  const positive = (ms: number | null | undefined): number | null =>
    ms !== null && ms !== undefined && ms > 0 ? ms : null;
  switch (gap.kind) {
    case 'fixed': {
      const ms = positive(gap.gapMs);
      return () => ms;
    }
    case 'map':
      return (e) => {
        const v = e[gap.field];
        const ms =
          v === undefined || v === null
            ? undefined
            : gap.gapsMs.get(typeof v === 'string' ? v : JSON.stringify(v));
        return positive(ms ?? gap.defaultMs);
      };
    case 'field': {
      const parsed = new Map<string, number | null>();
      return (e) => {
        const v = e[gap.field];
        if (typeof v === 'number') return Number.isInteger(v) ? positive(v) : null;
        if (typeof v !== 'string') return null;
        let ms = parsed.get(v);
        if (ms === undefined) {
          try {
            ms = parseDuration(v);
          } catch (err) {
            if (!(err instanceof DurationError)) throw err;
            ms = null;
          }
          parsed.set(v, ms);
        }
        return positive(ms);
      };
    }
  }
}

/** Something with a time range that can take part in a merge. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

/**
 * Merges intervals sorted by start into maximal runs where each next start <= the run's end so
 * far; calls `open` for the first interval of a run and `join` for each later one. Returns the
 * runs' bounds in order.
 */
export function mergeSorted<T extends Interval>(
  sorted: readonly T[],
  open: (first: T) => void,
  join: (next: T) => void,
  close: (start: number, end: number) => void,
): void {
  let start = 0;
  let end = 0;
  let isOpen = false;
  for (const item of sorted) {
    if (isOpen && item.start <= end) {
      if (item.end > end) end = item.end;
      join(item);
    } else {
      if (isOpen) close(start, end);
      start = item.start;
      end = item.end;
      isOpen = true;
      open(item);
    }
  }
  if (isOpen) close(start, end);
}
