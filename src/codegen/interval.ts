// Durations as a person writes them: "10 minutes" for Spark, INTERVAL '10' MINUTE for SQL.
// The largest unit that divides the duration exactly is used, so 90 s stays "90 seconds".

const UNITS = [
  ['day', 'DAY', 86_400_000],
  ['hour', 'HOUR', 3_600_000],
  ['minute', 'MINUTE', 60_000],
  ['second', 'SECOND', 1000],
] as const;

/** Spark's interval string: "1 minute", "30 seconds", "-2 seconds", "1500 milliseconds". */
export function sparkInterval(ms: number): string {
  if (ms === 0) return '0 seconds';
  const abs = Math.abs(ms);
  for (const [name, , size] of UNITS) {
    if (abs >= size && abs % size === 0) {
      const n = ms / size;
      return `${String(n)} ${name}${Math.abs(n) === 1 ? '' : 's'}`;
    }
  }
  return `${String(ms)} millisecond${abs === 1 ? '' : 's'}`;
}

/**
 * A SQL interval literal: INTERVAL '10' MINUTE. SQL's default leading precision is 2 digits, so
 * INTERVAL '120' SECOND needs SECOND(3); milliseconds are a fraction of a second.
 */
export function sqlInterval(ms: number): string {
  if (ms === 0) return "INTERVAL '0' SECOND";
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '-' : '';
  for (const [, unit, size] of UNITS) {
    if (abs >= size && abs % size === 0) {
      const n = String(abs / size);
      return `INTERVAL '${sign}${n}' ${unit}${n.length > 2 ? `(${String(n.length)})` : ''}`;
    }
  }
  const whole = String(Math.floor(abs / 1000));
  const fraction = String(abs % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  const precision = whole.length > 2 ? `(${String(whole.length)}, 3)` : '';
  return `INTERVAL '${sign}${whole}.${fraction}' SECOND${precision}`;
}
