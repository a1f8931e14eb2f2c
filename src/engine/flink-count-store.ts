// Flink mode with the trace off, for windows counting count(*) with no allowed lateness and
// the default trigger: the same output, element by element, and the same snapshot as the
// general operator (flink-operator.ts), from far less state and no timer objects. With no
// allowed lateness a (key, window) has exactly one timer, its fire timer at end − 1, whose seq
// is the order it was registered in, so a store keeps a seq per window instead of a timer.
// Two stores: aligned windows (flink-aligned-counts.ts) and sessions with a fixed gap
// (flink-session-counts.ts). This base takes the element kinds, moves the watermark, keeps the
// rows an element fired.
//
// A store takes the common case only. An element it cannot take (a time that is not a safe
// integer, −0, one its windows cannot hold) it refuses before changing anything, and the
// engine turns the store's state into the operator's (`toGeneral`) and goes on there for good.
import type { Accumulator } from './aggregate';
import { toEpochMs } from './event-time';
import { matches, type Condition } from './field-equals';
import type { TimerQueue } from './flink-timers';
import { NO_EVENTS, NO_ROWS, NOTHING, type FlinkRecordOutput } from './flink-trace';
import {
  newWindow,
  type FlinkWindow,
  type KeyKinds,
  type KeyState,
  type Slot,
} from './flink-windows';
import type { GroupKey } from './group-key';
import type { RowBuilder } from './row-builder';
import type { Event, Query, Row } from './types';

/** What the general operator keeps: `toGeneral` builds it. */
export interface GeneralState {
  readonly keys: Map<unknown, KeyState>;
  readonly timers: TimerQueue<FlinkWindow>;
  readonly windowCount: number;
}

/** What a store needs from the engine, shared so rows and accumulators are the same. */
export interface CountStoreParts {
  readonly key: GroupKey;
  readonly filter: Condition | null;
  readonly build: RowBuilder;
  /** The operator's shared accumulator of a plain count (see FlinkOperator.countAcc). */
  readonly countAcc: Accumulator;
}

/** Whether a query's run can start in a count store (with tracing off), given its window. */
export function countsFit(query: Query, plainCount: boolean): boolean {
  return (
    plainCount &&
    query.allowedLatenessMs === 0 &&
    query.trigger === 'default' &&
    query.time !== null
  );
}

export abstract class FlinkCountStore {
  /** −∞ at first, +∞ after `$end`. */
  watermark = -Infinity;
  maxTimestamp = -Infinity;
  /** The next timer's seq, as the general operator's TimerQueue would number it. */
  protected nextSeq = 0;
  private emitted: Row[] = NO_ROWS;
  private readonly timeField: string;
  private readonly delay: number | null;
  private readonly lateOutput: boolean;

  constructor(
    query: Query,
    protected readonly parts: CountStoreParts,
  ) {
    this.timeField = query.time ?? '';
    this.delay = query.watermarkDelayMs;
    this.lateOutput = query.lateOutput;
  }

  /** One stream element, or null (nothing changed) when it is not one this store takes. */
  process(element: Event): FlinkRecordOutput | null {
    if (element.$end === true) {
      this.advance(Infinity);
      return this.output(NO_EVENTS);
    }
    if ('$watermark' in element) {
      const mark = toEpochMs(element.$watermark);
      if (mark !== null && mark > this.watermark) this.advance(mark);
      return this.output(NO_EVENTS);
    }
    const ts = element[this.timeField];
    if (typeof ts !== 'number' || !Number.isSafeInteger(ts) || Object.is(ts, -0)) return null;
    if (!this.takes(ts)) return null;
    // The watermark generator sits at the source: it sees elements the filter drops.
    if (ts > this.maxTimestamp) this.maxTimestamp = ts;
    let late = false;
    const filter = this.parts.filter;
    if (filter === null || matches(element, filter))
      late = !this.add(element, ts) && ts <= this.watermark;
    const delay = this.delay;
    if (delay !== null && this.maxTimestamp - delay - 1 > this.watermark) {
      this.advance(this.maxTimestamp - delay - 1);
    }
    return this.output(late && this.lateOutput ? [element] : NO_EVENTS);
  }

  /** Whether the store can take an element at this (safe integer) time; changes nothing seen. */
  protected abstract takes(ts: number): boolean;

  /**
   * Counts the element in its windows; false when none took it (every one late: the element
   * goes to the side output when its own time is, the operator's `ts + lateness <= watermark`).
   */
  protected abstract add(element: Event, ts: number): boolean;

  /** The watermark moves to `mark` (above the current one): windows fire in timer order. */
  protected abstract advance(mark: number): void;

  /** The same state as the general operator would hold, timers and their seqs included. */
  abstract toGeneral(kinds: KeyKinds): GeneralState;

  /** The operator's window for a stored count: the shared accumulator, the count, the timer. */
  protected generalWindow(
    ks: KeyState,
    start: number,
    end: number,
    slot: Slot | null,
    count: number,
    seq: number,
    timers: TimerQueue<FlinkWindow>,
  ): FlinkWindow {
    const win = newWindow(ks, start, end, slot);
    win.acc = this.parts.countAcc;
    win.count = count;
    win.fireTimer = timers.reschedule(win, end - 1, seq);
    return win;
  }

  /** A fired window's row for a key, with its count. */
  protected emit(start: number, end: number, key: readonly unknown[], count: number): void {
    const { build, countAcc } = this.parts;
    countAcc[0] = count;
    const row = build(start, end, null, key, countAcc);
    if (this.emitted === NO_ROWS) this.emitted = [row];
    else this.emitted.push(row);
  }

  private output(late: Event[]): FlinkRecordOutput {
    const emissions = this.emitted;
    if (emissions === NO_ROWS && late === NO_EVENTS) return NOTHING;
    this.emitted = NO_ROWS;
    return { emissions, late, trace: null };
  }
}
