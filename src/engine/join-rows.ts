// What a join reads from and writes to rows: each side's join key, the time-range condition and
// the joined row (both sides' fields; the side that did not match is null in outer joins).
import { toEpochMs } from './event-time';
import { groupKey } from './group-key';
import type { InputSpec, JoinSide, JoinSpec } from './join-types';
import type { Event, Row } from './types';

/** Reads one side's key and times. */
export interface SideReader {
  readonly input: InputSpec;
  readonly keyFields: readonly string[];
  /** A Map key equal across sides exactly when all key values are equal. */
  readonly keyOf: (event: Event) => unknown;
  /** The first key field holding null (such a row can never match), or null. */
  readonly nullKeyField: (event: Event) => string | null;
  readonly timeOf: (event: Event) => number | null;
  /** The fields a null row gives this side when it did not match. */
  readonly nullFields: readonly string[];
}

function timeReader(field: string): (event: Event) => number | null {
  return (e) => {
    const raw = e[field];
    return typeof raw === 'number' && Number.isInteger(raw) ? raw : toEpochMs(raw);
  };
}

export function sideReader(spec: JoinSpec, side: JoinSide): SideReader {
  const input = side === 'left' ? spec.left : spec.right;
  const keyFields = spec.on.map((pair) => (side === 'left' ? pair[0] : pair[1]));
  const key = groupKey(keyFields);
  return {
    input,
    keyFields,
    keyOf: key.keyOf,
    nullKeyField: (e) => keyFields.find((f) => (e[f] ?? null) === null) ?? null,
    timeOf: timeReader(input.time),
    nullFields: input.fields ?? [input.time, ...keyFields],
  };
}

/** The time-range condition: right time within [left time + lower, left time + upper]. */
export function inRange(spec: JoinSpec, leftTime: number, rightTime: number): boolean {
  const b = spec.between;
  return b === null || (rightTime >= leftTime + b.lowerMs && rightTime <= leftTime + b.upperMs);
}

function copyInto(row: Row, event: Event, fields: readonly string[] | null): void {
  if (fields !== null) {
    for (const f of fields) if (!(f in row)) row[f] = event[f] ?? null;
    return;
  }
  for (const f in event) if (f !== '$input' && !(f in row)) row[f] = event[f];
}

function nullsInto(row: Row, reader: SideReader): void {
  for (const f of reader.nullFields) if (!(f in row)) row[f] = null;
}

/**
 * A joined row. A field both sides carry appears once: the left side's value in a matched row,
 * the present side's value in a null row (as a USING join coalesces its key).
 */
export function joinedRow(
  left: Event | null,
  right: Event | null,
  l: SideReader,
  r: SideReader,
): Row {
  const row: Row = {};
  if (left !== null) copyInto(row, left, l.input.fields);
  if (right !== null) copyInto(row, right, r.input.fields);
  if (left === null) nullsInto(row, l);
  if (right === null) nullsInto(row, r);
  return row;
}

/** A left semi join's output: the left row alone. */
export function semiRow(left: Event, l: SideReader): Row {
  const row: Row = {};
  copyInto(row, left, l.input.fields);
  return row;
}
