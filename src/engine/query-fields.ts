// What every part of query parsing shares: the error that names a field, and the readers of a
// JSON object and a duration that report through it.
import { DurationError, parseDuration } from './duration';

export class QueryError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`query.${field}: ${problem}`);
  }
}

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A duration in ms; a bad one is a QueryError naming `field`. */
export function duration(value: unknown, field: string): number {
  try {
    return parseDuration(value);
  } catch (err) {
    if (err instanceof DurationError) throw new QueryError(field, err.message);
    throw err;
  }
}
