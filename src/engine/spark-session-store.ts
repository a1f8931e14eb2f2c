// State for session windows: per key, its sessions sorted by start. A batch's non-late events
// wait per key and are merged with the key's stored sessions when the input ends (Spark's
// MergingSessionsExec over the state store's sessions), or, when the order they fold in cannot
// matter, join them as they come. Eviction takes only the keys a watermark closes.
import { accumulatorOf, type Accumulator, type Aggregates } from './aggregate';
import type { GapOf } from './assign-session';
import type { RowBuilder } from './row-builder';
import { groupKey, type GroupKey } from './group-key';
import { insertEvent } from './spark-session-insert';
import {
  PendingEvents,
  SessionMerge,
  type KeyState,
  type Session,
  type SessionSink,
} from './spark-session-merge';
import { SessionState } from './spark-session-state';
import { compileSessionIngest, type CompiledSessionIngest } from './session-ingest-builder';
import type { InputSpec, RunContext, SlowPath, SparkStore } from './spark-store';
import type { GroupRef } from './trace';
import type { Event, Row } from './types';

export class SessionStore implements SparkStore, SessionSink {
  private readonly state: SessionState;
  private readonly key: GroupKey;
  private readonly pending = new PendingEvents();
  private readonly merger: SessionMerge;
  private run: RunContext = { serial: 0, lateThreshold: null, trace: null };
  /** Keys with new events in this run, in the order of their first one. */
  private pendingKeys: KeyState[] = [];
  /** This run adds events to sessions as they come (insertEvent) rather than at endInput. */
  private direct = false;
  /** The compiled input loop, made on first use (null: the runtime refused to compile). */
  private compiled: CompiledSessionIngest | null | undefined = undefined;
  private readonly scratch: Accumulator = [0];
  private readonly build: RowBuilder;
  /** Late (key, session) rows of this run: per key, the "start:end" of each. */
  private lateRows = new Map<unknown, Set<string>>();
  dropped = 0;
  droppedEvents = 0;

  constructor(
    private readonly groupBy: readonly string[],
    private readonly gapOf: GapOf,
    private readonly aggregates: Aggregates,
    /** The gap when it is one positive duration for every event (the compiled loop needs it). */
    private readonly fixedGapMs: number | null = null,
  ) {
    this.key = groupKey(groupBy);
    this.build = aggregates.rowBuilder({ window: true, keyFields: groupBy, singleKey: false });
    this.state = new SessionState(groupBy, aggregates);
    this.merger = new SessionMerge(aggregates, this.pending, this.state, this);
  }

  get size(): number {
    return this.state.size;
  }

  beginRun(run: RunContext): void {
    this.run = run;
    this.pendingKeys = [];
    // Counts add up the same in any order; a trace needs each merge's parts.
    this.direct =
      this.aggregates.isOrderFree &&
      this.state.integralCounts &&
      this.state.canonical &&
      run.trace === null;
    this.lateRows = new Map();
    this.dropped = 0;
    this.droppedEvents = 0;
  }

  /**
   * The compiled loop (session-ingest-builder.ts) for the events that join their key's latest
   * session: in direct mode, with a fixed gap.
   */
  addAll(events: readonly Event[], input: InputSpec, slow: SlowPath): number | null {
    const gap = this.fixedGapMs;
    if (!this.direct || gap === null) return null;
    if (this.compiled === undefined) {
      const keyField = this.groupBy.length === 1 ? (this.groupBy[0] ?? null) : null;
      this.compiled = compileSessionIngest({ ...input, keyField });
    }
    const ingest = this.compiled;
    if (ingest === null) return null;
    const { serial, lateThreshold } = this.run;
    const { add } = this.aggregates;
    const late = lateThreshold ?? -Infinity;
    return ingest(
      events,
      this.state.keys,
      this.pendingKeys,
      serial,
      late,
      gap,
      add,
      this.key.keyOf,
      slow,
    );
  }

  /** Events with no usable gap are dropped silently, as Spark filters rows whose gap <= 0. */
  add(event: Event, ts: number | null, index: number): void {
    if (ts === null) return;
    const { trace, lateThreshold } = this.run;
    const gap = this.gapOf(event);
    if (gap === null) {
      trace?.fate(index, { kind: 'no-gap', eventTime: ts, gapMs: null });
      return;
    }
    const end = ts + gap;
    const k = this.key.keyOf(event);
    if (lateThreshold !== null && end <= lateThreshold) {
      // Spark's partial aggregate makes one row per (key, session) before the late filter.
      let rows = this.lateRows.get(k);
      if (rows === undefined) this.lateRows.set(k, (rows = new Set()));
      const row = `${String(ts)}:${String(end)}`;
      if (!rows.has(row)) {
        rows.add(row);
        this.dropped++;
      }
      this.droppedEvents++;
      trace?.late(index, ts, {
        group: { windowStart: ts, windowEnd: end, key: this.key.valuesOf(event) },
        rule: 'session_end <= watermark',
        bound: end,
        watermark: lateThreshold,
      });
      return;
    }
    // A new key joins the Map now, in the order of its first event, as it would at endInput.
    const ks = this.state.keys.get(k) ?? this.state.add(k, this.key.valuesOf(event));
    const serial = this.run.serial;
    if (ks.pendingRun !== serial) {
      ks.pendingRun = serial;
      this.pendingKeys.push(ks);
    }
    if (this.direct) {
      this.state.size += insertEvent(ks, ts, end, event, serial, this.aggregates, this.state.ends);
    } else {
      this.pending.push(ks, ts, end, event, index);
    }
  }

  endInput(): void {
    if (!this.direct) {
      for (const ks of this.pendingKeys) {
        this.state.size += this.merger.merge(ks, this.run.serial);
        ks.firstPending = ks.lastPending = -1;
      }
      this.pending.clear();
    }
    this.state.compact();
  }

  /** SessionSink: what a merge made of stored sessions and new events, for the trace. */
  merged(
    ks: KeyState,
    session: Session,
    storedBounds: readonly number[],
    fresh: readonly number[],
  ): void {
    const trace = this.run.trace;
    if (trace === null) return;
    const ref = this.refOf(ks, session);
    const { index, start } = this.pending;
    for (const at of fresh) trace.counted(index[at] as number, start[at] as number, ref);
    const row = this.rowOf(ks, session);
    const stored = storedBounds.length / 2;
    if (stored === 0) trace.window('created', ref, row);
    else if (stored === 1) {
      // A session that grew is a new window to the reader: name the bounds it had.
      const [windowStart, windowEnd] = storedBounds as [number, number];
      const grew = windowStart !== session.start || windowEnd !== session.end;
      if (grew) trace.window('updated', ref, row, [{ windowStart, windowEnd, key: ks.key }]);
      else trace.window('updated', ref, row);
    } else {
      const mergedFrom: GroupRef[] = [];
      for (let k = 0; k < storedBounds.length; k += 2) {
        const windowStart = storedBounds[k] as number;
        const windowEnd = storedBounds[k + 1] as number;
        mergedFrom.push({ windowStart, windowEnd, key: ks.key });
      }
      trace.window('merged', ref, row, mergedFrom);
    }
  }

  /** Sessions this run created or grew: per key in order of its first event, by start. */
  emitUpdated(rows: Row[]): void {
    const serial = this.run.serial;
    for (const ks of this.pendingKeys) {
      for (const s of ks.sessions) if (s.touched === serial) rows.push(this.rowOf(ks, s));
    }
  }

  emitAll(rows: Row[]): void {
    for (const ks of this.state.keys.values()) {
      for (const s of ks.sessions) rows.push(this.rowOf(ks, s));
    }
  }

  /** Keys in Map order, and each key's sessions in order, as a scan of the whole state would. */
  evict(threshold: number, rows: Row[] | null): void {
    const trace = this.run.trace;
    for (const ks of this.state.closing(threshold)) {
      const sessions = ks.sessions;
      let kept = 0;
      for (const s of sessions) {
        if (s.end > threshold) {
          sessions[kept++] = s;
          continue;
        }
        s.live = false;
        if (rows !== null || trace !== null) {
          const row = this.rowOf(ks, s);
          rows?.push(row);
          trace?.window(rows === null ? 'evicted' : 'emitted', this.refOf(ks, s), row);
        }
      }
      this.state.size -= sessions.length - kept;
      sessions.length = kept;
      ks.last = sessions[kept - 1];
      if (kept === 0) this.state.keys.delete(ks.mapKey);
    }
  }

  private refOf(ks: KeyState, s: Session): GroupRef {
    return { windowStart: s.start, windowEnd: s.end, key: ks.key };
  }

  private rowOf(ks: KeyState, s: Session): Row {
    return this.build(s.start, s.end, null, ks.key, accumulatorOf(s, this.scratch));
  }

  toJSON(): unknown {
    return this.state.toJSON();
  }

  restore(json: unknown): void {
    this.state.restore(json);
  }
}
