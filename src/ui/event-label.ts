// A one-line label for an input event: its event time as a UTC clock, then its other fields.
import { formatClock, toEpochMs } from '../engine/event-time';

export interface EventLabel {
  /** "10:00:20", or the raw value when it is not a timestamp. */
  readonly time: string;
  /** The other fields' values, e.g. "user1 · click". */
  readonly rest: string;
}

/** `fields`: which other fields to show (the ones the query reads); all when null or empty. */
export function eventLabel(
  event: Readonly<Record<string, unknown>>,
  timeField: string,
  fields: readonly string[] | null = null,
): EventLabel {
  const ms = toEpochMs(event[timeField]);
  const shown = fields === null || fields.length === 0 ? null : new Set(fields);
  const rest = Object.entries(event)
    .filter(([key]) => key !== timeField && (shown === null || shown.has(key)))
    .map(([, value]) => (typeof value === 'string' ? value : JSON.stringify(value)))
    .join(' · ');
  return { time: ms === null ? String(event[timeField]) : formatClock(ms), rest };
}
