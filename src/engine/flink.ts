// The Flink driver: one stream element at a time, as Flink's WindowOperator with an incremental
// aggregate and the EventTimeTrigger. A window fires when the watermark reaches end − 1; an
// element is late for a window when end − 1 + allowedLateness <= watermark; late elements within
// the allowed lateness re-fire the window at once; state is cleared at end − 1 + allowedLateness.
import { Aggregates } from './aggregate';
import { sessionGap, type GapOf } from './assign-session';
import { slidingWindowStarts } from './assign-sliding';
import { toEpochMs } from './event-time';
import { compileCondition, matches, type Condition } from './field-equals';
import { checkFlinkQuery } from './flink-refusals';
import { TimerQueue } from './flink-timers';
import {
  addSession,
  isEmpty,
  newWindow,
  removeWindow,
  type FlinkWindow,
  type KeyState,
} from './flink-windows';
import { groupKey, type GroupKey } from './group-key';
import type {
  EventFate,
  FlinkRecordTrace,
  FlinkWindowChange,
  FlinkWindowChangeKind,
  GroupRef,
  LateDrop,
} from './trace';
import type { Event, Query, Row } from './types';
import { alignedStart } from './window';
import {
  decodeTime,
  encodeTime,
  restoreKeys,
  snapshotKeys,
  type FlinkSnapshot,
} from './flink-snapshot';

export class FlinkRuntimeError extends Error {}

export interface FlinkOptions {
  readonly trace?: boolean;
}

/** What one stream element produced: fired rows and records sent to the late side output. */
export interface FlinkRecordOutput {
  readonly emissions: Row[];
  readonly late: Event[];
  readonly trace: FlinkRecordTrace | null;
}

interface Recorder {
  fate: EventFate | null;
  readonly windows: FlinkWindowChange[];
}

export class FlinkEngine {
  private readonly aggregates: Aggregates;
  private readonly key: GroupKey;
  private readonly filter: Condition | null;
  private readonly gapOf: GapOf | null;
  private readonly lateness: number;
  private readonly purging: boolean;
  private readonly tracing: boolean;
  private readonly starts: number[] = [];
  private keys = new Map<unknown, KeyState>();
  private timers = new TimerQueue<FlinkWindow>();
  /** The operator's current watermark: −∞ at first, +∞ after `$end`. */
  private watermark = -Infinity;
  /** Max event time seen, for the generated bounded-out-of-orderness watermark. */
  private maxTimestamp = -Infinity;
  private windowCount = 0;
  /** Index of the next stream element. */
  private position = 0;
  private out: { emissions: Row[]; recorder: Recorder | null } = { emissions: [], recorder: null };

  /** Throws FlinkParameterError for parameters Flink refuses. */
  constructor(
    readonly query: Query,
    options: FlinkOptions = {},
  ) {
    checkFlinkQuery(query);
    this.aggregates = new Aggregates(query.aggregates, query.derived);
    this.key = groupKey(query.groupBy);
    this.filter = compileCondition(query.filter);
    this.gapOf = query.window.type === 'session' ? sessionGap(query.window.gap) : null;
    this.lateness = query.allowedLatenessMs;
    this.purging = query.trigger === 'purging';
    this.tracing = options.trace ?? false;
  }

  /** Processes one element of the stream: an event, `{ $watermark: MS }` or `{ $end: true }`. */
  process(element: Event): FlinkRecordOutput {
    const index = this.position++;
    const watermarkBefore = this.watermark;
    const recorder: Recorder | null = this.tracing ? { fate: null, windows: [] } : null;
    this.out = { emissions: [], recorder };
    const late: Event[] = [];
    let kind: FlinkRecordTrace['element'] = 'event';
    if (element.$end === true) {
      kind = 'end';
      this.advance(Infinity);
    } else if ('$watermark' in element) {
      kind = 'watermark';
      const mark = toEpochMs(element.$watermark);
      if (mark !== null && mark > this.watermark) this.advance(mark);
    } else {
      if (this.processEvent(element, index) && this.query.lateOutput) late.push(element);
      const delay = this.query.watermarkDelayMs;
      if (delay !== null && this.maxTimestamp - delay - 1 > this.watermark) {
        this.advance(this.maxTimestamp - delay - 1);
      }
    }
    const { emissions } = this.out;
    if (recorder === null) return { emissions, late, trace: null };
    const wm = (w: number): number | null => (w === -Infinity ? null : w);
    return {
      emissions,
      late,
      trace: {
        index,
        element: kind,
        fate: recorder.fate,
        windows: recorder.windows,
        watermarkBefore: wm(watermarkBefore),
        watermarkAfter: wm(this.watermark),
        stateWindows: this.windowCount,
      },
    };
  }

  /** Returns true when the element is late for all its windows and goes to the side output. */
  private processEvent(e: Event, index: number): boolean {
    const field = this.query.time ?? '';
    const raw = e[field];
    const ts = typeof raw === 'number' && Number.isInteger(raw) ? raw : toEpochMs(raw);
    const recorder = this.out.recorder;
    if (ts === null) {
      if (recorder !== null) recorder.fate = { kind: 'no-time', field, value: raw ?? null };
      return false;
    }
    // The watermark generator sits at the source: it sees events the filter will drop.
    if (ts > this.maxTimestamp) this.maxTimestamp = ts;
    if (this.filter !== null && !matches(e, this.filter)) {
      if (recorder !== null) recorder.fate = filteredFate(e, this.filter);
      return false;
    }
    const ks = this.keyState(e);
    const lateDrops: LateDrop[] | null = recorder === null ? null : [];
    const groups: GroupRef[] | null = recorder === null ? null : [];
    let counted = false;
    const w = this.query.window;
    if (w.type === 'none') {
      if (ks.running === null) {
        ks.running = this.aggregates.create();
        this.windowCount++;
      }
      this.aggregates.add(ks.running, e);
      this.out.emissions.push(this.rowOf(ks, null, ks.running));
      groups?.push({ windowStart: null, windowEnd: null, key: ks.key });
      counted = true;
    } else if (w.type === 'session') {
      counted = this.addToSession(ks, e, ts, index, lateDrops, groups);
    } else {
      const n =
        w.sizeMs === w.slideMs
          ? ((this.starts[0] = alignedStart(ts, w.sizeMs, w.offsetMs)), 1)
          : slidingWindowStarts(ts, w.sizeMs, w.slideMs, w.offsetMs, this.starts);
      for (let i = 0; i < n; i++) {
        const start = this.starts[i] as number;
        const end = start + w.sizeMs;
        if (end - 1 + this.lateness <= this.watermark) {
          lateDrops?.push(this.lateDrop(ks, start, end));
          continue;
        }
        let win = ks.aligned.get(start);
        if (win === undefined) {
          ks.aligned.set(start, (win = newWindow(ks, start, end)));
          this.windowCount++;
        }
        this.add(win, e);
        groups?.push(refOf(win));
        counted = true;
      }
    }
    if (!counted && isEmpty(ks)) this.keys.delete(ks.mapKey);
    const isLate = !counted && ts + this.lateness <= this.watermark;
    if (recorder !== null) {
      recorder.fate = counted
        ? { kind: 'counted', eventTime: ts, groups: groups ?? [], late: lateDrops ?? [] }
        : isLate
          ? {
              kind: 'late',
              eventTime: ts,
              late: lateDrops ?? [],
              sideOutput: this.query.lateOutput,
            }
          : { kind: 'no-window', eventTime: ts };
    }
    return isLate;
  }

  private addToSession(
    ks: KeyState,
    e: Event,
    ts: number,
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
    const { window, merged, fresh } = addSession(ks, ts, ts + gap, this.aggregates);
    if (merged.length > 0) {
      this.windowCount += 1 - merged.length;
      // EventTimeTrigger.onMerge: a timer for the merged window if it has not ended yet.
      if (window.end - 1 > this.watermark) this.timers.register(window, window.end - 1);
      this.record('merged', window, merged.map(refOf));
    } else if (fresh) {
      this.windowCount++;
    }
    if (window.end - 1 + this.lateness <= this.watermark) {
      lateDrops?.push(this.lateDrop(ks, window.start, window.end));
      removeWindow(window);
      this.windowCount--;
      return false;
    }
    this.add(window, e);
    groups?.push(refOf(window));
    return true;
  }

  /** Adds an element, then the trigger: fire at once if end − 1 <= watermark, else a timer. */
  private add(win: FlinkWindow, e: Event): void {
    const created = win.acc === null;
    win.acc ??= this.aggregates.create();
    this.aggregates.add(win.acc, e);
    this.record(created ? 'created' : 'updated', win);
    if (win.end - 1 <= this.watermark) this.fire(win, 'refired');
    else this.timers.register(win, win.end - 1);
    if (this.lateness > 0) this.timers.register(win, win.end - 1 + this.lateness);
  }

  private fire(win: FlinkWindow, kind: 'fired' | 'refired'): void {
    if (win.acc === null) return;
    const row = this.rowOf(win.keyState, win, win.acc);
    this.out.emissions.push(row);
    this.record(kind, win);
    if (this.purging) {
      win.acc = null;
      this.record('purged', win);
    }
  }

  /** Moves the watermark and fires every timer up to it, in time order. */
  private advance(to: number): void {
    this.watermark = to;
    for (let t = this.timers.pollUpTo(to); t !== null; t = this.timers.pollUpTo(to)) {
      const win = t.owner;
      if (!win.alive) continue;
      if (t.time === win.end - 1) this.fire(win, 'fired');
      if (t.time === win.end - 1 + this.lateness) {
        this.record('cleared', win);
        removeWindow(win);
        this.windowCount--;
        if (isEmpty(win.keyState)) this.keys.delete(win.keyState.mapKey);
      }
    }
  }

  /** The whole operator state as plain JSON: keys, windows, timers, watermark, position. */
  snapshot(): FlinkSnapshot {
    return {
      version: 1,
      semantics: 'flink',
      position: this.position,
      watermark: encodeTime(this.watermark),
      maxTimestamp: encodeTime(this.maxTimestamp),
      ...snapshotKeys(this.keys, this.timers, this.aggregates),
    };
  }

  /** Replaces the state with a snapshot of an engine running the same query; a bad one changes nothing. */
  restore(input: unknown): void {
    const s = input as Partial<FlinkSnapshot> | null;
    if (s?.version !== 1 || s.semantics !== 'flink' || !Number.isInteger(s.position)) {
      throw new Error('not a Flink engine snapshot of version 1');
    }
    const restored = restoreKeys(s as FlinkSnapshot, this.aggregates, this.query.groupBy);
    this.keys = restored.keys;
    this.timers = restored.timers;
    this.windowCount = restored.windowCount;
    this.watermark = decodeTime(s.watermark);
    this.maxTimestamp = decodeTime(s.maxTimestamp);
    this.position = s.position as number;
  }

  private keyState(e: Event): KeyState {
    const mapKey = this.key.keyOf(e);
    let ks = this.keys.get(mapKey);
    if (ks === undefined) {
      ks = { key: this.key.valuesOf(e), mapKey, aligned: new Map(), sessions: [], running: null };
      this.keys.set(mapKey, ks);
    }
    return ks;
  }

  private rowOf(ks: KeyState, win: FlinkWindow | null, acc: unknown[]): Row {
    const row: Row = win === null ? {} : { window_start: win.start, window_end: win.end };
    this.query.groupBy.forEach((f, i) => (row[f] = ks.key[i]));
    this.aggregates.writeResult(acc, row);
    return row;
  }

  private lateDrop(ks: KeyState, start: number, end: number): LateDrop {
    return {
      group: { windowStart: start, windowEnd: end, key: ks.key },
      rule: 'window_end - 1 + allowed_lateness <= watermark',
      bound: end - 1 + this.lateness,
      watermark: this.watermark,
    };
  }

  private record(kind: FlinkWindowChangeKind, win: FlinkWindow, mergedFrom?: GroupRef[]): void {
    const recorder = this.out.recorder;
    if (recorder === null) return;
    const value = win.acc === null ? null : this.rowOf(win.keyState, win, win.acc);
    recorder.windows.push(
      mergedFrom === undefined
        ? { kind, group: refOf(win), value }
        : { kind, group: refOf(win), value, mergedFrom },
    );
  }
}

function refOf(win: FlinkWindow): GroupRef {
  return { windowStart: win.start, windowEnd: win.end, key: win.keyState.key };
}

function filteredFate(e: Event, filter: Condition): EventFate | null {
  const failed = filter.find(([field, value]) => (e[field] ?? null) !== value);
  return failed === undefined
    ? null
    : { kind: 'filtered', field: failed[0], expected: failed[1], actual: e[failed[0]] ?? null };
}
