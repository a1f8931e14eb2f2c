// The benchmark's input: a seeded clickstream (mulberry32, no Math.random, no clock) with Poisson
// arrivals, Zipf-distributed users and a share of events whose time lags their arrival.
// It lives with the bench for now; src/generator/ is where a shared generator would go.

export type EventType =
  'page_view' | 'product_view' | 'add_to_cart' | 'purchase' | 'impression' | 'click';

// eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- a type alias is assignable to the engine's Event (a Record); an interface is not
export type ClickEvent = {
  /** Event time, integer epoch ms. */
  readonly ts: number;
  readonly user_id: string;
  readonly event_type: EventType;
};

export interface StreamOptions {
  readonly events: number;
  readonly users: number;
  readonly seed: number;
  /** Event time of the first arrival (epoch ms). */
  readonly startMs: number;
  /** Mean arrivals per second of event time. */
  readonly eventsPerSecond: number;
  /** Share of events whose ts is pushed back by `lagMs` (uniform, integer ms). */
  readonly outOfOrder: number;
  readonly lagMs: readonly [min: number, max: number];
  /** P(user of rank k) ∝ 1 / k^s. */
  readonly zipfExponent: number;
}

export const DEFAULT_STREAM: StreamOptions = {
  events: 1_000_000,
  users: 10_000,
  seed: 20_240_101,
  startMs: Date.UTC(2024, 0, 1),
  eventsPerSecond: 1000,
  outOfOrder: 0.05,
  lagMs: [1_000, 90_000],
  zipfExponent: 1,
};

/** Cumulative shares, in the order of EVENT_TYPES: ~12% impressions, ~1% clicks. */
const EVENT_TYPES: readonly EventType[] = [
  'page_view',
  'product_view',
  'add_to_cart',
  'purchase',
  'impression',
  'click',
];
const EVENT_TYPE_CDF: readonly number[] = [0.5, 0.75, 0.83, 0.87, 0.99, 1];

/** mulberry32: a 32-bit seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cumulative Zipf weights over ranks 1..n, normalised so the last is 1. */
export function zipfCdf(n: number, exponent: number): Float64Array {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let k = 1; k <= n; k++) cdf[k - 1] = total += 1 / k ** exponent;
  for (let i = 0; i < n; i++) cdf[i] = (cdf[i] ?? 0) / total;
  return cdf;
}

/** The first index whose cumulative value exceeds u (u in [0, 1)). */
function pick(cdf: ArrayLike<number>, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cdf[mid] ?? 1) > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Generates the stream in arrival order. Each event depends only on those before it, so a
 * shorter stream with the same options is a prefix of a longer one.
 */
export function generateStream(options: Partial<StreamOptions> = {}): ClickEvent[] {
  const o = { ...DEFAULT_STREAM, ...options };
  const random = mulberry32(o.seed);
  const users = zipfCdf(o.users, o.zipfExponent);
  // One string per user, shared by its events (as a parser's interning would).
  const userIds = Array.from({ length: o.users }, (_, i) => `u${String(i + 1)}`);
  const meanGapMs = 1000 / o.eventsPerSecond;
  const [lagMin, lagMax] = o.lagMs;
  const events: ClickEvent[] = new Array<ClickEvent>(o.events);
  let arrival = o.startMs;
  for (let i = 0; i < o.events; i++) {
    arrival += -Math.log(1 - random()) * meanGapMs;
    let ts = Math.floor(arrival);
    if (random() < o.outOfOrder) ts -= lagMin + Math.floor(random() * (lagMax - lagMin + 1));
    const user_id = userIds[pick(users, random())] ?? 'u0';
    const event_type = EVENT_TYPES[pick(EVENT_TYPE_CDF, random())] ?? 'page_view';
    events[i] = { ts, user_id, event_type };
  }
  return events;
}

export interface StreamSummary {
  readonly events: number;
  readonly users: number;
  readonly spanMs: number;
  /** Events with ts below the largest ts before them. */
  readonly outOfOrder: number;
  readonly impressions: number;
  readonly clicks: number;
}

export function summarize(events: readonly ClickEvent[]): StreamSummary {
  const users = new Set<string>();
  let maxTs = -Infinity;
  let minTs = Infinity;
  let outOfOrder = 0;
  let impressions = 0;
  let clicks = 0;
  for (const e of events) {
    users.add(e.user_id);
    if (e.ts < maxTs) outOfOrder++;
    maxTs = Math.max(maxTs, e.ts);
    minTs = Math.min(minTs, e.ts);
    if (e.event_type === 'impression') impressions++;
    else if (e.event_type === 'click') clicks++;
  }
  const spanMs = events.length === 0 ? 0 : maxTs - minTs;
  return { events: events.length, users: users.size, spanMs, outOfOrder, impressions, clicks };
}
