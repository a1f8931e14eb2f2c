// The columns of each input of a join: its time, its join keys, its declared fields, and the
// fields the aggregation after the join reads that belong to it (by the sample's `$input`).
import type { InputSpec, JoinSpec } from '../engine/join-types';
import type { Event, Query } from '../engine/types';
import { columnOf, fieldsRead, type Column } from './schema';

export interface JoinSide {
  readonly input: InputSpec;
  readonly keys: readonly string[];
  readonly columns: readonly Column[];
}

function eventsOf(input: InputSpec, sample: readonly Event[]): Event[] {
  return sample.filter((e) => e.$input === input.name);
}

/** Both sides' columns; a field the aggregation reads goes to the right only if its events hold it. */
export function joinSides(
  q: Query,
  spec: JoinSpec,
  sample: readonly Event[] = [],
): { left: JoinSide; right: JoinSide } {
  const leftEvents = eventsOf(spec.left, sample);
  const rightEvents = eventsOf(spec.right, sample);
  const leftKeys = spec.on.map(([l]) => l);
  const rightKeys = spec.on.map(([, r]) => r);
  const left = [spec.left.time, ...leftKeys, ...(spec.left.fields ?? [])];
  const right = [spec.right.time, ...rightKeys, ...(spec.right.fields ?? [])];
  for (const f of fieldsRead(q)) {
    if (left.includes(f) || right.includes(f)) continue;
    const onRight = rightEvents.some((e) => f in e) && !leftEvents.some((e) => f in e);
    (onRight ? right : left).push(f);
  }
  const columns = (names: string[], input: InputSpec, events: Event[]): Column[] =>
    [...new Set(names)].map((n) => columnOf(q, n, events, input.time));
  return {
    left: { input: spec.left, keys: leftKeys, columns: columns(left, spec.left, leftEvents) },
    right: { input: spec.right, keys: rightKeys, columns: columns(right, spec.right, rightEvents) },
  };
}

/** A Kafka topic for an input: its name, with characters a topic cannot hold as `_`. */
export function topicOf(input: InputSpec): string {
  return input.name.replace(/[^A-Za-z0-9._-]/g, '_') || 'input';
}
