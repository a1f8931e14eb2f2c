// A join engine's whole state as plain JSON, and the shape check a snapshot from storage passes
// before it replaces anything: restoring it and continuing equals never stopping.
import type { StoredRow } from './join-buffer';
import type { JoinWatermarkState } from './join-watermarks';

export interface JoinSnapshot {
  readonly version: 1;
  readonly semantics: 'spark';
  readonly kind: 'join';
  readonly batchId: number;
  readonly inputBatch: number;
  readonly serial: number;
  readonly nextId: number;
  readonly watermark: JoinWatermarkState | null;
  readonly left: readonly StoredRow[];
  readonly right: readonly StoredRow[];
  readonly aggregation: unknown;
}

export function joinSnapshot(
  s: Omit<JoinSnapshot, 'version' | 'semantics' | 'kind'>,
): JoinSnapshot {
  return { version: 1, semantics: 'spark', kind: 'join', ...s };
}

const isInt = (v: unknown): boolean => Number.isInteger(v);
const isTime = (v: unknown): boolean => v === null || Number.isFinite(v);

function isRow(r: unknown): r is StoredRow {
  if (typeof r !== 'object' || r === null) return false;
  const x = r as Partial<StoredRow>;
  return (
    isInt(x.id) &&
    isInt(x.batch) &&
    isInt(x.index) &&
    Number.isFinite(x.time) &&
    isTime(x.evictTime) &&
    typeof x.matched === 'boolean' &&
    typeof x.event === 'object' &&
    (x.event as unknown) !== null
  );
}

function isWatermark(w: unknown): w is JoinWatermarkState {
  if (typeof w !== 'object' || w === null) return false;
  const x = w as Partial<JoinWatermarkState>;
  return (
    Number.isFinite(x.current) &&
    Number.isFinite(x.lastBatch) &&
    Number.isFinite(x.aggregationLast) &&
    Array.isArray(x.inputs) &&
    (x.inputs as unknown[]).every((i) => {
      const input = i as Partial<JoinWatermarkState['inputs'][number]> | null;
      return input !== null && isTime(input.watermark) && isTime(input.max);
    })
  );
}

/** Checks a snapshot's shape; throws (changing nothing) when it is not one this engine wrote. */
export function readJoinSnapshot(input: unknown, withWatermark: boolean): JoinSnapshot {
  const s = input as Partial<JoinSnapshot> | null;
  const ok =
    s?.version === 1 &&
    s.semantics === 'spark' &&
    s.kind === 'join' &&
    isInt(s.batchId) &&
    isInt(s.inputBatch) &&
    isInt(s.serial) &&
    isInt(s.nextId) &&
    Array.isArray(s.left) &&
    Array.isArray(s.right) &&
    s.left.every(isRow) &&
    s.right.every(isRow) &&
    (s.watermark === null || isWatermark(s.watermark));
  if (!ok) throw new Error('not a Spark join engine snapshot of version 1');
  if ((s.watermark === null) === withWatermark)
    throw new Error('the snapshot was taken with a different watermark setting');
  return s as JoinSnapshot;
}
