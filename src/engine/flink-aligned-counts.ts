// Flink mode's count store (flink-count-store.ts) for tumbling and sliding windows: one object
// per window shared by all keys, with the keys in the order their first element came (the
// order their timers fire); per key one flat ring of [window, count, timer seq]. Windows of one
// size end in the order they start, so firing walks the windows by end and each window's keys
// in order: (time, seq) order, as the operator's timer queue fires them.
import {
  alignedSlot,
  newKeyState,
  type FlinkWindow,
  type KeyKinds,
  type KeyState,
} from './flink-windows';
import {
  countsFit,
  FlinkCountStore,
  type CountStoreParts,
  type GeneralState,
} from './flink-count-store';
import { TimerQueue } from './flink-timers';
import type { Event, Query } from './types';
import { alignedStart } from './window';
import { ringPlaces } from './window-slot';
import { OrderedKeyTable } from './key-table';

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

/** At most this many keys left with no window are kept for reuse. */
const SPARE_KEYS = 16_384;

export class AlignedCounts extends FlinkCountStore {
  private readonly keys = new OrderedKeyTable<CountKey>();
  private readonly spareKeys: CountKey[] = [];
  /** Windows made and not fired, by slot. */
  private readonly windows = new Map<number, CountWindow>();
  /** The same windows by end, earliest first: the order they fire in. */
  private readonly pending: CountWindow[] = [];
  private readonly ringLength: number;
  /**
   * The hot range: every time in [lo, hi) belongs to the same windows, and `hot` lists those
   * not late, latest first (all made and pending; any firing empties the range).
   */
  private lo = Number.NaN;
  private hi = Number.NaN;
  private readonly hot: CountWindow[] = [];
  private hotCount = 0;
  private readonly sizeMs: number;
  private readonly slideMs: number;
  private readonly offsetMs: number;

  /** Whether a query's run can be kept here (with tracing off). */
  static fits(query: Query, plainCount: boolean): boolean {
    const w = query.window;
    return (w.type === 'tumbling' || w.type === 'sliding') && countsFit(query, plainCount);
  }

  constructor(query: Query, parts: CountStoreParts) {
    super(query, parts);
    const w = query.window;
    if (w.type !== 'tumbling' && w.type !== 'sliding') throw new Error('aligned windows only');
    this.sizeMs = w.sizeMs;
    this.slideMs = w.slideMs;
    this.offsetMs = w.offsetMs;
    this.ringLength = 3 * ringPlaces(Math.ceil(this.sizeMs / this.slideMs));
  }

  protected takes(ts: number): boolean {
    return (ts >= this.lo && ts < this.hi) || this.enter(ts);
  }

  protected add(element: Event): boolean {
    if (this.hotCount === 0) return false;
    this.count(element);
    return true;
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
      this.keys.add(mapKey, kr);
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

  /** Windows with end − 1 <= mark fire, in end order. */
  protected advance(mark: number): void {
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
      this.emit(w.start, w.end, kr.key, count);
      if (--kr.live === 0) this.dropKey(kr);
    }
  }

  private dropKey(kr: CountKey): void {
    this.keys.remove(kr.mapKey);
    kr.spill = null;
    if (this.spareKeys.length < SPARE_KEYS) this.spareKeys.push(kr);
  }

  /** Keys in Map order, each key's windows in the order they were made (by seq). */
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
        ks.aligned.set(w.slot, this.generalWindow(ks, w.start, w.end, w.slot, count, seq, timers));
        windowCount++;
      }
      keys.set(kr.mapKey, ks);
    }
    return { keys, timers, windowCount };
  }
}
