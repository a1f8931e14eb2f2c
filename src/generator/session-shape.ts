// The numbers a session is drawn from, derived once from the settings: step probabilities,
// how many ads, think-time cut-off, and how often sessions start so the stream has `rate`.

import type { NormalisedGeneratorSettings } from './settings';

export interface SessionShape {
  readonly productView: number;
  readonly addToCart: number;
  readonly purchase: number;
  /** P(another page view after this one) = 1 − 1 / pagesPerSession. */
  readonly nextPage: number;
  /** P(one more impression after a site event or impression): impressions per site event are
   * geometric with mean λ = share / (1 − share · (1 + CTR)). */
  readonly anotherImpression: number;
  readonly clickThroughRate: number;
  /** Mean events per session, ads included. */
  readonly eventsPerSession: number;
  /** Mean ms between session starts: eventsPerSession / rate. */
  readonly meanStartGapMs: number;
  readonly thinkMeanMs: number;
  /** 1 − e^(−(gap − 2) / mean): think times are exponential cut to [0, gap − 2). */
  readonly thinkCut: number;
  /** No step within a session is longer: gap − 1. */
  readonly maxStepMs: number;
  /** Mean time from a session's first event to its last. */
  readonly sessionMs: number;
  /** How long before the start sessions begin, so the stream starts at its steady rate. */
  readonly warmUpMs: number;
}

/** Impressions appear 1–2 s after what they follow; a click 1–10 s after its impression. */
export const IMPRESSION_DELAY_MS = [1, 2000] as const;
export const CLICK_DELAY_MS = [1000, 10_000] as const;

/** The warm-up lasts at most as long as the stream takes to make this many events. */
const MAX_WARM_UP_EVENTS = 20_000;

export function sessionShape(s: NormalisedGeneratorSettings): SessionShape {
  const { productView, addToCart, purchase } = s.funnel;
  const { impressionShare, clickThroughRate } = s.ads;
  const siteEventsPerPage = 1 + productView * (1 + addToCart * (1 + purchase));
  const adLoad = impressionShare * (1 + clickThroughRate);
  const impressionsPerSiteEvent = impressionShare / (1 - adLoad);
  // Site events are a share 1 − adLoad of all events.
  const eventsPerSession = (s.pagesPerSession * siteEventsPerPage) / (1 - adLoad);
  const siteEvents = s.pagesPerSession * siteEventsPerPage;
  const impressions = siteEvents * impressionsPerSiteEvent;
  const maxStepMs = s.sessionGapMs - 1;
  // Think times are 1 + floor(exponential cut at gap − 2): about its cut mean + 0.5.
  const cutMs = s.sessionGapMs - 2;
  const thinkMs = s.thinkTimeMs - cutMs / Math.expm1(cutMs / s.thinkTimeMs) + 0.5;
  const sessionMs =
    (siteEvents - 1) * thinkMs +
    impressions * meanCappedUniform(IMPRESSION_DELAY_MS, maxStepMs) +
    impressions * clickThroughRate * meanCappedUniform(CLICK_DELAY_MS, maxStepMs);
  return {
    productView,
    addToCart,
    purchase,
    nextPage: 1 - 1 / s.pagesPerSession,
    anotherImpression: impressionsPerSiteEvent / (1 + impressionsPerSiteEvent),
    clickThroughRate,
    eventsPerSession,
    meanStartGapMs: (1000 * eventsPerSession) / s.rate,
    thinkMeanMs: s.thinkTimeMs,
    thinkCut: -Math.expm1(-(s.sessionGapMs - 2) / s.thinkTimeMs),
    maxStepMs,
    sessionMs,
    warmUpMs: Math.round(Math.min(3 * sessionMs, (1000 * MAX_WARM_UP_EVENTS) / s.rate)),
  };
}

/**
 * The most events per second `users` people make at this pace: each browses one session at a
 * time and rests longer than the gap before the next, so one user makes at most
 * eventsPerSession per (sessionMs + gap). Rates near it leave few users free to start sessions.
 */
export function maxEventRate(s: NormalisedGeneratorSettings): number {
  const shape = sessionShape(s);
  return (s.users * shape.eventsPerSession * 1000) / (shape.sessionMs + s.sessionGapMs + 1);
}

/** Mean of min(U, cap) for U uniform on [lo, hi] (continuous approximation). */
function meanCappedUniform([lo, hi]: readonly [number, number], cap: number): number {
  if (cap >= hi) return (lo + hi) / 2;
  if (cap <= lo) return cap;
  return ((cap * cap - lo * lo) / 2 + cap * (hi - cap)) / (hi - lo);
}
