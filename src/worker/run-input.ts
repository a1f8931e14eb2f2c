// A run's input, and how each semantics walks it: Spark takes micro-batches, Flink one element
// at a time. Generated and imported events carry an arrival time; Spark batches them by a
// processing-time trigger, Flink takes them in arrival order and ends the bounded input.
import { toEpochMs } from '../engine/event-time';
import type { Event, Semantics } from '../engine/types';

export type RunInput =
  /** Explicit micro-batches (a Spark scenario), with their processing times when it gives them. */
  | {
      readonly kind: 'batches';
      readonly batches: readonly (readonly Event[])[];
      readonly batchTimes?: readonly number[] | null;
    }
  /** An explicit stream with `$watermark` / `$end` markers (a Flink scenario). */
  | { readonly kind: 'stream'; readonly stream: readonly Event[] }
  /** Events with an arrival (processing) time, in any order (generated or imported). */
  | {
      readonly kind: 'arrivals';
      readonly events: readonly Event[];
      /** The field holding each event's arrival time (ms); null: they arrive in list order, one a second. */
      readonly arrivalField: string | null;
      readonly triggerMs: number;
      /** Run every trigger, data or not (per-key state with processing-time timeouts). */
      readonly everyTrigger?: boolean;
    };

/** One step of a run: a micro-batch (Spark) or one stream element (Flink). */
export interface Unit {
  readonly events: readonly Event[];
  /** Processing time at which the step runs (ms), for live play and the chart's y axis. */
  readonly processingTime: number;
}

const isMarker = (e: Event): boolean => '$watermark' in e || '$end' in e;
const END: Event = { $end: true };

/** Events sorted by arrival (stable), each with its arrival time. */
function byArrival(input: Extract<RunInput, { kind: 'arrivals' }>): { event: Event; at: number }[] {
  return input.events
    .map((event, i) => ({
      event,
      at: input.arrivalField === null ? i * 1000 : (toEpochMs(event[input.arrivalField]) ?? 0),
      i,
    }))
    .sort((a, b) => a.at - b.at || a.i - b.i);
}

/** The steps a run takes through its input under the given semantics. */
export function unitsOf(input: RunInput, semantics: Semantics): Unit[] {
  const spark = semantics === 'spark';
  switch (input.kind) {
    case 'batches':
      if (spark) {
        const times = input.batchTimes;
        return input.batches.map((events, i) => ({
          events,
          processingTime: times?.[i] ?? i * 1000,
        }));
      }
      // A bounded input ends with Flink's final watermark, which fires every window.
      return [...input.batches.flat(), END].map((e, i) => ({
        events: [e],
        processingTime: i * 100,
      }));
    case 'stream': {
      if (!spark) return input.stream.map((e, i) => ({ events: [e], processingTime: i * 100 }));
      // Spark has no markers: each event arrives in its own trigger.
      return input.stream
        .filter((e) => !isMarker(e))
        .map((e, i) => ({ events: [e], processingTime: i * 1000 }));
    }
    case 'arrivals': {
      const sorted = byArrival(input);
      if (!spark) {
        const units = sorted.map(({ event, at }) => ({ events: [event], processingTime: at }));
        const last = units[units.length - 1]?.processingTime ?? 0;
        return [...units, { events: [END], processingTime: last }];
      }
      return triggerBatches(sorted, input.triggerMs, input.everyTrigger ?? false);
    }
  }
}

/**
 * Spark's processing-time trigger: batch k holds what arrived in [t0 + k·T, t0 + (k+1)·T) and
 * runs at its end. A trigger that finds no data runs nothing, so empty intervals are left out,
 * unless `everyTrigger` (Spark runs processing-time timeouts on every trigger).
 */
const MAX_EMPTY = 1000;

function triggerBatches(
  sorted: readonly { event: Event; at: number }[],
  triggerMs: number,
  everyTrigger: boolean,
): Unit[] {
  const units: { events: Event[]; processingTime: number }[] = [];
  for (const { event, at } of sorted) {
    const end = at - (((at % triggerMs) + triggerMs) % triggerMs) + triggerMs;
    const last = units[units.length - 1];
    if (last?.processingTime === end) {
      last.events.push(event);
      continue;
    }
    // A gap of more than MAX_EMPTY triggers is left as it is, so a long pause cannot flood the run.
    if (everyTrigger && last !== undefined && end - last.processingTime <= MAX_EMPTY * triggerMs) {
      for (let t = last.processingTime + triggerMs; t < end; t += triggerMs)
        units.push({ events: [], processingTime: t });
    }
    units.push({ events: [event], processingTime: end });
  }
  return units;
}
