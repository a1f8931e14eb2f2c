// Flink mode with the trace off, for tumbling and sliding windows counting count(*) with no
// allowed lateness and the default trigger: the same output, record by record, and the same
// snapshot as the general operator (flink-operator.ts), from far less state. Per window one
// object shared by all keys, with the keys in the order their first element came (the order
// their timers fire); per key one flat ring of [window, count, timer seq]. No timer objects: with
// no allowed lateness a (key, window) has exactly one, its fire timer at end − 1, whose seq is
// the order the pair was made in, and windows of one size end in the order they start.
//
// It takes the common case only. An element it cannot take (a time that is not a safe integer,
// −0, a window start off the slot grid) it refuses before changing anything, and the engine
// turns its state into the general operator's (`toGeneral`) and goes on there for good.
import type { Accumulator } from './aggregate';
import { toEpochMs } from './event-time';
import { matches, type Condition } from './field-equals';
import { TimerQueue } from './flink-timers';
import { NO_EVENTS, NO_ROWS, NOTHING, type FlinkRecordOutput } from './flink-trace';
import {
  alignedSlot,
  newKeyState,
  newWindow,
  type FlinkWindow,
  type KeyKinds,
  type KeyState,
} from './flink-windows';
import type { GroupKey } from './group-key';
import type { RowBuilder } from './row-builder';
import type { Event, Query, Row } from './types';
import { alignedStart } from './window';

/** One window of the query, shared by every key with elements in it. */
interface CountWindow {
  readonly start: number;
  readonly end: number;
  readonly slot: number;
  /** Its place in every key's ring: 3 × (slot modulo the ring's places). */
  readonly at: number;
  /** Keys with elements in it, in the order of their first: the order their timers fire. */
  readonly keys: CountKey[];
}

interface CountKey {
  mapKey: unknown;
  /** The key's values, from the element that made the key. */
  key: readonly unknown[];
  /** Three entries a place: the window (null: free), its count, the seq of its fire timer. */
  readonly ring: unknown[];
  /** Windows held, in the ring or spilled (their place held by another live window). */
  live: number;
  spill: Map<CountWindow, Spilled> | null;
}

interface Spilled {
  count: number;
  readonly seq: number;
}

/** What the general operator keeps: `toGeneral` builds it. */
export interface GeneralState {
  readonly keys: Map<unknown, KeyState>;
  readonly timers: TimerQueue<FlinkWindow>;
  readonly windowCount: number;
}

/** What the store needs from the engine, shared so rows and accumulators are the same. */
export interface CountStoreParts {
  readonly key: GroupKey;
  readonly filter: Condition | null;
  readonly build: RowBuilder;
  /** The operator's shared accumulator of a plain count (see FlinkOperator.countAcc). */
  readonly countAcc: Accumulator;
}

/** At most this many keys left with no window are kept for reuse. */
const SPARE_KEYS = 16_384;

export class FlinkCountStore {
  /** −∞ at first, +∞ after `$end`. */
  watermark = -Infinity;
  maxTimestamp = -Infinity;
  private readonly keys = new Map<unknown, CountKey>();
  private readonly spareKeys: CountKey[] = [];
  /** Windows made and not fired, by slot. */
  private readonly windows = new Map<number, CountWindow>();
  /** The same windows by end, earliest first: the order they fire in. */
  private readonly pending: CountWindow[] = [];
  /** The next timer's seq, as the general operator's TimerQueue would number it. */
  private nextSeq = 0;
  private readonly ringLength: number;
  /**
   * The hot range: every time in [lo, hi) belongs to the same windows, and `hot` lists those
   * not late, latest first (all made and pending; any firing empties the range).
   */
  private lo = Number.NaN;
  private hi = Number.NaN;
  private readonly hot: CountWindow[] = [];
  private hotCount = 0;
  private emitted: Row[] = NO_ROWS;
  private readonly timeField: string;
  private readonly sizeMs: number;
  private readonly slideMs: number;
  private readonly offsetMs: number;
  private readonly delay: number | null;
  private readonly lateOutput: boolean;

  /** Whether a query's run can be kept here (with tracing off). */
  static fits(query: Query, plainCount: boolean): boolean {
    const w = query.window;
    return (
      (w.type === 'tumbling' || w.type === 'sliding') &&
      plainCount &&
      query.allowedLatenessMs === 0 &&
      query.trigger === 'default' &&
      query.time !== null
    );
  }

  constructor(
    query: Query,
    private readonly parts: CountStoreParts,
  ) {
    const w = query.window;
    if (w.type !== 'tumbling' && w.type !== 'sliding') throw new Error('aligned windows only');
    this.sizeMs = w.sizeMs;
    this.slideMs = w.slideMs;
    this.offsetMs = w.offsetMs;
    this.timeField = query.time ?? '';
    this.delay = query.watermarkDelayMs;
    this.lateOutput = query.lateOutput;
    // Room for a record's windows and a few more (those the watermark has not fired yet).
    let places = 4;
    while (places < Math.ceil(this.sizeMs / this.slideMs) + 3) places *= 2;
    this.ringLength = 3 * places;
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
    if (!(ts >= this.lo && ts < this.hi) && !this.enter(ts)) return null;
    // The watermark generator sits at the source: it sees elements the filter drops.
    if (ts > this.maxTimestamp) this.maxTimestamp = ts;
    let late = false;
    const filter = this.parts.filter;
    if (filter === null || matches(element, filter)) {
      // Counted nowhere: late if its time is (the operator's `ts + lateness <= watermark`).
      if (this.hotCount === 0) late = ts <= this.watermark;
      else this.count(element);
    }
    const delay = this.delay;
    if (delay !== null && this.maxTimestamp - delay - 1 > this.watermark) {
      this.advance(this.maxTimestamp - delay - 1);
    }
    return this.output(late && this.lateOutput ? [element] : NO_EVENTS);
  }

  private output(late: Event[]): FlinkRecordOutput {
    const emissions = this.emitted;
    if (emissions === NO_ROWS && late === NO_EVENTS) return NOTHING;
    this.emitted = NO_ROWS;
    return { emissions, late, trace: null };
  }

  /**
   * Makes `ts`'s range hot: its windows s0, s0 − slide, … while ts < start + size (as
   * slidingWindowStarts lists them), those not late made. False when a start is off the grid.
   */
  private enter(ts: number): boolean {
    const { sizeMs, slideMs, offsetMs } = this;
    const s0 = alignedStart(ts, slideMs, offsetMs);
    const slot0 = alignedSlot(s0, slideMs, offsetMs);
    // None when slide > size and ts falls between two windows.
    let n = 0;
    while (ts < s0 - n * slideMs + sizeMs) n++;
    if (
      typeof slot0 !== 'number' ||
      !Number.isSafeInteger(s0 - n * slideMs) ||
      !Number.isSafeInteger(s0 + sizeMs)
    ) {
      return false;
    }
    // Window n is the first ts is not in; every time in [lo, hi) is in windows 0 .. n − 1
    // (with n = 0 the second bound is past s0 + slide).
    this.lo = Math.max(s0, s0 - n * slideMs + sizeMs);
    this.hi = Math.min(s0 + slideMs, s0 - (n - 1) * slideMs + sizeMs);
    // Older windows end earlier: once one is late (end − 1 <= watermark), so are the rest.
    let k = 0;
    for (; k < n; k++) {
      const start = s0 - k * slideMs;
      const end = start + sizeMs;
      if (end - 1 <= this.watermark) break;
      this.hot[k] = this.windowAt(slot0 - k, start, end);
    }
    this.hotCount = k;
    return true;
  }

  private windowAt(slot: number, start: number, end: number): CountWindow {
    let w = this.windows.get(slot);
    if (w !== undefined) return w;
    const at = 3 * (slot & (this.ringLength / 3 - 1));
    w = { start, end, slot, at, keys: [] };
    this.windows.set(slot, w);
    const pending = this.pending;
    let i = pending.length;
    while (i > 0 && (pending[i - 1] as CountWindow).end > end) i--;
    if (i === pending.length) pending.push(w);
    else pending.splice(i, 0, w);
    return w;
  }

  /** Counts the element in each hot window, latest first (the order the operator adds). */
  private count(element: Event): void {
    const mapKey = this.parts.key.keyOf(element);
    let kr = this.keys.get(mapKey);
    if (kr === undefined) {
      kr = this.newKey(mapKey, element);
      this.keys.set(mapKey, kr);
    }
    const ring = kr.ring;
    const hot = this.hot;
    for (let j = 0; j < this.hotCount; j++) {
      const w = hot[j] as CountWindow;
      const at = w.at;
      if (ring[at] === w) ring[at + 1] = (ring[at + 1] as number) + 1;
      else this.countAside(kr, w);
    }
  }

  /** A window not in the key's ring: spilled, or the key's first element in it. */
  private countAside(kr: CountKey, w: CountWindow): void {
    const spilled = kr.spill?.get(w);
    if (spilled !== undefined) {
      spilled.count++;
      return;
    }
    // The operator registers the window's fire timer now: this is its seq.
    const seq = this.nextSeq++;
    kr.live++;
    w.keys.push(kr);
    const ring = kr.ring;
    const at = w.at;
    if (ring[at] === null) {
      ring[at] = w;
      ring[at + 1] = 1;
      ring[at + 2] = seq;
    } else (kr.spill ??= new Map()).set(w, { count: 1, seq });
  }

  private newKey(mapKey: unknown, element: Event): CountKey {
    const key = this.parts.key.valuesOf(element);
    const spare = this.spareKeys.pop();
    if (spare === undefined) {
      return {
        mapKey,
        key,
        ring: new Array<unknown>(this.ringLength).fill(null),
        live: 0,
        spill: null,
      };
    }
    spare.mapKey = mapKey;
    spare.key = key;
    return spare;
  }

  /** The watermark moves to `mark`: windows with end − 1 <= mark fire, in end order. */
  private advance(mark: number): void {
    this.watermark = mark;
    const pending = this.pending;
    let fired = 0;
    while (fired < pending.length && (pending[fired] as CountWindow).end - 1 <= mark) {
      this.fire(pending[fired] as CountWindow);
      fired++;
    }
    if (fired === 0) return;
    pending.splice(0, fired);
    this.lo = this.hi = Number.NaN;
  }

  /** Each key's row, in timer order; then the window is cleared (no allowed lateness). */
  private fire(w: CountWindow): void {
    this.windows.delete(w.slot);
    const { build, countAcc } = this.parts;
    const at = w.at;
    for (const kr of w.keys) {
      const ring = kr.ring;
      let count: number;
      if (ring[at] === w) {
        count = ring[at + 1] as number;
        ring[at] = null;
      } else {
        const spill = kr.spill as Map<CountWindow, Spilled>;
        count = (spill.get(w) as Spilled).count;
        spill.delete(w);
      }
      countAcc[0] = count;
      const row = build(w.start, w.end, null, kr.key, countAcc);
      if (this.emitted === NO_ROWS) this.emitted = [row];
      else this.emitted.push(row);
      if (--kr.live === 0) this.dropKey(kr);
    }
  }

  private dropKey(kr: CountKey): void {
    this.keys.delete(kr.mapKey);
    kr.spill = null;
    if (this.spareKeys.length < SPARE_KEYS) this.spareKeys.push(kr);
  }

  /**
   * The same state as the general operator would hold: keys in Map order, each key's windows in
   * the order they were made, each with its fire timer and that timer's seq.
   */
  toGeneral(kinds: KeyKinds): GeneralState {
    const timers = new TimerQueue<FlinkWindow>(this.nextSeq);
    const keys = new Map<unknown, KeyState>();
    let windowCount = 0;
    for (const kr of this.keys.values()) {
      const ks = newKeyState(kr.key, kr.mapKey, null, kinds);
      const held: { w: CountWindow; count: number; seq: number }[] = [];
      const ring = kr.ring;
      for (let at = 0; at < ring.length; at += 3) {
        const w = ring[at] as CountWindow | null;
        if (w !== null)
          held.push({ w, count: ring[at + 1] as number, seq: ring[at + 2] as number });
      }
      for (const [w, { count, seq }] of kr.spill ?? []) held.push({ w, count, seq });
      held.sort((a, b) => a.seq - b.seq);
      for (const { w, count, seq } of held) {
        const win = newWindow(ks, w.start, w.end, w.slot);
        win.acc = this.parts.countAcc;
        win.count = count;
        win.fireTimer = timers.reschedule(win, w.end - 1, seq);
        ks.aligned.set(w.slot, win);
        windowCount++;
      }
      keys.set(kr.mapKey, ks);
    }
    return { keys, timers, windowCount };
  }
}
