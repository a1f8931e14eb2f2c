// State for session windows: per key, its sessions sorted by start. A batch's non-late events
// wait per key and are merged with the key's stored sessions when the input ends (Spark's
// MergingSessionsExec over the state store's sessions). A heap by session end finds what a
// watermark closes, so eviction costs what it evicts rather than a scan of every key.
import type { Aggregates } from './aggregate';
import type { GapOf } from './assign-session';
import { EndHeap } from './end-heap';
import { groupKey, keyOfValues, type GroupKey } from './group-key';
import { insertEvent } from './spark-session-insert';
import {
  PendingEvents,
  SessionMerge,
  type KeyState,
  type Session,
  type SessionSink,
} from './spark-session-merge';
import type { RunContext, SparkStore } from './spark-store';
import type { GroupRef } from './trace';
import type { Event, Row } from './types';

export class SessionStore implements SparkStore, SessionSink {
  private readonly state = new Map<unknown, KeyState>();
  private readonly key: GroupKey;
  private readonly pending = new PendingEvents();
  private readonly merger: SessionMerge;
  /** Every live session, by its end when pushed (and some dead ones, skipped when popped). */
  private readonly ends = new EndHeap<Session>();
  private run: RunContext = { serial: 0, lateThreshold: null, trace: null };
  /** Keys with new events in this run, in the order of their first one. */
  private pendingKeys: KeyState[] = [];
  /** This run adds events to sessions as they come (insertEvent) rather than at endInput. */
  private direct = false;
  /** Late (key, session) rows of this run: per key, the "start:end" of each. */
  private lateRows = new Map<unknown, Set<string>>();
  private nextSeq = 0;
  private evictions = 0;
  size = 0;
  dropped = 0;
  droppedEvents = 0;

  constructor(
    private readonly groupBy: readonly string[],
    private readonly gapOf: GapOf,
    private readonly aggregates: Aggregates,
  ) {
    this.key = groupKey(groupBy);
    this.merger = new SessionMerge(aggregates, this.pending, this.ends, this);
  }

  beginRun(run: RunContext): void {
    this.run = run;
    this.pendingKeys = [];
    this.direct = this.aggregates.isOrderFree && run.trace === null && this.merger.canonical;
    this.lateRows = new Map();
    this.dropped = 0;
    this.droppedEvents = 0;
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
    const ks = this.state.get(k) ?? this.newKey(k, this.key.valuesOf(event));
    const serial = this.run.serial;
    if (ks.pendingRun !== serial) {
      ks.pendingRun = serial;
      this.pendingKeys.push(ks);
    }
    if (this.direct) {
      this.size += insertEvent(ks, ts, end, event, serial, this.aggregates, this.ends);
    } else {
      this.pending.push(ks, ts, end, event, index);
    }
  }

  private newKey(mapKey: unknown, key: readonly unknown[], seq = this.nextSeq++): KeyState {
    const ks: KeyState = {
      mapKey,
      key,
      sessions: [],
      last: undefined,
      seq,
      pendingRun: -1,
      firstPending: -1,
      lastPending: -1,
      evictMark: -1,
    };
    this.state.set(mapKey, ks);
    return ks;
  }

  endInput(): void {
    if (!this.direct) {
      for (const ks of this.pendingKeys) {
        this.size += this.merger.merge(ks, this.run.serial);
        ks.firstPending = ks.lastPending = -1;
      }
      this.pending.clear();
    }
    // Dead sessions stay in the heap until popped; do not let them outnumber the live.
    if (this.ends.length > 2 * this.size + 64) {
      const live: Session[] = [];
      for (const ks of this.state.values()) live.push(...ks.sessions);
      this.ends.reset(live, (s) => s.end);
    }
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
    for (const ks of this.state.values()) {
      for (const s of ks.sessions) rows.push(this.rowOf(ks, s));
    }
  }

  /** Keys in Map order, and each key's sessions in order, as a scan of the whole state would. */
  evict(threshold: number, rows: Row[] | null): void {
    const mark = ++this.evictions;
    const keys: KeyState[] = [];
    while (this.ends.topEnd() <= threshold) {
      const s = this.ends.pop();
      if (!s.live) continue;
      // Pushed with an end it has since outgrown: back in at its end now.
      if (s.end > threshold) this.ends.push(s, s.end);
      else if (s.owner.evictMark !== mark) {
        s.owner.evictMark = mark;
        keys.push(s.owner);
      }
    }
    if (keys.length > 1) keys.sort((a, b) => a.seq - b.seq);
    const trace = this.run.trace;
    for (const ks of keys) {
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
      this.size -= sessions.length - kept;
      sessions.length = kept;
      ks.last = sessions[kept - 1];
      if (kept === 0) this.state.delete(ks.mapKey);
    }
  }

  private refOf(ks: KeyState, s: Session): GroupRef {
    return { windowStart: s.start, windowEnd: s.end, key: ks.key };
  }

  private rowOf(ks: KeyState, s: Session): Row {
    const row: Row = { window_start: s.start, window_end: s.end };
    const fields = this.groupBy;
    for (let i = 0; i < fields.length; i++) row[fields[i] as string] = ks.key[i];
    this.aggregates.writeResult(s.acc, row);
    return row;
  }

  toJSON(): unknown {
    return [...this.state.values()].map((ks) => ({
      key: ks.key,
      sessions: ks.sessions.map((s) => ({
        start: s.start,
        end: s.end,
        acc: this.aggregates.toJSON(s.acc),
      })),
    }));
  }

  restore(json: unknown): void {
    this.state.clear();
    this.size = 0;
    this.merger.canonical = true;
    if (!Array.isArray(json)) throw new Error('session state must be a list of keys');
    const all: Session[] = [];
    for (const item of json as {
      key: unknown[];
      sessions: { start: number; end: number; acc: unknown[] }[];
    }[]) {
      const mapKey = keyOfValues(this.groupBy, item.key);
      // A repeated key replaces the first where it stands in the Map (and, as before, both
      // count in size).
      const first = this.state.get(mapKey);
      const ks = this.newKey(mapKey, item.key, first?.seq);
      if (first !== undefined) for (const s of first.sessions) s.live = false;
      ks.sessions = item.sessions.map((s) => ({
        start: s.start,
        end: s.end,
        acc: this.aggregates.fromJSON(s.acc),
        owner: ks,
        live: true,
        touched: 0,
      }));
      ks.last = ks.sessions[ks.sessions.length - 1];
      this.size += ks.sessions.length;
      if (!isCanonical(ks.sessions)) this.merger.canonical = false;
      all.push(...ks.sessions);
    }
    this.ends.reset(
      all.filter((s) => s.live),
      (s) => s.end,
    );
  }
}

/** Sorted by start, each starting after the previous one's end (what merging produces). */
function isCanonical(sessions: readonly Session[]): boolean {
  for (let i = 1; i < sessions.length; i++) {
    if (!((sessions[i] as Session).start > (sessions[i - 1] as Session).end)) return false;
  }
  return true;
}
