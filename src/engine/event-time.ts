// Event times: ISO-8601 strings or epoch ms in, integer epoch ms out; and UTC formatting for
// people. Spark reads timestamps in the session time zone: here that is always UTC.

const HAS_ZONE = /(z|[+-]\d\d:?\d\d)$/i;

/**
 * Converts an event-time value to epoch ms, truncating below a millisecond. Returns null for
 * null, a missing field, or text that is not a timestamp (Spark's cast gives null there too).
 */
export function toEpochMs(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.floor(value) : null;
  if (typeof value !== 'string') return null;
  let text = value.trim();
  if (/^-?\d+$/.test(text)) return Number(text);
  if (/^\d{4}-\d\d-\d\d \d/.test(text)) text = text.replace(' ', 'T');
  if (/^\d{4}-\d\d-\d\d$/.test(text)) text += 'T00:00:00';
  if (!HAS_ZONE.test(text)) text += 'Z';
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/** "2023-07-30 12:05:00" (UTC), with milliseconds only when there are some. */
export function formatTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  const text = iso.slice(0, 19).replace('T', ' ');
  return iso.slice(20, 23) === '000' ? text : `${text}.${iso.slice(20, 23)}`;
}

/** "12:05:00", or with a date when the range crosses days; ms only when present. */
export function formatClock(ms: number): string {
  return formatTime(ms).slice(11);
}
