// Files in and out: events as JSON Lines and whole scenarios as JSON. Reading never trusts the
// file: every problem is reported with its line number, and nothing is used until all is valid.
import { toEpochMs } from '../engine/event-time';
import { parseQuery } from '../engine/query-parse';
import { parseScenario, type Scenario } from '../engine/scenario';
import type { Event } from '../engine/types';
import { jsonErrorOffset, lineAndColumn } from './json-position';

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: string[] };

const MAX_ERRORS = 10;
const MAX_BYTES = 50 * 1024 * 1024;

function fail<T>(errors: string[]): Parsed<T> {
  if (errors.length <= MAX_ERRORS) return { ok: false, errors };
  return {
    ok: false,
    errors: [
      ...errors.slice(0, MAX_ERRORS),
      `… and ${String(errors.length - MAX_ERRORS)} more problems`,
    ],
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Events as JSON Lines: one JSON object per line (blank lines skipped). With `timeField`, each
 * event's time must be ISO-8601 or epoch ms.
 */
export function parseJsonLines(text: string, timeField: string | null): Parsed<Event[]> {
  if (text.length > MAX_BYTES)
    return fail([`the file is larger than 50 MB: split it or generate a smaller stream`]);
  const events: Event[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const n = i + 1;
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      errors.push(
        `line ${String(n)}: not valid JSON (each line must be one event, such as {"ts": "2024-01-01T00:00:00Z", "user_id": "u1"})`,
      );
      return;
    }
    if (!isObject(value)) {
      errors.push(
        `line ${String(n)}: an event must be a JSON object, got ${Array.isArray(value) ? 'a list' : JSON.stringify(value)}`,
      );
      return;
    }
    if (timeField !== null && toEpochMs(value[timeField]) === null) {
      errors.push(
        `line ${String(n)}: "${timeField}" is ${JSON.stringify(value[timeField] ?? null)}, not a time: use ISO-8601 (2024-01-01T00:00:00Z) or epoch milliseconds`,
      );
      return;
    }
    events.push(value);
  });
  if (errors.length > 0) return fail(errors);
  if (events.length === 0) return fail(['the file has no events: put one JSON object per line']);
  return { ok: true, value: events };
}

export function toJsonLines(events: readonly Event[]): string {
  return events.map((e) => JSON.stringify(e)).join('\n') + (events.length > 0 ? '\n' : '');
}

/** Where the JSON breaks, as " at line L, column C". */
function whereInText(text: string): string {
  const offset = jsonErrorOffset(text);
  if (offset < 0) return '';
  const { line, column } = lineAndColumn(text, offset);
  return ` at line ${String(line)}, column ${String(column)}`;
}

/** A whole scenario file, checked as the engine would run it (its query included). */
export function parseScenarioText(text: string): Parsed<Scenario> {
  if (text.length > MAX_BYTES) return fail(['the file is larger than 50 MB']);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return fail([`not valid JSON${whereInText(text)}: ${(err as Error).message}`]);
  }
  try {
    const scenario = parseScenario(json);
    parseQuery(scenario.query, scenario.semantics);
    return { ok: true, value: scenario };
  } catch (err) {
    return fail([(err as Error).message]);
  }
}

export function toScenarioJson(scenario: Scenario): string {
  const { name, source, semantics, query, batches, stream, expected } = scenario;
  const out: Record<string, unknown> = {
    name,
    source: source ?? 'exported from Windowscope',
    semantics,
    query,
  };
  if (batches !== null) out.batches = batches;
  if (stream !== null) out.stream = stream;
  if (expected !== null) out.expected = expected;
  return `${JSON.stringify(out, null, 2)}\n`;
}
