// Durations as Spark and Flink write them ("5 minutes", "200 ms", "INTERVAL '5' MINUTE",
// "1 minute 30 seconds", "-100 ms"), parsed to integer milliseconds.

const MS_PER_UNIT: Readonly<Record<string, number>> = {
  ms: 1,
  milli: 1,
  millis: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
  week: 604_800_000,
  weeks: 604_800_000,
};

const SQL_INTERVAL = /^interval\s+'(-?\d+(?:\.\d+)?)'\s+([a-z]+)$/;
const PART = /^(-?\d+(?:\.\d+)?)\s*([a-z]+)$/;

export class DurationError extends Error {}

/**
 * Parses a duration to whole milliseconds. Accepts a number (taken as ms), "N unit" parts
 * ("1 minute 30 seconds", an optional leading "interval"), and SQL's "INTERVAL 'N' UNIT".
 * Throws DurationError naming what it could not read.
 */
export function parseDuration(input: unknown): number {
  if (typeof input === 'number') {
    if (Number.isInteger(input)) return input;
    throw new DurationError(`${String(input)} is not a whole number of milliseconds`);
  }
  if (typeof input !== 'string') {
    throw new DurationError(`expected a duration such as "5 minutes", got ${describe(input)}`);
  }
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ');
  const sql = SQL_INTERVAL.exec(text);
  if (sql) return toMs(sql[1] ?? '', sql[2] ?? '', input);

  const words = text.replace(/^interval /, '').split(' ');
  // Join "5" "minutes" pairs while also allowing "5minutes" and "200ms".
  const parts: string[] = [];
  for (const word of words) {
    const last = parts.length - 1;
    if (/^[a-z]+$/.test(word) && last >= 0 && /^-?\d+(?:\.\d+)?$/.test(parts[last] ?? '')) {
      parts[last] = `${parts[last] ?? ''}${word}`;
    } else {
      parts.push(word);
    }
  }
  if (parts.length === 0 || parts[0] === '') {
    throw new DurationError(`empty duration: write one such as "10 seconds"`);
  }
  let total = 0;
  for (const part of parts) {
    const m = PART.exec(part);
    if (!m) {
      throw new DurationError(
        `cannot read "${input}" as a duration: write a number and a unit, such as "10 seconds" or "200 ms"`,
      );
    }
    total += toMs(m[1] ?? '', m[2] ?? '', input);
  }
  return total;
}

function toMs(amount: string, unit: string, original: string): number {
  const perUnit = MS_PER_UNIT[unit];
  if (perUnit === undefined) {
    throw new DurationError(
      `unknown unit "${unit}" in "${original}": use ms, seconds, minutes, hours or days`,
    );
  }
  const ms = Number(amount) * perUnit;
  if (!Number.isInteger(ms)) {
    throw new DurationError(`"${original}" is not a whole number of milliseconds`);
  }
  return ms;
}

/** Formats ms the way Spark prints intervals: "10 minutes", "1 minute 30 seconds", "-100 ms". */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0 seconds';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const out: string[] = [];
  for (const [name, size] of [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
    ['second', 1000],
  ] as const) {
    if (rest >= size) {
      const n = Math.floor(rest / size);
      rest -= n * size;
      out.push(`${String(n)} ${name}${n === 1 ? '' : 's'}`);
    }
  }
  if (rest > 0) out.push(`${String(rest)} ms`);
  return sign + out.join(' ');
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
