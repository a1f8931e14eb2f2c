// The grouping key of an event: one Map key (the value itself for a single field, a token for
// an object value, a JSON text for several) plus the values for the output row.
import type { Event } from './types';

export interface GroupKey {
  /** A value usable as a Map key; equal exactly when all grouping values are equal. */
  readonly keyOf: (event: Event) => unknown;
  readonly valuesOf: (event: Event) => unknown[];
  /** valuesOf(event)[0], without making the array. */
  readonly firstOf: (event: Event) => unknown;
  /** Whether valuesOf(event) would hold exactly `values` (Object.is, element by element). */
  readonly sameValues: (event: Event, values: readonly unknown[]) => boolean;
}

/**
 * One-field keys: a value is its own Map key, except an object, compared by value: its key is
 * a token, one per JSON text while any group holds it. Text, numbers and the rest never share
 * a key with an object then (a key made of text, such as the object's JSON with a prefix,
 * could be spelled by a text value), and the hot loops test nothing more for text keys. The
 * tokens are held weakly: one no group holds any more is collected, and its entry with it.
 */
class ObjectKey {
  constructor(readonly json: string) {}
}

const tokens = new Map<string, WeakRef<ObjectKey>>();
const forget = new FinalizationRegistry<string>((json) => {
  if (tokens.get(json)?.deref() === undefined) tokens.delete(json);
});

function tag(v: unknown): ObjectKey {
  const json = JSON.stringify(v);
  let token = tokens.get(json)?.deref();
  if (token === undefined) {
    token = new ObjectKey(json);
    tokens.set(json, new WeakRef(token));
    forget.register(token, json);
  }
  return token;
}

/**
 * One GroupKey per list of fields, shared by every engine grouping by them (they are pure): a
 * hot loop that inlined one engine's keyOf keeps it for the next (see compile-cache.ts).
 */
const shared = new Map<string, GroupKey>();

export function groupKey(fields: readonly string[]): GroupKey {
  const id = JSON.stringify(fields);
  let key = shared.get(id);
  if (key === undefined) {
    if (shared.size >= 256) shared.clear();
    shared.set(id, (key = makeGroupKey([...fields])));
  }
  return key;
}

function makeGroupKey(fields: readonly string[]): GroupKey {
  const [only] = fields;
  if (fields.length === 0) {
    return {
      keyOf: () => '',
      valuesOf: () => [],
      firstOf: () => undefined,
      sameValues: () => true,
    };
  }
  if (fields.length === 1 && only !== undefined) {
    return {
      keyOf: (e) => {
        const v = e[only] ?? null;
        return typeof v === 'object' && v !== null ? tag(v) : v;
      },
      valuesOf: (e) => [e[only] ?? null],
      firstOf: (e) => e[only] ?? null,
      sameValues: (e, values) => Object.is(e[only] ?? null, values[0]),
    };
  }
  return {
    // JSON keeps 1 and "1" apart and escapes every character, so distinct keys never collide.
    keyOf: (e) => JSON.stringify(fields.map((f) => e[f] ?? null)),
    valuesOf: (e) => fields.map((f) => e[f] ?? null),
    firstOf: (e) => e[fields[0] as string] ?? null,
    sameValues: (e, values) => fields.every((f, i) => Object.is(e[f] ?? null, values[i])),
  };
}

/** The Map key for stored key values (restoring a snapshot). */
export function keyOfValues(fields: readonly string[], values: readonly unknown[]): unknown {
  const event: Record<string, unknown> = {};
  fields.forEach((f, i) => (event[f] = values[i]));
  return groupKey(fields).keyOf(event);
}
