// A one-line label for an input event: its event time as a UTC clock, then its other fields; an
// event without a time (a query with no `time`, or the field missing) shows all its fields, named.
import { formatClock, toEpochMs } from '../engine/event-time';

export interface EventLabel {
  /** "10:00:20", the raw value when it is not a timestamp, or "" when the event has no time. */
  readonly time: string;
  /** The other fields' values, e.g. "user1 · click" ("userId user1 · amount 50" without a time). */
  readonly rest: string;
}

const text = (value: unknown): string =>
  typeof value === 'string' ? value : JSON.stringify(value);

/** `fields`: which other fields to show (the ones the query reads); all when null or empty. */
export function eventLabel(
  event: Readonly<Record<string, unknown>>,
  timeField: string | null | undefined,
  fields: readonly string[] | null = null,
): EventLabel {
  if (!timeField || event[timeField] === undefined) {
    const rest = Object.entries(event)
      .map(([key, value]) => `${key} ${text(value)}`)
      .join(' · ');
    return { time: '', rest };
  }
  const ms = toEpochMs(event[timeField]);
  const shown = fields === null || fields.length === 0 ? null : new Set(fields);
  const rest = Object.entries(event)
    .filter(([key]) => key !== timeField && (shown === null || shown.has(key)))
    .map(([, value]) => text(value))
    .join(' · ');
  return { time: ms === null ? text(event[timeField]) : formatClock(ms), rest };
}

/**
 * The event-time field of `event` under `query`: in a query with several inputs, the time of the
 * event's own input (`inputs[event.$input].time`); otherwise the query's `time`.
 */
export function timeFieldFor(
  query: Readonly<Record<string, unknown>>,
  event: Readonly<Record<string, unknown>>,
): string | null {
  const inputs = query.inputs;
  const name = event.$input;
  if (typeof inputs === 'object' && inputs !== null && typeof name === 'string') {
    const spec: unknown = (inputs as Record<string, unknown>)[name];
    if (typeof spec === 'object' && spec !== null) {
      const time = (spec as Record<string, unknown>).time;
      if (typeof time === 'string') return time;
    }
  }
  return typeof query.time === 'string' ? query.time : null;
}

/** The label as one line of text: "10:00:20 · user1 · click". */
export function labelText(label: EventLabel): string {
  return [label.time, label.rest].filter((part) => part !== '').join(' · ');
}
