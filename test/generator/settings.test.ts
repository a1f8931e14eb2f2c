import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GENERATOR_SETTINGS,
  generateClickstream,
  GeneratorSettingsError,
  normaliseGeneratorSettings,
  type GeneratorSettingsInput,
} from '../../src/generator';

/** The settings as JSON would give them: any shape, checked at run time. */
const loose = (value: unknown): GeneratorSettingsInput => value as GeneratorSettingsInput;

function errorsOf(input: unknown): { field: string; message: string }[] {
  const result = normaliseGeneratorSettings(loose(input));
  return result.ok ? [] : [...result.errors];
}

describe('normaliseGeneratorSettings', () => {
  it('fills every default and converts durations and times to ms', () => {
    const result = normaliseGeneratorSettings();
    expect(result).toEqual({
      ok: true,
      settings: {
        seed: 1,
        startMs: Date.UTC(2024, 0, 1),
        stop: { kind: 'duration', durationMs: 600_000 },
        rate: 10,
        users: 500,
        zipfExponent: 1,
        sessionGapMs: 30_000,
        thinkTimeMs: 8000,
        pagesPerSession: 4,
        funnel: { productView: 0.6, addToCart: 0.3, purchase: 0.5 },
        ads: { impressionShare: 0.2, clickThroughRate: 0.05 },
        arrival: { kind: 'stragglers', fraction: 0.05, maxDelayMs: 120_000, baseDelayMs: 1000 },
      },
    });
    // The defaults are plain JSON.
    expect(JSON.parse(JSON.stringify(DEFAULT_GENERATOR_SETTINGS))).toEqual(
      DEFAULT_GENERATOR_SETTINGS,
    );
  });

  it('takes nested settings field by field, events instead of duration, ms numbers', () => {
    const result = normaliseGeneratorSettings({
      seed: 'lesson-3',
      startTime: 0,
      events: 50,
      sessionGap: 5000,
      funnel: { purchase: 1 },
      ads: { clickThroughRate: 0.5 },
      arrival: { kind: 'uniform', maxDelay: '3 seconds' },
    });
    expect(result.ok && result.settings).toMatchObject({
      seed: 'lesson-3',
      startMs: 0,
      stop: { kind: 'events', count: 50 },
      sessionGapMs: 5000,
      funnel: { productView: 0.6, addToCart: 0.3, purchase: 1 },
      ads: { impressionShare: 0.2, clickThroughRate: 0.5 },
      arrival: { kind: 'uniform', maxDelayMs: 3000 },
    });
    const start = normaliseGeneratorSettings({ startTime: '2024-03-01 12:00:00' });
    expect(start.ok && start.settings.startMs).toBe(Date.UTC(2024, 2, 1, 12));
    const stragglers = normaliseGeneratorSettings({
      arrival: { kind: 'stragglers', fraction: 0.1, maxDelay: '1 minute' },
    });
    expect(stragglers.ok && stragglers.settings.arrival).toEqual({
      kind: 'stragglers',
      fraction: 0.1,
      maxDelayMs: 60_000,
      baseDelayMs: 0,
    });
  });

  it.each([
    [{ seed: 1.5 }, 'seed', 'must be a whole number or a text, such as 42 or "demo"; got 1.5'],
    [{ startTime: 'yesterday' }, 'startTime', 'ISO-8601 time such as "2024-01-01T00:00:00Z"'],
    [{ startTime: 1.5 }, 'startTime', 'must be epoch ms'],
    [{ startTime: '9999-01-01T00:00:00Z' }, 'startTime', 'between the years 1 and 9000'],
    [{ duration: 'forever' }, 'duration', 'cannot read "forever" as a duration'],
    [{ duration: 0 }, 'duration', 'must be between 1 ms and'],
    [{ duration: '100 days', rate: 10 }, 'duration', 'over the limit of 5000000: use at most'],
    [{ events: 10, duration: '1 minute' }, 'events', 'give either events (a count) or duration'],
    [{ events: -1 }, 'events', 'must be a whole number from 0 to 5000000, such as 1000'],
    [{ events: 2.5 }, 'events', 'must be a whole number'],
    [{ rate: 0 }, 'rate', 'must be a number from 0.001 to 1000000, such as 20; got 0'],
    [{ rate: '20' }, 'rate', 'got "20"'],
    [{ users: 0 }, 'users', 'must be a whole number from 1 to 1000000'],
    [{ zipfExponent: -1 }, 'zipfExponent', 'from 0 to 5'],
    [{ sessionGap: '5 ms' }, 'sessionGap', 'must be between 10 ms and 1 day'],
    [{ thinkTime: 'soon' }, 'thinkTime', 'cannot read "soon"'],
    [{ pagesPerSession: 0.5 }, 'pagesPerSession', 'from 1 to 100'],
    [{ funnel: { productView: 1.5 } }, 'funnel.productView', 'from 0 to 1, such as 0.25'],
    [{ funnel: { purchase: null } }, 'funnel.purchase', 'got null'],
    [{ funnel: [] }, 'funnel', 'must be an object with productView, addToCart, purchase'],
    [{ funnel: { checkout: 0.2 } }, 'funnel.checkout', 'unknown setting: known: productView'],
    [{ ads: { clickThroughRate: 2 } }, 'ads.clickThroughRate', 'from 0 to 1'],
    [
      { ads: { impressionShare: 0.8, clickThroughRate: 0.5 } },
      'ads.impressionShare',
      'over 90% of all events: use at most 0.6',
    ],
    [{ arrival: 'late' }, 'arrival', 'must be an object such as { "kind": "none" }'],
    [{ arrival: { kind: 'gamma' } }, 'arrival.kind', 'must be one of none, uniform, exponential'],
    [{ arrival: { kind: 'uniform' } }, 'arrival.maxDelay', 'expected a duration'],
    [
      { arrival: { kind: 'exponential', meanDelay: '-1 second' } },
      'arrival.meanDelay',
      'must be between 0 seconds and 7 days',
    ],
    [
      { arrival: { kind: 'uniform', maxDelay: 10, fraction: 0.1 } },
      'arrival.fraction',
      'unknown setting',
    ],
    [
      { arrival: { kind: 'stragglers', fraction: 0.1, maxDelay: '1 second', baseDelay: '2 s' } },
      'arrival.maxDelay',
      'must be longer than baseDelay (2000 ms)',
    ],
    [
      { users: 3, rate: 5 },
      'rate',
      '5 events/s is more than 3 users make at this pace (at most about 0.357 events/s',
    ],
    [{ users: 3, rate: 5 }, 'rate', 'raise users to 43 or more, or shorten thinkTime'],
    [{ sesionGap: '1 minute' }, 'sesionGap', 'unknown setting: did you mean sessionGap?'],
    [{ Rate: 5 }, 'Rate', 'did you mean rate?'],
    [null, 'settings', 'must be an object'],
  ])('%j: %s', (input, field, message) => {
    const errors = errorsOf(input);
    const error = errors.find((e) => e.field === field);
    expect(error, JSON.stringify(errors)).toBeDefined();
    expect(error?.message).toContain(`${field}: `);
    expect(error?.message).toContain(message);
  });

  it('reports every bad field at once', () => {
    const fields = errorsOf({ rate: -1, users: 'many', arrival: { kind: 'x' } }).map(
      (e) => e.field,
    );
    expect(fields).toEqual(['rate', 'users', 'arrival.kind']);
  });

  it('makes generateClickstream throw a GeneratorSettingsError listing them', () => {
    let caught: unknown;
    try {
      generateClickstream({ rate: -1, users: 0 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(GeneratorSettingsError);
    const error = caught as GeneratorSettingsError;
    expect(error.errors.map((e) => e.field)).toEqual(['rate', 'users']);
    expect(error.message).toContain('rate: must be a number from 0.001');
  });
});
