// State for session windows: per key, its sessions sorted by start. A batch's non-late events
// are merged with the stored sessions of their key when the input ends (Spark's
// MergingSessionsExec over the state store's sessions).
import type { Accumulator, Aggregates } from './aggregate';
import { mergeSorted, type GapOf } from './assign-session';
import { groupKey, keyOfValues, type GroupKey } from './group-key';
import type { RunContext, SparkStore } from './spark-store';
import type { GroupRef } from './trace';
import type { Event, Row } from './types';

interface Session {
  readonly start: number;
  readonly end: number;
  readonly acc: Accumulator;
  touched: number;
}

interface KeyState {
  readonly key: readonly unknown[];
  sessions: Session[];
}

/** A new event waiting to be merged: its own session [ts, ts + gap). */
interface Pending {
  readonly start: number;
  readonly end: number;
  readonly event: Event;
  readonly index: number;
  readonly stored: null;
}

interface PendingKey {
  readonly key: readonly unknown[];
  readonly items: Pending[];
}

type Part = Pending | (Session & { readonly stored: Session });

export class SessionStore implements SparkStore {
  private readonly state = new Map<unknown, KeyState>();
  private readonly key: GroupKey;
  private run: RunContext = { serial: 0, lateThreshold: null, trace: null };
  private pending = new Map<unknown, PendingKey>();
  private touched: { readonly state: KeyState; readonly session: Session }[] = [];
  /** Late (key, session) rows of this run: per key, the "start:end" of each. */
  private lateRows = new Map<unknown, Set<string>>();
  size = 0;
  dropped = 0;
  droppedEvents = 0;

  constructor(
    private readonly groupBy: readonly string[],
    private readonly gapOf: GapOf,
    private readonly aggregates: Aggregates,
  ) {
    this.key = groupKey(groupBy);
  }

  beginRun(run: RunContext): void {
    this.run = run;
    this.pending = new Map();
    this.touched = [];
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
    let p = this.pending.get(k);
    if (p === undefined) this.pending.set(k, (p = { key: this.key.valuesOf(event), items: [] }));
    p.items.push({ start: ts, end, event, index, stored: null });
  }

  endInput(): void {
    for (const [k, p] of this.pending) {
      let ks = this.state.get(k);
      if (ks === undefined) this.state.set(k, (ks = { key: p.key, sessions: [] }));
      this.size -= ks.sessions.length;
      ks.sessions = this.merge(ks, p.items);
      this.size += ks.sessions.length;
    }
  }

  private merge(ks: KeyState, items: Pending[]): Session[] {
    const { serial, trace } = this.run;
    const parts: Part[] = ks.sessions.map((s) => ({ ...s, stored: s }));
    // Stored sessions sort before new events that start at the same time; the sort is stable.
    parts.push(...items);
    parts.sort((a, b) => a.start - b.start);

    const out: Session[] = [];
    let stored: Session[] = [];
    let fresh: Pending[] = [];
    let acc: Accumulator | null = null;
    const take = (part: Part): void => {
      if (part.stored !== null) {
        stored.push(part.stored);
        if (acc === null) acc = part.stored.acc;
        else this.aggregates.merge(acc, part.stored.acc);
      } else {
        fresh.push(part);
        acc ??= this.aggregates.create();
        this.aggregates.add(acc, part.event);
      }
    };
    mergeSorted(
      parts,
      (first) => {
        stored = [];
        fresh = [];
        acc = null;
        take(first);
      },
      take,
      (start, end) => {
        const [only] = stored;
        if (fresh.length === 0 && stored.length === 1 && only !== undefined) {
          out.push(only);
          return;
        }
        const session: Session = {
          start,
          end,
          acc: acc ?? this.aggregates.create(),
          touched: serial,
        };
        out.push(session);
        this.touched.push({ state: ks, session });
        if (trace !== null) {
          const ref = this.refOf(ks, session);
          for (const f of fresh) trace.counted(f.index, f.start, ref);
          const row = this.rowOf(ks, session);
          if (stored.length === 0) trace.window('created', ref, row);
          else if (stored.length === 1) trace.window('updated', ref, row);
          else
            trace.window(
              'merged',
              ref,
              row,
              stored.map((s) => this.refOf(ks, s)),
            );
        }
      },
    );
    return out;
  }

  emitUpdated(rows: Row[]): void {
    for (const t of this.touched) rows.push(this.rowOf(t.state, t.session));
  }

  emitAll(rows: Row[]): void {
    for (const ks of this.state.values()) {
      for (const s of ks.sessions) rows.push(this.rowOf(ks, s));
    }
  }

  evict(threshold: number, rows: Row[] | null): void {
    const trace = this.run.trace;
    for (const [k, ks] of this.state) {
      const kept: Session[] = [];
      for (const s of ks.sessions) {
        if (s.end > threshold) {
          kept.push(s);
          continue;
        }
        if (rows !== null || trace !== null) {
          const row = this.rowOf(ks, s);
          rows?.push(row);
          trace?.window(rows === null ? 'evicted' : 'emitted', this.refOf(ks, s), row);
        }
      }
      this.size -= ks.sessions.length - kept.length;
      if (kept.length === 0) this.state.delete(k);
      else ks.sessions = kept;
    }
  }

  private refOf(ks: KeyState, s: Session): GroupRef {
    return { windowStart: s.start, windowEnd: s.end, key: ks.key };
  }

  private rowOf(ks: KeyState, s: Session): Row {
    const row: Row = { window_start: s.start, window_end: s.end };
    this.groupBy.forEach((f, i) => (row[f] = ks.key[i]));
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
    if (!Array.isArray(json)) throw new Error('session state must be a list of keys');
    for (const item of json as {
      key: unknown[];
      sessions: { start: number; end: number; acc: unknown[] }[];
    }[]) {
      const sessions = item.sessions.map((s) => ({
        start: s.start,
        end: s.end,
        acc: this.aggregates.fromJSON(s.acc),
        touched: 0,
      }));
      this.state.set(keyOfValues(this.groupBy, item.key), { key: item.key, sessions });
      this.size += sessions.length;
    }
  }
}
