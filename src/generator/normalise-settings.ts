// Settings in, checked settings out: defaults filled, durations to whole ms, and every problem
// reported at once as { field, message } with the fix, so a form can mark each field.

import { formatDuration } from '../engine/duration';
import { toEpochMs } from '../engine/event-time';
import { readArrival } from './normalise-arrival';
import { maxEventRate } from './session-shape';
import { SettingsReader, type SettingsIssue } from './settings-reader';
import {
  DEFAULT_GENERATOR_SETTINGS as D,
  MAX_EVENTS,
  type GeneratorSettingsInput,
  type NormalisedGeneratorSettings,
  type StopRule,
} from './settings';

export type { SettingsIssue } from './settings-reader';

export type NormaliseResult =
  | { readonly ok: true; readonly settings: NormalisedGeneratorSettings }
  | { readonly ok: false; readonly errors: readonly SettingsIssue[] };

/** Thrown by generateClickstream for settings that do not pass normaliseGeneratorSettings. */
export class GeneratorSettingsError extends Error {
  constructor(readonly errors: readonly SettingsIssue[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'GeneratorSettingsError';
  }
}

/** 0001-01-01 and 9000-01-01 UTC: the generated span and delays stay within 4-digit years. */
const MIN_START_MS = -62_135_596_800_000;
const MAX_START_MS = 221_845_392_000_000;
const MAX_DURATION_MS = 100 * 365 * 86_400_000;
const DAY_MS = 86_400_000;

const TOP_FIELDS = [...Object.keys(D), 'events'];

/** Checks `input` (any subset of the settings; absent fields take the defaults). */
export function normaliseGeneratorSettings(input: GeneratorSettingsInput = {}): NormaliseResult {
  const r = new SettingsReader();
  const raw: unknown = input;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    r.fail('settings', 'must be an object such as { "seed": 1, "rate": 20 }');
    return { ok: false, errors: r.errors };
  }
  const s = raw as Readonly<Record<string, unknown>>;
  r.unknownKeys(s, TOP_FIELDS, '');

  const seed = readSeed(r, or(s.seed, D.seed));
  const startMs = readStart(r, or(s.startTime, D.startTime));
  const rate = r.number('rate', or(s.rate, D.rate), { min: 0.001, max: 1_000_000 }, '20');
  const stop = readStop(r, s, rate);
  const users = r.number('users', or(s.users, D.users), { min: 1, max: 1_000_000, whole: true });
  const zipfExponent = r.number('zipfExponent', or(s.zipfExponent, D.zipfExponent), {
    min: 0,
    max: 5,
  });
  const sessionGapMs = r.duration('sessionGap', or(s.sessionGap, D.sessionGap), 10, DAY_MS);
  const thinkTimeMs = r.duration('thinkTime', or(s.thinkTime, D.thinkTime), 1, DAY_MS);
  const pagesPerSession = r.number('pagesPerSession', or(s.pagesPerSession, D.pagesPerSession), {
    min: 1,
    max: 100,
  });

  const f = r.object('funnel', s.funnel, ['productView', 'addToCart', 'purchase']);
  const funnel = {
    productView: r.probability('funnel.productView', or(f.productView, D.funnel.productView)),
    addToCart: r.probability('funnel.addToCart', or(f.addToCart, D.funnel.addToCart)),
    purchase: r.probability('funnel.purchase', or(f.purchase, D.funnel.purchase)),
  };
  const a = r.object('ads', s.ads, ['impressionShare', 'clickThroughRate']);
  const ads = {
    impressionShare: r.probability(
      'ads.impressionShare',
      or(a.impressionShare, D.ads.impressionShare),
    ),
    clickThroughRate: r.probability(
      'ads.clickThroughRate',
      or(a.clickThroughRate, D.ads.clickThroughRate),
    ),
  };
  const adLoad = ads.impressionShare * (1 + ads.clickThroughRate);
  if (adLoad > 0.9) {
    const most = Math.floor((0.9 / (1 + ads.clickThroughRate)) * 1000) / 1000;
    r.fail(
      'ads.impressionShare',
      `with a click-through rate of ${String(ads.clickThroughRate)}, impressions and their ` +
        `clicks would be over 90% of all events: use at most ${String(most)}`,
    );
  }
  const arrival = readArrival(r, or(s.arrival, D.arrival));

  if (r.errors.length > 0) return { ok: false, errors: r.errors };
  const settings: NormalisedGeneratorSettings = {
    seed,
    startMs,
    stop,
    rate,
    users,
    zipfExponent,
    sessionGapMs,
    thinkTimeMs,
    pagesPerSession,
    funnel,
    ads,
    arrival,
  };
  checkCapacity(r, settings);
  if (r.errors.length > 0) return { ok: false, errors: r.errors };
  return { ok: true, settings };
}

/** People browse at a human pace: refuse a rate the users cannot make (see maxEventRate). */
function checkCapacity(r: SettingsReader, s: NormalisedGeneratorSettings): void {
  const most = maxEventRate(s);
  if (s.rate <= most) return;
  const users = Math.ceil((s.users * s.rate) / most);
  r.fail(
    'rate',
    `${String(s.rate)} events/s is more than ${String(s.users)} users make at this pace ` +
      `(at most about ${most.toPrecision(3)} events/s: each browses one session at a time and ` +
      `rests longer than sessionGap before the next): lower rate, raise users to ` +
      `${String(users)} or more, or shorten thinkTime`,
  );
}

/** Only a missing field takes the default: an explicit null is reported. */
function or(value: unknown, fallback: unknown): unknown {
  return value === undefined ? fallback : value;
}

function readSeed(r: SettingsReader, value: unknown): number | string {
  if (typeof value === 'string' || (typeof value === 'number' && Number.isSafeInteger(value))) {
    return value;
  }
  r.fail('seed', `must be a whole number or a text, such as 42 or "demo"; got ${r.show(value)}`);
  return 0;
}

function readStart(r: SettingsReader, value: unknown): number {
  const ms = typeof value === 'number' || typeof value === 'string' ? toEpochMs(value) : null;
  if (ms === null || (typeof value === 'number' && !Number.isInteger(value))) {
    r.fail(
      'startTime',
      `must be epoch ms or an ISO-8601 time such as "2024-01-01T00:00:00Z"; got ${r.show(value)}`,
    );
    return 0;
  }
  if (ms < MIN_START_MS || ms > MAX_START_MS) {
    r.fail('startTime', `must be between the years 1 and 9000; got ${r.show(value)}`);
  }
  return ms;
}

function readStop(r: SettingsReader, s: Readonly<Record<string, unknown>>, rate: number): StopRule {
  if (s.events !== undefined) {
    if (s.duration !== undefined) {
      r.fail('events', 'give either events (a count) or duration, not both: remove one');
    }
    const count = r.number('events', s.events, { min: 0, max: MAX_EVENTS, whole: true }, '1000');
    return { kind: 'events', count };
  }
  const durationMs = r.duration('duration', or(s.duration, D.duration), 1, MAX_DURATION_MS);
  const expected = (rate * durationMs) / 1000;
  if (expected > MAX_EVENTS) {
    const most = formatDuration(Math.floor((MAX_EVENTS / rate) * 1000));
    r.fail(
      'duration',
      `at ${String(rate)} events/s this makes about ${String(Math.round(expected))} events, ` +
        `over the limit of ${String(MAX_EVENTS)}: use at most ${most} or a lower rate`,
    );
  }
  return { kind: 'duration', durationMs };
}
