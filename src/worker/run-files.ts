// Files of a run: importing events (JSON Lines) or a whole scenario (JSON) as a new run spec,
// and exporting the current run's input. Nothing is opened unless the whole file is valid.
import type { Semantics } from '../engine/types';
import type { JsonObject } from '../storage';
import { parseJsonLines, parseScenarioText, toJsonLines, type Parsed } from './import-export';
import type { RunSpec } from './run-manager';
import type { Simulation } from './simulation';

/** A JSON Lines file of events, run under the current query (its time field must be there). */
export function specFromEvents(
  name: string,
  text: string,
  semantics: Semantics,
  query: JsonObject,
): Parsed<RunSpec> {
  const time = typeof query.time === 'string' ? query.time : null;
  const parsed = parseJsonLines(text, time);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    value: { name, semantics, query, input: { kind: 'imported', events: parsed.value } },
  };
}

/** A scenario file: its own query, semantics and input. */
export function specFromScenario(text: string): Parsed<RunSpec> {
  const parsed = parseScenarioText(text);
  if (!parsed.ok) return parsed;
  const s = parsed.value;
  const scenario = JSON.parse(text) as JsonObject;
  return {
    ok: true,
    value: {
      name: s.name,
      semantics: s.semantics,
      query: s.query as JsonObject,
      input: { kind: 'scenario', scenario },
    },
  };
}

/** The run's events in the order they arrive, one JSON object per line (markers left out). */
export function exportEvents(sim: Simulation): string {
  const events = sim.inputUnits
    .flatMap((u) => u.events)
    .filter((e) => !('$watermark' in e) && !('$end' in e));
  return toJsonLines(events);
}

/** The run as a scenario file: the query and the input exactly as this run takes it. */
export function exportScenario(sim: Simulation, name: string, query: JsonObject): string {
  const units = sim.inputUnits;
  const input =
    sim.semantics === 'spark'
      ? { batches: units.map((u) => u.events) }
      : { stream: units.map((u) => u.events[0]) };
  const scenario = {
    name,
    source: 'exported from Windowscope',
    semantics: sim.semantics,
    query,
    ...input,
  };
  return `${JSON.stringify(scenario, null, 1)}\n`;
}
