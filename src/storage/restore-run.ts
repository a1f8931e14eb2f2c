// Reading a saved run back: its input must be usable as it is (a run whose events cannot be
// reproduced is rejected); its settings and position are repaired with defaults.
import { parseScenario, type Event, type Semantics } from '../engine';
import {
  describe,
  isNonEmptyString,
  isObject,
  isPosition,
  isString,
  isTime,
  rejected,
  Repairs,
  type Restored,
} from './restore-util';
import type { JsonObject, RunInput, RunRecord } from './types';

const isSemantics = (v: unknown): v is Semantics => v === 'spark' || v === 'flink';

/** Restores a run's input; nothing is invented here, since made-up events would mislead. */
export function restoreInput(raw: unknown): Restored<RunInput> {
  if (!isObject(raw)) return rejected(`input must be an object, got ${describe(raw)}`);
  const repairs = new Repairs();
  switch (raw.kind) {
    case 'scenario': {
      try {
        parseScenario(raw.scenario);
      } catch (err) {
        return rejected(`the scenario cannot be read: ${(err as Error).message}`);
      }
      return {
        ok: true,
        value: { kind: 'scenario', scenario: raw.scenario as JsonObject },
        repairs: [],
      };
    }
    case 'generated': {
      if (typeof raw.seed !== 'number' || !Number.isSafeInteger(raw.seed))
        return rejected(`the generator seed must be an integer, got ${describe(raw.seed)}`);
      const settings = repairs.field('input.settings', raw.settings, isObject, {});
      return {
        ok: true,
        value: { kind: 'generated', seed: raw.seed, settings },
        repairs: repairs.notes,
      };
    }
    case 'imported': {
      if (!Array.isArray(raw.events))
        return rejected(`imported events must be a list, got ${describe(raw.events)}`);
      const events = (raw.events as unknown[]).filter((e): e is Event => isObject(e));
      const bad = raw.events.length - events.length;
      if (bad > 0)
        repairs.note(`${String(bad)} imported events that were not objects were dropped`);
      return { ok: true, value: { kind: 'imported', events }, repairs: repairs.notes };
    }
    default:
      return rejected(
        `input.kind must be "scenario", "generated" or "imported", got ${describe(raw.kind)}`,
      );
  }
}

/** A saved run, repaired where it can be, or the reason it cannot be used. */
export function restoreRun(raw: unknown): Restored<RunRecord> {
  if (!isObject(raw)) return rejected(`a run must be an object, got ${describe(raw)}`);
  if (!isNonEmptyString(raw.id)) return rejected(`a run needs an id, got ${describe(raw.id)}`);
  const input = restoreInput(raw.input);
  if (!input.ok) return rejected(input.reason);
  const repairs = new Repairs();
  repairs.notes.push(...input.repairs);
  const scenario = input.value.kind === 'scenario' ? input.value.scenario : null;

  let query: JsonObject;
  if (isObject(raw.query)) query = raw.query;
  else if (scenario !== null && isObject(scenario.query)) {
    repairs.note(`query was ${describe(raw.query)}: the scenario's query is used`);
    query = scenario.query;
  } else return rejected(`query must be an object, got ${describe(raw.query)}`);

  const fallbackSemantics = isSemantics(scenario?.semantics) ? scenario.semantics : 'spark';
  const fallbackName = isString(scenario?.name) ? scenario.name : 'Untitled run';
  const value: RunRecord = {
    id: raw.id,
    name: repairs.field('name', raw.name, isString, fallbackName),
    semantics: repairs.field('semantics', raw.semantics, isSemantics, fallbackSemantics),
    query,
    input: input.value,
    position: repairs.field('position', raw.position, isPosition, 0),
    updatedAt: repairs.field('updatedAt', raw.updatedAt, isTime, 0),
  };
  return { ok: true, value, repairs: repairs.notes };
}
