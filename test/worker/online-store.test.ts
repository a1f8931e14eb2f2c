// Lesson 15's lab under fake-indexeddb: the features computed on read and by the engine agree on
// a hand-worked case, the store's two reads find them, and a whole small lab run agrees on every
// lookup and leaves no database behind.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { parseQuery, SparkEngine } from '../../src/engine';
import { OnlineStore, windowStartOf } from '../../src/storage/online-store';
import {
  FEATURE_QUERY,
  featuresOnRead,
  sameFeatures,
  toFeatureRecord,
  toRawRecord,
} from '../../src/worker/online-store-features';
import { lookupUsers, percentile } from '../../src/worker/online-store-helpers';
import { measureOnlineStore } from '../../src/worker/online-store-lab';

const H10 = Date.UTC(2024, 4, 6, 10);
const H11 = H10 + 3_600_000;
const min = (m: number): number => m * 60_000;
const ev = (id: number, user: string, type: string, ts: number, amount?: number) => ({
  event_id: id,
  user_id: user,
  event_type: type,
  event_time_ms: ts,
  ...(amount === undefined ? {} : { total_amount: amount }),
});
// Two micro-batches; u1's 11:40 purchase arrives before its 11:30 one.
const BATCHES = [
  [ev(1, 'u1', 'click', H10 + min(5)), ev(2, 'u1', 'purchase', H10 + min(20), 12.5)],
  [
    ev(3, 'u1', 'click', H11 + min(10)),
    ev(6, 'u2', 'click', H11 + min(15)),
    ev(5, 'u1', 'purchase', H11 + min(40), 7.25),
    ev(4, 'u1', 'purchase', H11 + min(30), 20),
    ev(7, 'u1', 'page_view', H11 + min(45)),
  ],
];
const U1_LATEST = {
  user_id: 'u1',
  window_start: H11,
  window_end: H11 + 3_600_000,
  clicks: 1,
  purchases: 2,
  spend: 27.25,
};

describe('features, both ways', () => {
  it('on read: counts and sums one window of one user, by hand', () => {
    const raw = BATCHES.flat().map(toRawRecord);
    expect(featuresOnRead('u1', H11, raw)).toEqual(U1_LATEST);
    expect(featuresOnRead('u1', H10, raw)).toMatchObject({ clicks: 1, purchases: 1, spend: 12.5 });
    expect(featuresOnRead('u2', H11, raw)).toMatchObject({ clicks: 1, purchases: 0, spend: null });
  });

  it('precomputed: the engine upserts the same rows, and the store reads them back', async () => {
    const engine = new SparkEngine(parseQuery(FEATURE_QUERY, 'spark'));
    const store = await OnlineStore.open('test-online-store');
    try {
      const written = [];
      for (const batch of BATCHES) {
        const rows = engine.runBatch(batch).result.rows.map(toFeatureRecord);
        written.push(rows.length);
        await store.putFeatures(rows);
        await store.putRawEvents(batch.map(toRawRecord));
      }
      // Batch 0: u1 10:00. Batch 1: u1 11:00, u2 11:00. Three keys, three writes.
      expect(written).toEqual([1, 2]);
      expect(await store.count('features')).toBe(3);
      expect(await store.latestFeatures('u1')).toEqual(U1_LATEST);
      const raw = await store.latestWindowEvents('u1', 3_600_000);
      expect(raw?.start).toBe(H11);
      expect(raw?.events.map((e) => e.event_id)).toEqual([3, 4, 5, 7]);
      const computed = raw && featuresOnRead('u1', raw.start, raw.events);
      expect(sameFeatures(await store.latestFeatures('u1'), computed)).toBe(true);
      expect(await store.latestFeatures('nobody')).toBeNull();
      expect(await store.latestWindowEvents('nobody', 3_600_000)).toBeNull();
    } finally {
      await store.destroy();
    }
  });

  it('sameFeatures tolerates a different order of addition, not a different count', () => {
    const a = { ...U1_LATEST, spend: 0.1 + 0.2 + 0.3 };
    expect(sameFeatures(a, { ...U1_LATEST, spend: 0.3 + 0.2 + 0.1 })).toBe(true);
    expect(sameFeatures(a, { ...a, clicks: 2 })).toBe(false);
    expect(sameFeatures(null, null)).toBe(true);
    expect(sameFeatures(a, null)).toBe(false);
  });
});

describe('helpers', () => {
  it('windowStartOf floors, also before 1970', () => {
    expect(windowStartOf(H11 + 5, 3_600_000)).toBe(H11);
    expect(windowStartOf(-1, 3_600_000)).toBe(-3_600_000);
  });
  it('percentile is nearest rank', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([...Array(100).keys()], 95)).toBe(94);
    expect(percentile([], 50)).toBe(0);
  });
  it('lookupUsers spreads over the users that have events', () => {
    const users = lookupUsers([{ user_id: 'b' }, { user_id: 'a' }, { user_id: 'b' }], 4);
    expect(new Set(users)).toEqual(new Set(['a', 'b']));
  });
});

describe('measureOnlineStore', () => {
  it('agrees on every lookup, counts writes and rows, and deletes its database', async () => {
    const phases = new Set<string>();
    const result = await measureOnlineStore({ events: 600, users: 30, lookups: 40 }, (p) =>
      phases.add(p.phase),
    );
    expect(result.mismatches).toBe(0);
    expect(result.events).toBe(600);
    expect(result.sample.precomputed).not.toBeNull();
    expect(sameFeatures(result.sample.precomputed, result.sample.onDemand)).toBe(true);
    expect(result.onDemand.rowsWritten).toBe(600);
    expect(result.onDemand.rowsStored).toBe(600);
    expect(result.precomputed.rowsWritten).toBeGreaterThanOrEqual(result.precomputed.rowsStored);
    expect(result.precomputed.rowsStored).toBeGreaterThan(0);
    expect(result.precomputed.bytes).toBeGreaterThan(0);
    expect(result.onDemand.bytes).toBeGreaterThan(result.precomputed.bytes);
    expect([...phases]).toEqual(['generating', 'precomputing', 'storing raw events', 'looking up']);
    expect(await indexedDB.databases()).toEqual([]);
  });
});
