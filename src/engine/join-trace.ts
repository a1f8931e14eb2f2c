// Collects a join batch's trace while the driver runs (each input row's fate, the joined pairs,
// the evictions) and describes buffered rows with their eviction bound and matching range.
import type { StoredRow } from './join-buffer';
import type {
  BufferedRow,
  JoinBatchTrace,
  JoinEventFate,
  JoinEviction,
  JoinSide,
  JoinSpec,
} from './join-types';
import { keyWatermarkOrdinal, stateWatermark } from './join-watermarks';

export class JoinTraceRecorder {
  readonly events: JoinEventFate[] = [];
  readonly joined: JoinBatchTrace['joined'][number][] = [];
  readonly evictions: JoinEviction[] = [];
  run: 'data' | 'no-data' = 'data';

  constructor(private readonly spec: JoinSpec) {}

  fate(index: number, fate: JoinEventFate): void {
    this.events[index] = fate;
  }

  pair(left: number | null, right: number | null): void {
    this.joined.push({ left, right, run: this.run });
  }

  evicted(side: JoinSide, row: StoredRow, stateWatermark: number, nullRow: boolean): void {
    this.evictions.push({
      row: describeRow(this.spec, side, row),
      run: this.run,
      stateWatermark,
      nullRow,
    });
  }
}

/**
 * A buffered row for the page: `evictAt` is the global watermark that evicts it (left:
 * time + upper + 1, right: time − lower + 1, or its key time with a key watermark), `range` the
 * other side's times it can still match.
 */
export function describeRow(spec: JoinSpec, side: JoinSide, row: StoredRow): BufferedRow {
  const canEvict = stateWatermark(spec, side, 0) !== null && row.evictTime !== null;
  let evictAt: number | null = null;
  if (canEvict) {
    const b = spec.between;
    if (keyWatermarkOrdinal(spec) !== null || b === null) evictAt = row.evictTime;
    else evictAt = side === 'left' ? row.time + b.upperMs + 1 : row.time - b.lowerMs + 1;
  }
  const b = spec.between;
  const range: BufferedRow['range'] =
    b === null
      ? null
      : side === 'left'
        ? [row.time + b.lowerMs, row.time + b.upperMs]
        : [row.time - b.upperMs, row.time - b.lowerMs];
  return {
    id: row.id,
    side,
    batch: row.batch,
    index: row.index,
    eventTime: row.time,
    matched: row.matched,
    evictAt,
    range,
  };
}
