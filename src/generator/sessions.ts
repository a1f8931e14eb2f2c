// Users browsing in sessions, written into an EventBuffer in generation order: sessions start
// as a Poisson process sized to the rate; each walks the funnel page by page with ads between.
// Within a session consecutive events are < gap apart; a user's sessions are > gap apart.

import { ADS, EXTERNAL_REFERRER_WEIGHTS, PAGE_WEIGHTS, PRODUCTS } from './catalog';
import { EventBuffer } from './event-buffer';
import { ArrivalSampler } from './arrival';
import { Prng } from './prng';
import { WeightedSampler, zipfSampler } from './sampler';
import { ADD_TO_CART, CLICK, IMPRESSION, PAGE_VIEW, PRODUCT_VIEW, PURCHASE } from './schema';
import type { NormalisedGeneratorSettings } from './settings';
import { UserPool } from './users';
import {
  CLICK_DELAY_MS,
  IMPRESSION_DELAY_MS,
  sessionShape,
  type SessionShape,
} from './session-shape';

export interface GeneratedColumns {
  readonly buffer: EventBuffer;
  readonly users: UserPool;
  /** Sessions are numbered 1…sessions. */
  readonly sessions: number;
}

/**
 * Every event with start ≤ time < start + duration, or (for an event count) at least the
 * `count` earliest by event time, in generation order. Random draws never depend on which
 * events are kept, so a shorter stream is the same stream cut earlier.
 */
export function generateColumns(settings: NormalisedGeneratorSettings): GeneratedColumns {
  return new SessionSimulator(settings).run();
}

class SessionSimulator {
  private readonly rng: Prng;
  private readonly arrival: ArrivalSampler;
  private readonly users: UserPool;
  private readonly buffer: EventBuffer;
  private readonly shape: SessionShape;
  private readonly pages = new WeightedSampler(PAGE_WEIGHTS);
  private readonly referrers = new WeightedSampler(EXTERNAL_REFERRER_WEIGHTS);
  private readonly products = zipfSampler(PRODUCTS.length, 1);
  private readonly ads = new WeightedSampler(ADS.map((a) => a.weight));
  private readonly startMs: number;
  private readonly endMs: number;
  private maxStoredTime = -Infinity;
  // The session being written.
  private user = 0;
  private session = 0;
  private impressions = 0;
  private orders = 0;
  /** Time of the page view whose time_spent waits for the next site event (NaN: none). */
  private pageTime = Number.NaN;
  /** Its buffer index, or −1 when it was not kept. */
  private pageIndex = -1;

  constructor(private readonly settings: NormalisedGeneratorSettings) {
    const root = new Prng(settings.seed);
    this.rng = root.fork('sessions');
    this.arrival = new ArrivalSampler(settings.arrival, root.fork('arrival'));
    this.users = new UserPool(settings.users, settings.zipfExponent, root.fork('users'));
    this.shape = sessionShape(settings);
    this.startMs = settings.startMs;
    const { stop } = settings;
    this.endMs = stop.kind === 'duration' ? settings.startMs + stop.durationMs : Infinity;
    const expected =
      stop.kind === 'duration' ? (settings.rate * stop.durationMs) / 1000 : stop.count;
    this.buffer = new EventBuffer(expected * 1.05 + 1024);
  }

  run(): GeneratedColumns {
    const { rng, users, shape } = this;
    const count = this.settings.stop.kind === 'events' ? this.settings.stop.count : Infinity;
    // Sessions that started before the stream's start are already running at it (their
    // earlier events are not kept), so the rate holds from the first second.
    let planned = this.startMs - shape.warmUpMs;
    let horizon = Infinity;
    for (;;) {
      // Once `count` events are kept, the count-th earliest is at most the latest kept: a
      // session starting after that adds nothing to the first `count`.
      if (horizon === Infinity && this.buffer.length >= count) horizon = this.maxStoredTime;
      planned += rng.exponential(shape.meanStartGapMs);
      const at = Math.floor(planned);
      if (at >= this.endMs || at > horizon) break;
      const user = users.choose(at, rng);
      this.runSession(Math.max(at, users.freeFrom[user] as number), user);
    }
    return { buffer: this.buffer, users, sessions: this.session };
  }

  private runSession(start: number, user: number): void {
    const { rng, shape } = this;
    this.user = user;
    this.session++;
    let t = start;
    let referrer = -1 - this.referrers.sample(rng);
    for (;;) {
      const page = this.pages.sample(rng);
      this.site(t, PAGE_VIEW, page, referrer, 0);
      t = this.showAds(t);
      if (rng.uniform() < shape.productView) {
        t += this.think();
        const product = this.products.sample(rng);
        this.site(t, PRODUCT_VIEW, product, 0, 0);
        t = this.showAds(t);
        if (rng.uniform() < shape.addToCart) {
          t += this.think();
          const u = rng.uniform();
          const quantity = u < 0.7 ? 1 : u < 0.9 ? 2 : 3;
          this.site(t, ADD_TO_CART, product, quantity, 0);
          t = this.showAds(t);
          if (rng.uniform() < shape.purchase) {
            t += this.think();
            this.site(t, PURCHASE, product, quantity, ++this.orders);
            t = this.showAds(t);
          }
        }
      }
      if (rng.uniform() >= shape.nextPage) break;
      t += this.think();
      referrer = page;
    }
    // The last page's time spent: the user reads it, then leaves.
    if (this.pageTime === this.pageTime) this.endPageView(t + this.think());
    this.users.freeFrom[user] = t + this.settings.sessionGapMs + 1;
  }

  /** Impressions after a site event (a geometric number), each clicked with the CTR. */
  private showAds(t: number): number {
    const { rng, shape } = this;
    while (rng.uniform() < shape.anotherImpression) {
      t += Math.min(rng.int(IMPRESSION_DELAY_MS[0], IMPRESSION_DELAY_MS[1]), shape.maxStepMs);
      const ad = this.ads.sample(rng);
      const impression = ++this.impressions;
      this.emit(t, IMPRESSION, ad, impression, 0, true);
      if (rng.uniform() < shape.clickThroughRate) {
        const shownAt = t;
        t += Math.min(rng.int(CLICK_DELAY_MS[0], CLICK_DELAY_MS[1]), shape.maxStepMs);
        // A click is kept only with its impression (which may fall before the start).
        this.emit(t, CLICK, ad, impression, 0, shownAt >= this.startMs);
      }
    }
    return t;
  }

  /** A page, product or cart event: it ends the pending page view's time spent. */
  private site(t: number, type: number, a: number, b: number, c: number): void {
    if (this.pageTime === this.pageTime) this.endPageView(t);
    const index = this.emit(t, type, a, b, c, true);
    if (type === PAGE_VIEW) {
      this.pageTime = t;
      this.pageIndex = index;
    }
  }

  /** The pending page view was left at t: its time_spent is the whole seconds until then. */
  private endPageView(t: number): void {
    if (this.pageIndex >= 0) this.buffer.c[this.pageIndex] = Math.round((t - this.pageTime) / 1000);
    this.pageTime = Number.NaN;
    this.pageIndex = -1;
  }

  /** Draws the arrival delay (always, so later draws never shift) and keeps the event if it is
   * in range. Returns its index, or −1. */
  private emit(t: number, type: number, a: number, b: number, c: number, keep: boolean): number {
    const delay = this.arrival.next();
    if (!keep || t < this.startMs || t >= this.endMs) return -1;
    if (t > this.maxStoredTime) this.maxStoredTime = t;
    return this.buffer.push(t, delay, this.user, this.session, type, a, b, c);
  }

  /** Think time: exponential with the configured mean, cut to [1, gap − 2] ms. */
  private think(): number {
    const { shape } = this;
    const ms =
      1 + Math.floor(-shape.thinkMeanMs * Math.log(1 - this.rng.uniform() * shape.thinkCut));
    return Math.min(ms, shape.maxStepMs);
  }
}
