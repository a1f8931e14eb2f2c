// The shape every restore*() returns, and the field readers they share: each reader returns the
// value when it is usable, or the default and a note saying which field was repaired.

/** A loaded record: usable (perhaps repaired, with what was repaired) or rejected (with why). */
export type Restored<T> =
  | { readonly ok: true; readonly value: T; readonly repairs: readonly string[] }
  | { readonly ok: false; readonly reason: string };

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function rejected(reason: string): { readonly ok: false; readonly reason: string } {
  return { ok: false, reason };
}

export function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}

export function isPosition(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/** Collects "field: what was wrong" notes while a record is read field by field. */
export class Repairs {
  readonly notes: string[] = [];

  /** `value` when `isGood(value)`, else `fallback` and a note naming the field. */
  field<T>(name: string, value: unknown, isGood: (v: unknown) => v is T, fallback: T): T {
    if (isGood(value)) return value;
    this.notes.push(`${name} was ${describe(value)}`);
    return fallback;
  }

  /** Like field(), but a missing value is not damage: the record predates the field. */
  optional<T>(name: string, value: unknown, isGood: (v: unknown) => v is T, fallback: T): T {
    return value === undefined ? fallback : this.field(name, value, isGood, fallback);
  }

  note(text: string): void {
    this.notes.push(text);
  }
}

/** A short, safe description of a bad value for a notice: never the whole value. */
export function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return v.length > 20 ? 'a long text' : JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return `a ${typeof v}`;
}

export const isString = (v: unknown): v is string => typeof v === 'string';
export const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
export const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isStringOrNull = (v: unknown): v is string | null => v === null || isString(v);
