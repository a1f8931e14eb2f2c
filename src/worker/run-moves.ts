// How a run's input and long moves work: a stored input turned into the Simulation's input
// (scenario batches at their batchTimes, generated or imported events batched by the trigger),
// and moving in slices that report progress and can be cancelled.
import { parseDuration } from '../engine/duration';
import { parseScenario } from '../engine/scenario';
import type { Event } from '../engine/types';
import { generateClickstream, joinInputs, type GeneratorSettingsInput } from '../generator';
import type { JsonObject } from '../storage';
import type { RunInput } from './run-input';
import type { RunSpec } from './run-manager';
import { isJoinQuery } from './join-run';
import { isStateful } from './state-step';

/** How a long operation reports how far it got, and learns that it should stop. */
export interface Progress {
  readonly report: (done: number, total: number) => void;
  readonly cancelled: () => boolean;
}

/**
 * Calls `step` in slices of about 30 ms until it returns false or the operation is cancelled,
 * yielding to the event loop between slices so a cancel message can arrive.
 */
export async function sliced(
  step: () => boolean,
  progress: Progress,
  done: () => number,
  total: number,
): Promise<void> {
  for (;;) {
    const until = performance.now() + 30;
    let more = true;
    while (more && performance.now() < until) more = step();
    progress.report(done(), total);
    if (!more || progress.cancelled()) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

const DEFAULT_TRIGGER_MS = 10_000;

function triggerMs(query: JsonObject): number {
  const raw = query.triggerInterval;
  if (raw === undefined || raw === null) return DEFAULT_TRIGGER_MS;
  const ms = parseDuration(raw);
  if (ms <= 0)
    throw new Error(`query.triggerInterval: must be longer than 0, such as "10 seconds"`);
  return ms;
}

/** The Simulation's view of a stored input. Throws with a message naming what is wrong. */
export function simulationInput(spec: RunSpec): RunInput {
  const input = spec.input;
  switch (input.kind) {
    case 'scenario': {
      const scenario = parseScenario(input.scenario);
      // Per-key state runs each batch at its processing time (`batchTimes`, default i × 10 s).
      const timed = isStateful(spec.query) || 'batchTimes' in input.scenario;
      if (scenario.batches !== null)
        return {
          kind: 'batches',
          batches: scenario.batches,
          batchTimes: timed ? scenario.batchTimes : null,
        };
      return { kind: 'stream', stream: scenario.stream ?? [] };
    }
    case 'generated': {
      const events = generateClickstream({
        ...(input.settings as GeneratorSettingsInput),
        seed: input.seed,
      });
      // A join takes the ad events as its two inputs (impressions and clicks, $input-tagged).
      const joined = isJoinQuery(spec.query) ? joinInputs(events) : events;
      return {
        kind: 'arrivals',
        events: joined as unknown as Event[],
        arrivalField: 'arrival_ms',
        triggerMs: triggerMs(spec.query),
        everyTrigger: processingTimeouts(spec.query),
      };
    }
    case 'imported':
      return {
        kind: 'arrivals',
        events: input.events,
        arrivalField: arrivalFieldOf(input.events),
        triggerMs: triggerMs(spec.query),
        everyTrigger: processingTimeouts(spec.query),
      };
  }
}

/** Spark runs a trigger without data when per-key state has processing-time timeouts. */
function processingTimeouts(query: JsonObject): boolean {
  const timeout = (query.stateful as { timeout?: { kind?: unknown } } | undefined)?.timeout;
  return isStateful(query) && timeout?.kind === 'processing';
}

/** Imported events arrive when their `arrival_ms` says, or else in file order, one a second. */
function arrivalFieldOf(events: readonly Event[]): string | null {
  return events.every((e) => typeof e.arrival_ms === 'number') ? 'arrival_ms' : null;
}
