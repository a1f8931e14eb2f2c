// Lesson 15's measurement: the same per-user hourly features kept precomputed in an online store
// (the engine's update-mode rows, upserted batch by batch) and computed on read from raw events,
// with write counts, bytes and lookup latency of each, and every lookup checked to agree.
import { parseQuery, SparkEngine } from '../engine';
import { generateClickstream } from '../generator';
import { OnlineStore, originUsageBytes, type FeatureRecord } from '../storage/online-store';
import {
  FEATURE_QUERY,
  FEATURE_WINDOW_MS,
  featuresOnRead,
  sameFeatures,
  toFeatureRecord,
  toRawRecord,
} from './online-store-features';
import { lookupUsers, microBatches, percentile, serializedBytes } from './online-store-helpers';

export interface LabOptions {
  readonly events: number;
  readonly users: number;
  /** Lookups timed per approach (after a few untimed warm-up ones). Default 200. */
  readonly lookups?: number;
  readonly seed?: string | number;
  /** Hours of event time the events cover. Default 6. */
  readonly hours?: number;
  /** Micro-batch trigger in ms of arrival time. Default one minute. */
  readonly triggerMs?: number;
}

export interface ApproachResult {
  /** Rows put into IndexedDB over the whole stream. */
  readonly rowsWritten: number;
  /** Rows held at the end (a feature row is overwritten in place; raw events only add up). */
  readonly rowsStored: number;
  /** JSON length of what is held at the end. */
  readonly bytes: number;
  /** Change of navigator.storage.estimate().usage while writing; null where unknown. */
  readonly usageBytes: number | null;
  readonly writeMs: number;
  readonly lookupMedianMs: number;
  readonly lookupP95Ms: number;
}

export interface LabResult {
  readonly events: number;
  readonly users: number;
  readonly batches: number;
  readonly lookups: number;
  readonly precomputed: ApproachResult;
  readonly onDemand: ApproachResult;
  /** Lookups whose two answers differed (0: the approaches agree). */
  readonly mismatches: number;
  /** The first lookup's answers, to show side by side. */
  readonly sample: {
    readonly precomputed: FeatureRecord | null;
    readonly onDemand: FeatureRecord | null;
  };
}

export interface LabProgress {
  readonly phase: 'generating' | 'precomputing' | 'storing raw events' | 'looking up';
  readonly done: number;
  readonly total: number;
}

const START = Date.UTC(2024, 0, 1, 0, 0, 0);
const WARM_UP = 5;

export async function measureOnlineStore(
  options: LabOptions,
  onProgress: (p: LabProgress) => void = () => undefined,
  clock: () => number = () => performance.now(),
): Promise<LabResult> {
  const hours = options.hours ?? 6;
  const lookups = options.lookups ?? 200;
  onProgress({ phase: 'generating', done: 0, total: 1 });
  const generated = generateClickstream({
    seed: options.seed ?? 'lesson-15',
    startTime: START,
    events: options.events,
    users: options.users,
    rate: options.events / (hours * 3600),
  });
  const batches = microBatches(generated, options.triggerMs ?? 60_000);
  const store = await OnlineStore.open();
  try {
    // (a) The streaming job: each micro-batch's changed rows are upserted into the store.
    const engine = new SparkEngine(parseQuery(FEATURE_QUERY, 'spark'));
    const usage = await originUsageBytes();
    const latest = new Map<string, FeatureRecord>();
    let rowsWritten = 0;
    let featureWriteMs = 0;
    for (const [i, batch] of batches.entries()) {
      const rows = engine.runBatch(batch).result.rows.map(toFeatureRecord);
      const t0 = clock();
      await store.putFeatures(rows);
      featureWriteMs += clock() - t0;
      rowsWritten += rows.length;
      for (const r of rows) latest.set(`${r.user_id}\u0000${String(r.window_start)}`, r);
      onProgress({ phase: 'precomputing', done: i + 1, total: batches.length });
    }
    const afterFeatures = await originUsageBytes();
    // (b) The raw events, appended as they arrive.
    let rawWriteMs = 0;
    for (const [i, batch] of batches.entries()) {
      const t0 = clock();
      await store.putRawEvents(batch.map(toRawRecord));
      rawWriteMs += clock() - t0;
      onProgress({ phase: 'storing raw events', done: i + 1, total: batches.length });
    }
    const afterRaw = await originUsageBytes();
    const delta = (a: number | null, b: number | null): number | null =>
      a === null || b === null ? null : Math.max(0, b - a);
    const featureUsage = delta(usage, afterFeatures);
    const rawUsage = delta(afterFeatures, afterRaw);

    const users = lookupUsers(generated, WARM_UP + lookups);
    const pre: number[] = [];
    const onDemand: number[] = [];
    let mismatches = 0;
    let sample: LabResult['sample'] = { precomputed: null, onDemand: null };
    for (const [k, user] of users.entries()) {
      const t0 = clock();
      const stored = await store.latestFeatures(user);
      const t1 = clock();
      const raw = await store.latestWindowEvents(user, FEATURE_WINDOW_MS);
      const computed = raw === null ? null : featuresOnRead(user, raw.start, raw.events);
      const t2 = clock();
      if (k < WARM_UP) continue;
      pre.push(t1 - t0);
      onDemand.push(t2 - t1);
      if (!sameFeatures(stored, computed)) mismatches++;
      if (k === WARM_UP) sample = { precomputed: stored, onDemand: computed };
      if (k % 20 === 0) onProgress({ phase: 'looking up', done: k - WARM_UP, total: lookups });
    }
    return {
      events: generated.length,
      users: options.users,
      batches: batches.length,
      lookups,
      mismatches,
      sample,
      precomputed: {
        rowsWritten,
        rowsStored: await store.count('features'),
        bytes: serializedBytes([...latest.values()]),
        usageBytes: featureUsage,
        writeMs: featureWriteMs,
        lookupMedianMs: percentile(pre, 50),
        lookupP95Ms: percentile(pre, 95),
      },
      onDemand: {
        rowsWritten: generated.length,
        rowsStored: await store.count('raw_events'),
        bytes: serializedBytes(generated.map(toRawRecord)),
        usageBytes: rawUsage,
        writeMs: rawWriteMs,
        lookupMedianMs: percentile(onDemand, 50),
        lookupP95Ms: percentile(onDemand, 95),
      },
    };
  } finally {
    await store.destroy();
  }
}
