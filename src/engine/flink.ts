// The Flink driver: one stream element at a time, as Flink's WindowOperator with an incremental
// aggregate and the EventTimeTrigger. A window fires when the watermark reaches end − 1; an
// element is late for a window when end − 1 + allowedLateness <= watermark; late elements within
// the allowed lateness re-fire the window at once; state is cleared at end − 1 + allowedLateness.
// This file assigns windows and moves the watermark; `flink-operator.ts` keeps the windows,
// their timers and the trigger. With tracing off an element that fires nothing allocates
// nothing: it returns the shared `NOTHING`.
// (Past 300 lines: the window assignment per kind stays with the watermark it is judged against.)
import { sessionGap, type GapOf } from './assign-session';
import { toEpochMs } from './event-time';
import { compileCondition, matches, type Condition } from './field-equals';
import { AlignedCounts } from './flink-aligned-counts';
import type { FlinkCountStore } from './flink-count-store';
import { FlinkOperator } from './flink-operator';
import { checkFlinkQuery } from './flink-refusals';
import { arm, ringAt, ringPut } from './flink-ring';
import { SessionCounts } from './flink-session-counts';
import { addSession, type SessionMerge } from './flink-sessions';
import {
  decodeTime,
  encodeTime,
  restoreKeys,
  snapshotKeys,
  type FlinkSnapshot,
} from './flink-snapshot';
import * as trace from './flink-trace';
import { alignedSlot, removeWindow, type FlinkWindow, type KeyState } from './flink-windows';
import type { FlinkRecordTrace, GroupRef, LateDrop } from './trace';
import type { Event, Query } from './types';
import { alignedStart } from './window';

export type { FlinkRecordOutput } from './flink-trace';

export class FlinkRuntimeError extends Error {}

export interface FlinkOptions {
  readonly trace?: boolean;
}

export class FlinkEngine extends FlinkOperator {
  private readonly filter: Condition | null;
  private readonly gapOf: GapOf | null;
  private readonly delay: number | null;
  private readonly tracing: boolean;
  private readonly merge: SessionMerge = { start: 0, end: 0, merged: 0, fresh: false };
  /** Max event time seen, for the generated bounded-out-of-orderness watermark. */
  private maxTimestamp = -Infinity;
  /** The current event's time (a field: as an argument V8 would box it). */
  private time = 0;
  /** Index of the next stream element. */
  private position = 0;
  /**
   * With the trace off, the state of a plain count in aligned or fixed-gap session windows
   * (flink-count-store.ts) until an element it cannot take; then null, its state moved into
   * the operator's.
   */
  private fast: FlinkCountStore | null = null;

  /** Throws FlinkParameterError for parameters Flink refuses. */
  constructor(
    readonly query: Query,
    options: FlinkOptions = {},
  ) {
    checkFlinkQuery(query);
    super(query);
    this.filter = compileCondition(query.filter);
    this.gapOf = query.window.type === 'session' ? sessionGap(query.window.gap) : null;
    this.delay = query.watermarkDelayMs;
    this.tracing = options.trace ?? false;
    if (!this.tracing) {
      const { key, filter, buildWindow: build, countAcc } = this;
      const parts = { key, filter, build, countAcc };
      if (AlignedCounts.fits(query, this.plainCount)) this.fast = new AlignedCounts(query, parts);
      else if (SessionCounts.fits(query, this.plainCount)) {
        this.fast = new SessionCounts(query, parts);
      }
    }
  }

  /** Processes one element of the stream: an event, `{ $watermark: MS }` or `{ $end: true }`. */
  process(element: Event): trace.FlinkRecordOutput {
    if (this.fast !== null) {
      const output = this.fast.process(element);
      if (output !== null) {
        this.position++;
        return output;
      }
      this.leaveFastState();
    }
    const index = this.position++;
    const watermarkBefore = this.watermark;
    const recorder: trace.Recorder | null = this.tracing ? { fate: null, windows: [] } : null;
    this.recorder = recorder;
    let late = trace.NO_EVENTS;
    let kind: FlinkRecordTrace['element'] = 'event';
    if (element.$end === true) {
      kind = 'end';
      this.watermark = Infinity;
      this.fireTimers();
    } else if ('$watermark' in element) {
      kind = 'watermark';
      const mark = toEpochMs(element.$watermark);
      if (mark !== null && mark > this.watermark) {
        this.watermark = mark;
        this.fireTimers();
      }
    } else {
      if (this.processEvent(element, index) && this.query.lateOutput) late = [element];
      if (this.delay !== null && this.maxTimestamp - this.delay - 1 > this.watermark) {
        this.watermark = this.maxTimestamp - this.delay - 1;
        this.fireTimers();
      }
    }
    const emissions = this.emitted;
    this.emitted = trace.NO_ROWS;
    if (recorder === null) {
      if (emissions === trace.NO_ROWS && late === trace.NO_EVENTS) return trace.NOTHING;
      return { emissions, late, trace: null };
    }
    this.recorder = null;
    return {
      emissions,
      late,
      trace: {
        index,
        element: kind,
        fate: recorder.fate,
        windows: recorder.windows,
        watermarkBefore: trace.traceWatermark(watermarkBefore),
        watermarkAfter: trace.traceWatermark(this.watermark),
        stateWindows: this.windowCount,
      },
    };
  }

  /** Returns true when the element is late for all its windows and goes to the side output. */
  private processEvent(e: Event, index: number): boolean {
    const field = this.query.time ?? '';
    const raw = e[field];
    const ts = typeof raw === 'number' && Number.isInteger(raw) ? raw : toEpochMs(raw);
    const recorder = this.recorder;
    if (ts === null) {
      if (recorder !== null) recorder.fate = { kind: 'no-time', field, value: raw ?? null };
      return false;
    }
    // The watermark generator sits at the source: it sees events the filter will drop.
    if (ts > this.maxTimestamp) this.maxTimestamp = ts;
    if (this.filter !== null && !matches(e, this.filter)) {
      if (recorder !== null) recorder.fate = trace.filteredFate(e, this.filter);
      return false;
    }
    this.time = ts;
    const ks = this.keyState(e);
    const lateDrops: LateDrop[] | null = recorder === null ? null : [];
    const groups: GroupRef[] | null = recorder === null ? null : [];
    let counted: boolean;
    if (this.gapOf !== null) counted = this.addToSession(ks, e, index, lateDrops, groups);
    else if (this.query.window.type !== 'none') counted = this.addAligned(ks, e, lateDrops, groups);
    else {
      if (ks.running === null) {
        ks.running = this.aggregates.create();
        this.windowCount++;
      }
      this.aggregates.add(ks.running, e);
      this.emit(this.rowOf(ks, null, ks.running));
      groups?.push({ windowStart: null, windowEnd: null, key: ks.key });
      counted = true;
    }
    if (!counted) this.dropIfEmpty(ks);
    const isLate = !counted && ts + this.lateness <= this.watermark;
    if (recorder !== null) {
      const side = this.query.lateOutput;
      recorder.fate = trace.eventFate(ts, counted, isLate, groups ?? [], lateDrops ?? [], side);
    }
    return isLate;
  }

  /**
   * Adds the event (at `this.time`) to each tumbling or sliding window containing it, latest
   * first, skipping those it is late for. Returns whether any took it.
   */
  private addAligned(
    ks: KeyState,
    e: Event,
    lateDrops: LateDrop[] | null,
    groups: GroupRef[] | null,
  ): boolean {
    const w = this.query.window;
    if (w.type !== 'tumbling' && w.type !== 'sliding') return false;
    const { sizeMs, slideMs, offsetMs } = w;
    const ts = this.time;
    // The latest window's start and slot: usually the key's cached one, sparing two float
    // modulos; else as alignedStart computes it (which keeps a −0 time's start −0).
    const prev = ks.recentSlot;
    const cached = prev === null ? NaN : prev * slideMs + offsetMs;
    let s0 = cached;
    let slot0: number | string | null = prev;
    const inCached = ts >= cached && ts - cached < slideMs && (ts !== 0 || Object.is(ts, 0));
    if (!inCached || !Number.isSafeInteger(ts)) {
      s0 = alignedStart(ts, slideMs, offsetMs);
      slot0 = alignedSlot(s0, slideMs, offsetMs);
    }
    const ring = ks.ring;
    // Elements may only pend in the ring with a plain count(*) and no trace (flink-ring.ts).
    const pend = this.plainCount && this.recorder === null;
    let counted = false;
    let n = 0;
    // Tumbling: the one window at s0. Sliding: each start <= ts with ts < start + size, as
    // slidingWindowStarts (assign-sliding.ts) lists them.
    const tumbling = sizeMs === slideMs;
    for (let start = s0; tumbling ? n === 0 : ts < start + sizeMs; start -= slideMs, n++) {
      const end = start + sizeMs;
      if (end - 1 + this.lateness <= this.watermark) {
        lateDrops?.push(trace.lateDropOf(ks.key, start, end, this.lateness, this.watermark));
        continue;
      }
      counted = true;
      const ended = end - 1 <= this.watermark;
      // While start stays a safe integer it is exact, and so is its slot: slot0 − n.
      const slot =
        typeof slot0 === 'number' &&
        Number.isSafeInteger(start) &&
        Number.isSafeInteger(start - offsetMs)
          ? slot0 - n
          : alignedSlot(start, slideMs, offsetMs);
      let p = -1;
      let win: FlinkWindow | undefined;
      if (typeof slot === 'number' && ring.length !== 0) {
        p = ringAt(ring, slot);
        if (ring[p] === slot) {
          const pending = ring[p + 1] as number;
          if (pending >= 0 && !ended && pend) {
            ring[p + 1] = pending + 1;
            continue;
          }
          win = ring[p + 2] as FlinkWindow;
        }
      }
      if (win === undefined) {
        win = ks.aligned.get(slot);
        if (win === undefined) {
          ks.aligned.set(slot, (win = this.spares.window(ks, start, end, slot)));
          this.windowCount++;
        }
        if (p !== -1) ringPut(ks, win, slot as number);
      }
      this.add(win, e, ended);
      groups?.push(trace.refOf(win));
      // Added and not ended: it has its contents and timers now, so it is armed.
      if (p !== -1 && pend && !ended) arm(ring, p);
    }
    // Keep the newest record's slot for the next record's start.
    if (typeof slot0 !== 'number') ks.recentSlot = null;
    else if (prev === null || slot0 > prev) ks.recentSlot = slot0;
    return counted;
  }

  private addToSession(
    ks: KeyState,
    e: Event,
    index: number,
    lateDrops: LateDrop[] | null,
    groups: GroupRef[] | null,
  ): boolean {
    const gap = (this.gapOf as GapOf)(e);
    if (gap === null) {
      throw new FlinkRuntimeError(
        `Dynamic gap can not be less than or equal to 0 (element ${String(index)} has no positive session gap; Flink fails the job here)`,
      );
    }
    const mergedFrom: GroupRef[] | null = this.recorder === null ? null : [];
    const r = this.merge;
    r.start = this.time;
    r.end = this.time + gap;
    const window = addSession(ks, r, this.aggregates, this.timers, this.spares, mergedFrom);
    if (r.merged > 0) {
      this.windowCount += 1 - r.merged;
      // EventTimeTrigger.onMerge: a timer for the merged window if it has not ended yet.
      if (window.end - 1 > this.watermark) this.registerFire(window);
      if (mergedFrom !== null) this.record('merged', window, mergedFrom);
    } else if (r.fresh) {
      this.windowCount++;
    }
    if (window.end - 1 + this.lateness <= this.watermark) {
      const { start, end } = window;
      lateDrops?.push(trace.lateDropOf(ks.key, start, end, this.lateness, this.watermark));
      removeWindow(window, this.timers);
      this.spares.retire(window);
      this.windowCount--;
      return false;
    }
    this.add(window, e, window.end - 1 <= this.watermark);
    groups?.push(trace.refOf(window));
    return true;
  }

  /** Moves the fast state into the operator's, which takes every element from now on. */
  private leaveFastState(): void {
    const fast = this.fast;
    if (fast === null) return;
    const general = fast.toGeneral(this.kinds);
    this.keys = general.keys;
    this.timers = general.timers;
    this.windowCount = general.windowCount;
    this.watermark = fast.watermark;
    this.maxTimestamp = fast.maxTimestamp;
    this.fast = null;
  }

  /** The whole operator state as plain JSON: keys, windows, timers, watermark, position. */
  snapshot(): FlinkSnapshot {
    const fast = this.fast;
    const { keys, timers } =
      fast === null ? { keys: this.keys, timers: this.timers } : fast.toGeneral(this.kinds);
    const watermark = fast === null ? this.watermark : fast.watermark;
    const maxTimestamp = fast === null ? this.maxTimestamp : fast.maxTimestamp;
    return {
      version: 1,
      semantics: 'flink',
      position: this.position,
      watermark: encodeTime(watermark),
      maxTimestamp: encodeTime(maxTimestamp),
      ...snapshotKeys(keys, timers, this.aggregates),
    };
  }

  /** Replaces the state with a snapshot of an engine running the same query; a bad one changes nothing. */
  restore(input: unknown): void {
    const s = input as Partial<FlinkSnapshot> | null;
    if (s?.version !== 1 || s.semantics !== 'flink' || !Number.isInteger(s.position)) {
      throw new Error('not a Flink engine snapshot of version 1');
    }
    const w = this.query.window;
    const restored = restoreKeys(s as FlinkSnapshot, this.aggregates, {
      groupBy: this.query.groupBy,
      lateness: this.lateness,
      ...this.kinds,
      slotOf: (start) =>
        w.type === 'tumbling' || w.type === 'sliding'
          ? alignedSlot(start, w.slideMs, w.offsetMs)
          : `t${String(start)}`,
    });
    const watermark = decodeTime(s.watermark);
    const maxTimestamp = decodeTime(s.maxTimestamp);
    // A restored run stays in the operator's state (the fast one starts only from empty).
    this.fast = null;
    this.keys = restored.keys;
    this.timers = restored.timers;
    this.windowCount = restored.windowCount;
    this.watermark = watermark;
    this.maxTimestamp = maxTimestamp;
    this.position = s.position as number;
  }
}
