// The feature definitions of lesson 15's lab, computed both ways: by the engine as a streaming
// job (rows to precompute) and from raw events when they are read (on demand). Pure: no IndexedDB.
import { valuesEqual, type Event, type Row } from '../engine';
import type { FeatureRecord, RawEventRecord } from '../storage/online-store';

export const FEATURE_WINDOW_MS = 3_600_000;

/**
 * The lesson's query in update mode with no watermark: every micro-batch upserts the rows it
 * changed (the freshest a precomputed feature can be), and no late event is dropped, so the
 * stored rows and the raw events must agree exactly.
 */
export const FEATURE_QUERY = {
  time: 'event_time_ms',
  window: { type: 'tumbling', size: '1 hour' },
  groupBy: ['user_id'],
  aggregates: [
    { fn: 'count', where: { event_type: 'click' }, as: 'clicks' },
    { fn: 'count', where: { event_type: 'purchase' }, as: 'purchases' },
    { fn: 'sum', field: 'total_amount', where: { event_type: 'purchase' }, as: 'spend' },
  ],
  outputMode: 'update',
} as const;

function numberOrNull(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}

/** An engine output row of FEATURE_QUERY as the online store keeps it. */
export function toFeatureRecord(row: Row): FeatureRecord {
  return {
    user_id: String(row.user_id),
    window_start: Number(row.window_start),
    window_end: Number(row.window_end),
    clicks: Number(row.clicks),
    purchases: Number(row.purchases),
    spend: numberOrNull(row.spend),
  };
}

/** A generated event as the raw-event store keeps it (only the fields the features read). */
export function toRawRecord(e: Event): RawEventRecord {
  return {
    user_id: String(e.user_id),
    ts: Number(e.event_time_ms),
    event_id: Number(e.event_id),
    event_type: String(e.event_type),
    total_amount: numberOrNull(e.total_amount),
  };
}

/**
 * The features of `user` in `[start, start + windowMs)` from its raw events, as the engine
 * computes them: counts of clicks and purchases, and the sum of purchases' amounts (null when
 * there is none). Events outside the window or of another user are ignored.
 */
export function featuresOnRead(
  user: string,
  start: number,
  events: readonly RawEventRecord[],
  windowMs = FEATURE_WINDOW_MS,
): FeatureRecord {
  let clicks = 0;
  let purchases = 0;
  let spend: number | null = null;
  for (const e of events) {
    if (e.user_id !== user || e.ts < start || e.ts >= start + windowMs) continue;
    if (e.event_type === 'click') clicks++;
    else if (e.event_type === 'purchase') {
      purchases++;
      if (e.total_amount !== null) spend = (spend ?? 0) + e.total_amount;
    }
  }
  return {
    user_id: user,
    window_start: start,
    window_end: start + windowMs,
    clicks,
    purchases,
    spend,
  };
}

/** Same features (spend within 1e-9 relative: the two ways add in different orders). */
export function sameFeatures(a: FeatureRecord | null, b: FeatureRecord | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.user_id === b.user_id &&
    a.window_start === b.window_start &&
    a.window_end === b.window_end &&
    a.clicks === b.clicks &&
    a.purchases === b.purchases &&
    valuesEqual(a.spend, b.spend)
  );
}
