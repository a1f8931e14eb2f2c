// Small pieces of lesson 15's lab: micro-batches by arrival, which users to look up, percentiles
// of timings, and the serialized size of stored records.
import type { GeneratedEvent } from '../generator';

/** Micro-batches of `triggerMs` of arrival time; the generator's events come in arrival order. */
export function microBatches(
  events: readonly GeneratedEvent[],
  triggerMs: number,
): GeneratedEvent[][] {
  const batches: GeneratedEvent[][] = [];
  let current: GeneratedEvent[] = [];
  let tick = Number.NaN;
  for (const e of events) {
    const t = Math.floor(e.arrival_ms / triggerMs);
    if (t !== tick && current.length > 0) {
      batches.push(current);
      current = [];
    }
    tick = t;
    current.push(e);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * `count` users to look up, spread over every user that has events (sorted, then stepped by a
 * prime so busy and quiet users alternate), the same for the same events.
 */
export function lookupUsers(events: readonly { user_id: string }[], count: number): string[] {
  const ids = [...new Set(events.map((e) => e.user_id))].sort();
  if (ids.length === 0) return [];
  return Array.from({ length: count }, (_, k) => ids[(k * 7919) % ids.length] ?? '');
}

/** The p-th percentile (nearest rank) of `xs`; 0 for none. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? 0;
}

/** Bytes of `records` as JSON text (ASCII here, so characters are bytes): a size estimate. */
export function serializedBytes(records: readonly unknown[]): number {
  let bytes = 0;
  for (const r of records) bytes += JSON.stringify(r).length;
  return bytes;
}
