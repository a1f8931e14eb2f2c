// The Spark micro-batch driver for a stream-stream join (StreamingSymmetricHashJoinExec): per
// batch, late rows dropped per side, the left input joined with the right state and buffered,
// then the right input with the left state, then state evicted by the state watermarks (outer
// rows with nulls for rows that never matched), an optional aggregation over the joined rows,
// and the no-data batch when a watermark moved. Longer than most files: it is the one place the
// order of these steps lives, which is the part that has to match Spark.
import { toEpochMs } from './event-time';
import { JoinBuffer, type HeldRow, type StoredRow } from './join-buffer';
import { checkJoinQuery } from './join-refusals';
import { inRange, joinedRow, semiRow, sideReader, type SideReader } from './join-rows';
import { aggregateJoined } from './join-aggregate';
import { classify, type Pending } from './join-classify';
import { describeRow, JoinTraceRecorder } from './join-trace';
import type { JoinBatchTrace, JoinRunWatermarks, JoinSide, JoinSpec } from './join-types';
import {
  aggregationWatermark,
  hasWatermark,
  keyWatermarkOrdinal,
  MultiWatermark,
  stateWatermark,
} from './join-watermarks';
import { createStore } from './spark';
import type { SparkStore } from './spark-store';
import type { SparkRun } from './trace';
import { TraceRecorder } from './trace-recorder';
import type { Event, Query, Row, SparkBatchResult } from './types';
import { joinSnapshot, readJoinSnapshot, type JoinSnapshot } from './spark-join-snapshot';

const NONE: readonly HeldRow[] = [];
const NONE_IDS: readonly number[] = [];

export interface JoinBatchOutput {
  readonly result: SparkBatchResult;
  readonly trace: JoinBatchTrace | null;
}

/** One run's working set: output rows (before aggregation) and the trace. */
interface RunState {
  readonly joined: Row[];
  readonly trace: JoinTraceRecorder | null;
  leftState: number | null;
  rightState: number | null;
}

export class SparkJoinEngine {
  readonly spec: JoinSpec;
  private readonly l: SideReader;
  private readonly r: SideReader;
  private left: JoinBuffer;
  private right: JoinBuffer;
  private readonly watermark: MultiWatermark | null;
  private store: SparkStore | null;
  private readonly tracing: boolean;
  /** The key field whose time evicts state (a watermarked time column among the keys), per side. */
  private readonly keyTimeField: { left: string; right: string } | null;
  private batchId = 0;
  private inputBatch = 0;
  private serial = 0;
  private nextId = 0;

  /** Throws SparkAnalysisError when Spark would refuse the query. */
  constructor(
    readonly query: Query,
    options: { readonly trace?: boolean } = {},
  ) {
    if (query.join === undefined) throw new Error('not a join query');
    this.spec = query.join;
    checkJoinQuery(query, this.spec);
    this.l = sideReader(this.spec, 'left');
    this.r = sideReader(this.spec, 'right');
    this.left = new JoinBuffer(this.l.keyOf);
    this.right = new JoinBuffer(this.r.keyOf);
    this.watermark = hasWatermark(this.spec) ? new MultiWatermark(this.spec) : null;
    this.store = createStore(query);
    this.tracing = options.trace ?? false;
    const k = keyWatermarkOrdinal(this.spec);
    const pair = k === null ? undefined : this.spec.on[k];
    this.keyTimeField = pair === undefined ? null : { left: pair[0], right: pair[1] };
  }

  /** Runs one trigger's input; an empty list is a trigger that found no data (nothing runs). */
  runBatch(events: readonly Event[]): JoinBatchOutput {
    const wm = this.watermark;
    const before = wm === null ? null : wm.current;
    const rows: Row[] = [];
    const runs: JoinRunWatermarks[] = [];
    const trace = this.tracing ? new JoinTraceRecorder(this.spec) : null;
    const aggTrace = this.tracing && this.store !== null ? new TraceRecorder() : null;
    let dropped = 0;
    let droppedEvents = 0;
    if (events.length > 0) {
      const { left, right, late } = classify(
        events,
        this.spec,
        [this.l, this.r],
        this.watermark,
        trace,
      );
      dropped = droppedEvents = late;
      const data = this.execute('data', left, right, rows, runs, trace, aggTrace);
      dropped += data;
      this.inputBatch++;
      if (wm !== null) {
        const joinUsed = wm.lastBatch;
        const aggUsed = wm.aggregationLast;
        wm.endBatch();
        if (this.query.noDataMicroBatches && this.wantsAnotherBatch(joinUsed, aggUsed)) {
          if (trace !== null) trace.run = 'no-data';
          if (aggTrace !== null) aggTrace.run = 'no-data';
          this.execute('no-data', [], [], rows, runs, trace, aggTrace);
          wm.endBatch();
        }
      }
    }
    const stateRows = this.left.size + this.right.size + (this.store?.size ?? 0);
    const result: SparkBatchResult = { watermark: before, rows, dropped, droppedEvents, stateRows };
    if (trace === null) return { result, trace: null };
    return { result, trace: this.describe(trace, aggTrace, runs, before, stateRows) };
  }

  /** Spark's shouldRunAnotherBatch of the join (it evicts state) or of the aggregation. */
  private wantsAnotherBatch(joinUsed: number, aggUsed: number): boolean {
    const wm = this.watermark;
    if (wm === null) return false;
    const evictsState =
      stateWatermark(this.spec, 'left', 0) !== null ||
      stateWatermark(this.spec, 'right', 0) !== null;
    if (evictsState && wm.current > joinUsed) return true;
    return this.store !== null && aggregationWatermark(this.spec, wm.current) > aggUsed;
  }

  /** One run (data or no-data); returns the aggregation's late group rows. */
  private execute(
    kind: 'data' | 'no-data',
    leftIn: readonly Pending[],
    rightIn: readonly Pending[],
    rows: Row[],
    runs: JoinRunWatermarks[],
    trace: JoinTraceRecorder | null,
    aggTrace: TraceRecorder | null,
  ): number {
    const wm = this.watermark;
    const g = wm === null ? null : wm.current;
    const state: RunState = {
      joined: [],
      trace,
      leftState: g === null ? null : stateWatermark(this.spec, 'left', g),
      rightState: g === null ? null : stateWatermark(this.spec, 'right', g),
    };
    for (const p of leftIn) this.joinLeft(p, state);
    for (const p of rightIn) this.joinRight(p, state);
    this.evict(state);
    const aggregation =
      wm === null || this.store === null
        ? null
        : { late: wm.aggregationLast, evict: aggregationWatermark(this.spec, wm.current) };
    const run: SparkRun = {
      kind,
      batchId: this.batchId,
      lateThreshold: wm === null ? null : wm.lastBatch,
      evictionThreshold: g,
    };
    runs.push({ run, leftState: state.leftState, rightState: state.rightState, aggregation });
    const dropped = this.aggregate(state.joined, rows, aggregation, aggTrace, trace);
    if (wm !== null) {
      wm.lastBatch = wm.current;
      if (aggregation !== null) wm.aggregationLast = aggregation.evict;
    }
    this.batchId++;
    return dropped;
  }

  private newRow(p: Pending, side: JoinSide): HeldRow {
    const field = this.keyTimeField?.[side];
    const evictTime = field === undefined ? p.time : toEpochMs(p.event[field]);
    return {
      key: p.key,
      id: this.nextId++,
      batch: this.inputBatch,
      index: p.index,
      event: p.event,
      time: p.time,
      evictTime,
      matched: false,
    };
  }

  /** A left input row: joined with the right state, then buffered (a matched semi row is not). */
  private joinLeft(p: Pending, s: RunState): void {
    const row = this.newRow(p, 'left');
    // The ids are for the trace only: without one, a count will do.
    const matches: number[] | null = s.trace === null ? null : [];
    let matched = 0;
    const semi = this.spec.type === 'leftSemi';
    const candidates = p.nullKey ? undefined : this.right.rowsOf(p.key);
    for (const other of candidates ?? NONE) {
      if (!inRange(this.spec, p.time, other.time)) continue;
      other.matched = true;
      matched++;
      matches?.push(other.id);
      if (semi) continue;
      s.joined.push(joinedRow(p.event, other.event, this.l, this.r));
      s.trace?.pair(row.id, other.id);
    }
    row.matched = matched > 0;
    const semiMatched = semi && row.matched;
    if (semiMatched) {
      s.joined.push(semiRow(p.event, this.l));
      s.trace?.pair(row.id, null);
    } else {
      this.left.add(row, p.key);
    }
    s.trace?.fate(p.index, {
      kind: 'joined',
      side: 'left',
      eventTime: p.time,
      id: row.id,
      matches: matches ?? NONE_IDS,
      buffered: !semiMatched,
    });
  }

  /** A right input row: joined with the left state (a semi join skips rows that matched before). */
  private joinRight(p: Pending, s: RunState): void {
    const row = this.newRow(p, 'right');
    const matches: number[] | null = s.trace === null ? null : [];
    let matched = 0;
    const semi = this.spec.type === 'leftSemi';
    const candidates = p.nullKey ? undefined : this.left.rowsOf(p.key);
    for (const other of candidates ?? NONE) {
      if (semi && other.matched) continue;
      if (!inRange(this.spec, other.time, p.time)) continue;
      other.matched = true;
      matched++;
      matches?.push(other.id);
      s.joined.push(
        semi ? semiRow(other.event, this.l) : joinedRow(other.event, p.event, this.l, this.r),
      );
      s.trace?.pair(other.id, semi ? null : row.id);
    }
    row.matched = matched > 0;
    const t = this.spec.type;
    const evictingNow =
      s.rightState !== null && row.evictTime !== null && row.evictTime <= s.rightState;
    const keep = !evictingNow || ((t === 'rightOuter' || t === 'fullOuter') && !row.matched);
    if (keep) this.right.add(row, p.key);
    s.trace?.fate(p.index, {
      kind: 'joined',
      side: 'right',
      eventTime: p.time,
      id: row.id,
      matches: matches ?? NONE_IDS,
      buffered: keep,
    });
  }

  /** Evicts both sides; the outer side(s) emit a null row for each row that never matched. */
  private evict(s: RunState): void {
    const t = this.spec.type;
    this.evictSide('left', s, t === 'leftOuter' || t === 'fullOuter');
    this.evictSide('right', s, t === 'rightOuter' || t === 'fullOuter');
  }

  private evictSide(side: JoinSide, s: RunState, outer: boolean): void {
    const threshold = side === 'left' ? s.leftState : s.rightState;
    if (threshold === null) return;
    const gone: StoredRow[] = [];
    (side === 'left' ? this.left : this.right).evict(threshold, gone);
    for (const row of gone) {
      const nullRow = outer && !row.matched;
      if (nullRow) {
        s.joined.push(
          side === 'left'
            ? joinedRow(row.event, null, this.l, this.r)
            : joinedRow(null, row.event, this.l, this.r),
        );
        s.trace?.pair(side === 'left' ? row.id : null, side === 'right' ? row.id : null);
      }
      s.trace?.evicted(side, row, threshold, nullRow);
    }
  }

  /** Feeds the joined rows to the aggregation (append mode) or passes them through. */
  private aggregate(
    joined: readonly Row[],
    rows: Row[],
    thresholds: JoinRunWatermarks['aggregation'],
    aggTrace: TraceRecorder | null,
    trace: JoinTraceRecorder | null,
  ): number {
    if (this.store === null) {
      for (const row of joined) rows.push(row);
      return 0;
    }
    // Joined rows are numbered over the batch (both runs), as the trace's `joined` list is.
    const first = (trace?.joined.length ?? joined.length) - joined.length;
    const run = { serial: ++this.serial, first, late: thresholds?.late ?? null };
    return aggregateJoined(
      this.store,
      this.query,
      joined,
      run,
      rows,
      thresholds?.evict ?? null,
      aggTrace,
    );
  }

  private describe(
    trace: JoinTraceRecorder,
    aggTrace: TraceRecorder | null,
    runs: readonly JoinRunWatermarks[],
    before: number | null,
    stateRows: number,
  ): JoinBatchTrace {
    const wm = this.watermark;
    return {
      runs,
      watermarkBefore: before,
      watermarkAfter: wm === null ? null : wm.current,
      policy: this.spec.policy,
      inputs: wm?.describe() ?? [],
      events: trace.events,
      joined: trace.joined,
      evictions: trace.evictions,
      state: {
        left: this.left.rows().map((r) => describeRow(this.spec, 'left', r)),
        right: this.right.rows().map((r) => describeRow(this.spec, 'right', r)),
      },
      windows: aggTrace?.windows ?? [],
      aggregation: aggTrace?.events ?? [],
      stateRows,
    };
  }

  snapshot(): JoinSnapshot {
    return joinSnapshot({
      batchId: this.batchId,
      inputBatch: this.inputBatch,
      serial: this.serial,
      nextId: this.nextId,
      watermark: this.watermark?.toJSON() ?? null,
      left: this.left.toJSON(),
      right: this.right.toJSON(),
      aggregation: this.store?.toJSON() ?? null,
    });
  }

  /** Replaces the whole state with a snapshot of an engine running the same query; a bad one changes nothing. */
  restore(input: unknown): void {
    const s = readJoinSnapshot(input, this.watermark !== null);
    const left = new JoinBuffer(this.l.keyOf);
    const right = new JoinBuffer(this.r.keyOf);
    left.restore(s.left);
    right.restore(s.right);
    const store = createStore(this.query);
    store?.restore(s.aggregation);
    if (s.watermark !== null) this.watermark?.restore(s.watermark);
    this.left = left;
    this.right = right;
    this.store = store;
    this.batchId = s.batchId;
    this.inputBatch = s.inputBatch;
    this.serial = s.serial;
    this.nextId = s.nextId;
  }
}
