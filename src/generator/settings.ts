// The generator's settings: what a learner or a scenario writes (plain JSON, durations as text
// or ms), the defaults, and the normalised form the generator runs (integer ms, checked).
// Validation lives in normalise-settings.ts.

/** A duration as Spark writes it ("30 seconds", "200 ms") or a whole number of ms. */
export type DurationInput = string | number;

/**
 * How long after its event time each event reaches the stream processor: arrival = event time
 * + delay, delays in whole ms.
 * - `none`: delay 0, the stream is in event-time order.
 * - `uniform`: delay uniform in [0, maxDelay].
 * - `exponential`: delay exponential with mean `meanDelay` (rounded to ms; a long thin tail).
 * - `stragglers`: most events wait uniform in [0, baseDelay] (default 0); a `fraction` of them
 *   are stragglers that wait uniform in (baseDelay, maxDelay].
 */
export type ArrivalModelInput =
  | { readonly kind: 'none' }
  | { readonly kind: 'uniform'; readonly maxDelay: DurationInput }
  | { readonly kind: 'exponential'; readonly meanDelay: DurationInput }
  | {
      readonly kind: 'stragglers';
      readonly fraction: number;
      readonly maxDelay: DurationInput;
      readonly baseDelay?: DurationInput;
    };

export type ArrivalModel =
  | { readonly kind: 'none' }
  | { readonly kind: 'uniform'; readonly maxDelayMs: number }
  | { readonly kind: 'exponential'; readonly meanDelayMs: number }
  | {
      readonly kind: 'stragglers';
      readonly fraction: number;
      readonly maxDelayMs: number;
      readonly baseDelayMs: number;
    };

/** Each step's probability given the step before: product views per page view, and so on. */
export interface Funnel {
  readonly productView: number;
  readonly addToCart: number;
  readonly purchase: number;
}

export interface AdSettings {
  /** Impressions as a share of all events (clicks included), in [0, 1). */
  readonly impressionShare: number;
  /** Clicks per impression. */
  readonly clickThroughRate: number;
}

/** Everything that shapes a generated stream; plain JSON. */
export interface GeneratorSettings {
  readonly seed: number | string;
  /** Event time of the stream's start: epoch ms or ISO-8601 (UTC unless it has a zone). */
  readonly startTime: number | string;
  /** Event time covered: events have start ≤ time < start + duration. */
  readonly duration?: DurationInput;
  /** Instead of a duration: exactly this many events, the earliest by event time. */
  readonly events?: number;
  /** Mean events per second of event time. */
  readonly rate: number;
  readonly users: number;
  /** User activity: the user of rank k starts sessions in proportion to 1 / k^zipfExponent. */
  readonly zipfExponent: number;
  /** A user's events closer than this are one session; sessions are separated by more. */
  readonly sessionGap: DurationInput;
  /** Mean time between a user's consecutive events in a session (cut off below the gap). */
  readonly thinkTime: DurationInput;
  /** Mean page views per session. */
  readonly pagesPerSession: number;
  readonly funnel: Funnel;
  readonly ads: AdSettings;
  readonly arrival: ArrivalModelInput;
}

/** What callers pass: any subset, nested `funnel` and `ads` field by field. */
export type GeneratorSettingsInput = Partial<Omit<GeneratorSettings, 'funnel' | 'ads'>> & {
  readonly funnel?: Partial<Funnel>;
  readonly ads?: Partial<AdSettings>;
};

export type StopRule =
  | { readonly kind: 'duration'; readonly durationMs: number }
  | { readonly kind: 'events'; readonly count: number };

/** Checked settings, durations in whole ms: what the generator runs. Plain JSON too. */
export interface NormalisedGeneratorSettings {
  readonly seed: number | string;
  readonly startMs: number;
  readonly stop: StopRule;
  readonly rate: number;
  readonly users: number;
  readonly zipfExponent: number;
  readonly sessionGapMs: number;
  readonly thinkTimeMs: number;
  readonly pagesPerSession: number;
  readonly funnel: Funnel;
  readonly ads: AdSettings;
  readonly arrival: ArrivalModel;
}

/** Ten minutes of a small shop at 10 events/s, 5% of events straggling up to 2 minutes. */
export const DEFAULT_GENERATOR_SETTINGS: GeneratorSettings = {
  seed: 1,
  startTime: '2024-01-01T00:00:00.000Z',
  duration: '10 minutes',
  rate: 10,
  users: 500,
  zipfExponent: 1,
  sessionGap: '30 seconds',
  thinkTime: '8 seconds',
  pagesPerSession: 4,
  funnel: { productView: 0.6, addToCart: 0.3, purchase: 0.5 },
  ads: { impressionShare: 0.2, clickThroughRate: 0.05 },
  arrival: { kind: 'stragglers', fraction: 0.05, maxDelay: '2 minutes', baseDelay: '1 second' },
};

/** The most events one stream has: as one array, about 1.2 GB of objects in Node (half that
 * in Chrome); prepareClickstream makes them a batch at a time. */
export const MAX_EVENTS = 5_000_000;
/** The longest arrival delay: keeps every time key below 2^48 for the radix sort. */
export const MAX_DELAY_MS = 7 * 86_400_000;
