// Events for a Kafka producer: the page's JSON Lines export with each line's key in front
// (KEY<TAB>JSON), as kafka-console-producer's parse.key and kcat's -K read it.
import type { Event } from '../engine/types';

/** The key of an event: its value of `keyField` as text ("" when it has none). */
function keyOf(event: Event, keyField: string): string {
  const v = event[keyField];
  if (v === undefined || v === null) return '';
  // A tab or newline in a key would split the line: JSON.stringify never leaves one raw.
  return typeof v === 'string' && !/[\t\r\n]/.test(v) ? v : JSON.stringify(v);
}

/**
 * JSON Lines (one event per line, as the events export writes them) → KEY<TAB>JSON lines. JSON
 * text never holds a raw tab, so the first tab of a line is always the separator.
 */
export function keyedLines(jsonLines: string, keyField: string | null): string {
  if (keyField === null) return jsonLines;
  const out: string[] = [];
  for (const line of jsonLines.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    out.push(`${keyOf(JSON.parse(line) as Event, keyField)}\t${line}`);
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

/** The first `limit` events of a JSON Lines text, for reading column types. */
export function sampleEvents(jsonLines: string, limit = 200): Event[] {
  const events: Event[] = [];
  let at = 0;
  while (at < jsonLines.length && events.length < limit) {
    const end = jsonLines.indexOf('\n', at);
    const line = jsonLines.slice(at, end < 0 ? jsonLines.length : end).trim();
    at = end < 0 ? jsonLines.length : end + 1;
    if (line === '') continue;
    try {
      const v: unknown = JSON.parse(line);
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) events.push(v as Event);
    } catch {
      // A broken line is skipped: the sample only guides column types.
    }
  }
  return events;
}
