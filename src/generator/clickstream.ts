// The generator's entry points: settings in, the clickstream in arrival order out — the order a
// stream processor sees, event time out of order by the arrival delays. Pure and seeded: the
// same seed and settings give the same events, byte for byte.

import { GeneratedClickstream } from './generated-clickstream';
import { GeneratorSettingsError, normaliseGeneratorSettings } from './normalise-settings';
import type { ClickEvent, GeneratedEvent, ImpressionEvent } from './schema';
import type { GeneratorSettingsInput, NormalisedGeneratorSettings } from './settings';

/**
 * Generates a clickstream from any subset of the settings (the rest take their defaults).
 * Sorted by arrival_ms, ties by event id; event ids (1, 2, …) follow event time. Throws
 * GeneratorSettingsError, listing every bad field, when the settings do not pass
 * normaliseGeneratorSettings.
 */
export function generateClickstream(settings: GeneratorSettingsInput = {}): GeneratedEvent[] {
  return prepareClickstream(settings).slice();
}

/** The same stream, to be read a range of arrivals at a time (see GeneratedClickstream). */
export function prepareClickstream(settings: GeneratorSettingsInput = {}): GeneratedClickstream {
  const result = normaliseGeneratorSettings(settings);
  if (!result.ok) throw new GeneratorSettingsError(result.errors);
  return new GeneratedClickstream(result.settings);
}

/** generateClickstream for settings already normalised (e.g. checked once by a form). */
export function generateFromSettings(settings: NormalisedGeneratorSettings): GeneratedEvent[] {
  return new GeneratedClickstream(settings).slice();
}

export interface TwoInputs {
  readonly impressions: ImpressionEvent[];
  readonly clicks: ClickEvent[];
}

/** Impressions and clicks as two inputs (for stream-stream joins), each in the given order. */
export function twoInputs(events: readonly GeneratedEvent[]): TwoInputs {
  const impressions: ImpressionEvent[] = [];
  const clicks: ClickEvent[] = [];
  for (const e of events) {
    if (e.event_type === 'impression') impressions.push(e);
    else if (e.event_type === 'click') clicks.push(e);
  }
  return { impressions, clicks };
}
