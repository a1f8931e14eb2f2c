// Reads one settings field at a time and collects what is wrong with each, as
// "field: what it must be, an example; what it got", so every problem is reported at once.

import { DurationError, formatDuration, parseDuration } from '../engine/duration';

export interface SettingsIssue {
  /** The field's path, e.g. "rate" or "arrival.maxDelay". */
  readonly field: string;
  /** Starts with the field; says what the value must be and what it was. */
  readonly message: string;
}

export interface NumberRule {
  readonly min: number;
  readonly max: number;
  readonly whole?: boolean;
}

export class SettingsReader {
  readonly errors: SettingsIssue[] = [];

  fail(field: string, problem: string): void {
    this.errors.push({ field, message: `${field}: ${problem}` });
  }

  show(value: unknown): string {
    return value === undefined ? 'nothing' : JSON.stringify(value);
  }

  /** A number in [min, max] (whole if asked); on a problem, reports it and returns min. */
  number(field: string, value: unknown, rule: NumberRule, example?: string): number {
    const ok =
      typeof value === 'number' &&
      value >= rule.min &&
      value <= rule.max &&
      (!rule.whole || Number.isInteger(value));
    if (ok) return value;
    const kind = rule.whole ? 'a whole number' : 'a number';
    const such = example === undefined ? '' : `, such as ${example}`;
    this.fail(
      field,
      `must be ${kind} from ${String(rule.min)} to ${String(rule.max)}${such}; got ${this.show(value)}`,
    );
    return rule.min;
  }

  probability(field: string, value: unknown): number {
    return this.number(field, value, { min: 0, max: 1 }, '0.25');
  }

  /** A duration ("30 seconds", "200 ms" or whole ms) in [minMs, maxMs]. */
  duration(field: string, value: unknown, minMs: number, maxMs: number): number {
    let ms: number;
    try {
      ms = parseDuration(value);
    } catch (e) {
      if (!(e instanceof DurationError)) throw e;
      this.fail(field, `${e.message} (such as "30 seconds")`);
      return minMs;
    }
    if (ms < minMs || ms > maxMs) {
      const range = `${formatDuration(minMs)} and ${formatDuration(maxMs)}`;
      this.fail(field, `must be between ${range}; got ${this.show(value)}`);
      return minMs;
    }
    return ms;
  }

  /** A nested settings object (absent: empty), its unknown keys reported. */
  object(
    field: string,
    value: unknown,
    keys: readonly string[],
  ): Readonly<Record<string, unknown>> {
    if (value === undefined) return {};
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.fail(field, `must be an object with ${keys.join(', ')}; got ${this.show(value)}`);
      return {};
    }
    const record = value as Readonly<Record<string, unknown>>;
    this.unknownKeys(record, keys, `${field}.`);
    return record;
  }

  /** Reports each key not in `allowed`, suggesting the closest allowed one. */
  unknownKeys(record: object, allowed: readonly string[], prefix: string): void {
    for (const key of Object.keys(record)) {
      if (allowed.includes(key)) continue;
      const near = closest(key, allowed);
      const hint = near === null ? `known: ${allowed.join(', ')}` : `did you mean ${near}?`;
      this.fail(`${prefix}${key}`, `unknown setting: ${hint}`);
    }
  }
}

/** The allowed key within edit distance 2 of `key` (case ignored), if any. */
function closest(key: string, allowed: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of allowed) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(
        Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
      );
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}
