// The Spark micro-batch driver: one input batch at a time, as Structured Streaming runs a
// windowed aggregation. It owns the watermark, the two thresholds (late rows are judged against
// the previous batch's watermark, state is evicted at this batch's), the output mode and the
// no-data batch that follows a batch that moved the watermark.
import { Aggregates } from './aggregate';
import { sessionGap } from './assign-session';
import { toEpochMs } from './event-time';
import { compileCondition, matches, type Condition } from './field-equals';
import { checkSparkQuery, groupsOnWatermarkedTime, isAggregation } from './spark-refusals';
import { RingStore } from './spark-ring-store';
import { SessionStore } from './spark-session-store';
import type { InputSpec, SparkStore } from './spark-store';
import { WindowStore } from './spark-window-store';
import type { SparkBatchTrace, SparkRun } from './trace';
import { TraceRecorder } from './trace-recorder';
import type { Event, Query, Row, SparkBatchResult } from './types';
import { SparkWatermark, type SparkWatermarkState } from './watermark';

export interface SparkOptions {
  /** Record each event's fate and each window's lifecycle (costs time; off for benchmarks). */
  readonly trace?: boolean;
}

export interface SparkBatchOutput {
  readonly result: SparkBatchResult;
  readonly trace: SparkBatchTrace | null;
}

/** The whole engine state as plain JSON: restoring it and continuing equals never stopping. */
export interface SparkSnapshot {
  readonly version: 1;
  readonly semantics: 'spark';
  readonly batchId: number;
  readonly serial: number;
  readonly watermark: SparkWatermarkState | null;
  readonly state: unknown;
}

/** State is evicted by the watermark: append and update on a watermarked time column. */
function evictsByWatermark(q: Query): boolean {
  return q.outputMode !== 'complete' && groupsOnWatermarkedTime(q);
}

/**
 * The aggregation state a query needs (null: it passes rows through); the join driver reuses
 * it. `fast`: a fresh engine with the trace off, whose window counts may live in rings.
 */
export function createStore(q: Query, fast = false): SparkStore | null {
  if (!isAggregation(q)) return null;
  const aggregates = new Aggregates(q.aggregates, q.derived);
  const w = q.window;
  if (w.type === 'session') {
    const fixed = w.gap.kind === 'fixed' && w.gap.gapMs > 0 ? w.gap.gapMs : null;
    return new SessionStore(q.groupBy, sessionGap(w.gap), aggregates, fixed);
  }
  if (w.type === 'tumbling' || w.type === 'sliding') {
    if (fast && RingStore.fits(w, aggregates, evictsByWatermark(q))) {
      return new RingStore(w, q.groupBy, aggregates);
    }
    return new WindowStore(
      { kind: 'aligned', sizeMs: w.sizeMs, slideMs: w.slideMs, offsetMs: w.offsetMs },
      q.groupBy,
      aggregates,
    );
  }
  if (q.time !== null && q.groupBy.includes(q.time) && q.watermarkDelayMs !== null) {
    return new WindowStore({ kind: 'point', timeField: q.time }, q.groupBy, aggregates);
  }
  return new WindowStore({ kind: 'none' }, q.groupBy, aggregates);
}

function isSnapshotShape(s: Partial<SparkSnapshot>): s is SparkSnapshot {
  const wm = s.watermark;
  return (
    Number.isInteger(s.batchId) &&
    Number.isInteger(s.serial) &&
    (wm === null ||
      (typeof wm === 'object' && Number.isFinite(wm.current) && Number.isFinite(wm.lastBatch)))
  );
}

export class SparkEngine {
  private store: SparkStore | null;
  private readonly watermark: SparkWatermark | null;
  private readonly filter: Condition | null;
  private readonly timeField: string | null;
  /** Whether events without an event time are dropped (the query windows or groups on time). */
  private readonly needsTime: boolean;
  /** Input groups are judged late (time windows in complete mode never are; sessions always). */
  private readonly dropsLate: boolean;
  /** State is evicted by the watermark (append and update on a watermarked time column). */
  private readonly evicts: boolean;
  private readonly tracing: boolean;
  /** How events are read, for a store's compiled input loop (null: the query has no time). */
  private readonly input: InputSpec | null;
  private batchId = 0;
  private serial = 0;

  /** Throws SparkAnalysisError when Spark would refuse the query. */
  constructor(
    readonly query: Query,
    options: SparkOptions = {},
  ) {
    checkSparkQuery(query);
    this.tracing = options.trace ?? false;
    this.store = createStore(query, !this.tracing);
    this.watermark =
      query.watermarkDelayMs === null ? null : new SparkWatermark(query.watermarkDelayMs);
    this.filter = compileCondition(query.filter);
    this.timeField = query.time;
    this.input = query.time === null ? null : { timeField: query.time, filter: this.filter ?? [] };
    this.needsTime = query.window.type !== 'none';
    this.dropsLate = query.window.type === 'session' || query.outputMode !== 'complete';
    this.evicts = evictsByWatermark(query);
  }

  /** Runs one trigger's input; an empty list is a trigger that found no data (nothing runs). */
  runBatch(events: readonly Event[]): SparkBatchOutput {
    const wm = this.watermark;
    const batchWatermark = wm === null ? null : wm.current;
    const rows: Row[] = [];
    const runs: SparkRun[] = [];
    const trace = this.tracing ? new TraceRecorder() : null;
    let dropped = 0;
    let droppedEvents = 0;

    if (events.length > 0) {
      const run: SparkRun = {
        kind: 'data',
        batchId: this.batchId,
        lateThreshold: wm !== null && this.dropsLate ? wm.lastBatch : null,
        evictionThreshold: wm !== null && this.evicts ? wm.current : null,
      };
      runs.push(run);
      this.ingest(events, run, rows, trace);
      dropped = this.store?.dropped ?? 0;
      droppedEvents = this.store?.droppedEvents ?? 0;
      if (wm !== null && wm.advance() && this.runsNoDataBatches()) {
        const noData: SparkRun = {
          kind: 'no-data',
          batchId: this.batchId,
          lateThreshold: this.dropsLate ? wm.lastBatch : null,
          evictionThreshold: this.evicts ? wm.current : null,
        };
        runs.push(noData);
        if (trace !== null) trace.run = 'no-data';
        this.execute(noData, rows, trace);
      }
    }

    const stateRows = this.store?.size ?? 0;
    const result: SparkBatchResult = {
      watermark: batchWatermark,
      rows,
      dropped,
      droppedEvents,
      stateRows,
    };
    if (trace === null) return { result, trace: null };
    return {
      result,
      trace: {
        runs,
        watermarkBefore: batchWatermark,
        watermarkAfter: wm === null ? null : wm.current,
        maxEventTime: wm === null ? null : wm.maxEventTime,
        events: trace.events,
        windows: trace.windows,
        stateRows,
      },
    };
  }

  private runsNoDataBatches(): boolean {
    return (
      this.query.noDataMicroBatches && this.query.outputMode !== 'complete' && this.store !== null
    );
  }

  private ingest(
    events: readonly Event[],
    run: SparkRun,
    rows: Row[],
    trace: TraceRecorder | null,
  ): void {
    const store = this.store;
    store?.beginRun({ serial: ++this.serial, lateThreshold: run.lateThreshold, trace });
    const slow = (e: Event, i: number): void => {
      this.ingestOne(e, i, rows, null);
    };
    const input = this.input;
    const max =
      trace === null && input !== null ? (store?.addAll?.(events, input, slow) ?? null) : null;
    if (max === null) {
      for (let i = 0; i < events.length; i++) this.ingestOne(events[i] as Event, i, rows, trace);
    } else if (max !== -Infinity) this.watermark?.observe(max);
    store?.endInput();
    this.emit(run, rows);
  }

  /** One input event: filter, event time, watermark, then the store (or straight out). */
  private ingestOne(e: Event, i: number, rows: Row[], trace: TraceRecorder | null): void {
    const filter = this.filter;
    if (filter !== null && !matches(e, filter)) {
      if (trace !== null) this.traceFiltered(trace, i, e, filter);
      return;
    }
    const timeField = this.timeField;
    const raw = timeField === null ? null : e[timeField];
    const ts = typeof raw === 'number' && Number.isInteger(raw) ? raw : toEpochMs(raw);
    if (ts === null && this.needsTime) {
      trace?.fate(i, { kind: 'no-time', field: timeField ?? '', value: raw ?? null });
      return;
    }
    if (ts !== null) this.watermark?.observe(ts);
    const store = this.store;
    if (store === null) {
      rows.push({ ...e });
      trace?.fate(i, { kind: 'passed', eventTime: ts });
    } else {
      store.add(e, ts, i);
    }
  }

  /** A batch with no input: evicts (and in append mode emits) what the new watermark closed. */
  private execute(run: SparkRun, rows: Row[], trace: TraceRecorder | null): void {
    this.store?.beginRun({ serial: ++this.serial, lateThreshold: run.lateThreshold, trace });
    this.store?.endInput();
    this.emit(run, rows);
  }

  private emit(run: SparkRun, rows: Row[]): void {
    const store = this.store;
    if (store !== null) {
      const evictAt = run.evictionThreshold;
      switch (this.query.outputMode) {
        case 'complete':
          store.emitAll(rows);
          break;
        case 'update':
          store.emitUpdated(rows);
          if (evictAt !== null) store.evict(evictAt, null);
          break;
        case 'append':
          if (evictAt !== null) store.evict(evictAt, rows);
          break;
      }
    }
    if (this.watermark !== null) this.watermark.lastBatch = this.watermark.current;
    this.batchId++;
  }

  private traceFiltered(trace: TraceRecorder, index: number, e: Event, filter: Condition): void {
    const failed = filter.find(([field, value]) => (e[field] ?? null) !== value);
    if (failed === undefined) return;
    trace.fate(index, {
      kind: 'filtered',
      field: failed[0],
      expected: failed[1],
      actual: e[failed[0]] ?? null,
    });
  }

  snapshot(): SparkSnapshot {
    return {
      version: 1,
      semantics: 'spark',
      batchId: this.batchId,
      serial: this.serial,
      watermark: this.watermark?.toJSON() ?? null,
      state: this.store?.toJSON() ?? null,
    };
  }

  /**
   * Replaces the whole state with a snapshot taken from an engine running the same query. The
   * snapshot may come from storage: its shape is checked and a bad one changes nothing.
   */
  restore(input: unknown): void {
    const snapshot = input as Partial<SparkSnapshot> | null;
    if (snapshot?.version !== 1 || snapshot.semantics !== 'spark' || !isSnapshotShape(snapshot)) {
      throw new Error('not a Spark engine snapshot of version 1');
    }
    if ((snapshot.watermark === null) !== (this.watermark === null)) {
      throw new Error('the snapshot was taken with a different watermark setting');
    }
    // Restore into a fresh store first, so a snapshot that fails half-way leaves this one intact.
    const store = createStore(this.query);
    store?.restore(snapshot.state);
    this.store = store;
    if (snapshot.watermark !== null) this.watermark?.restore(snapshot.watermark);
    this.batchId = snapshot.batchId;
    this.serial = snapshot.serial;
  }
}
