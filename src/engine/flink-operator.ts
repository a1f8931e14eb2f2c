// The state and trigger half of Flink mode's WindowOperator: keyed windows, their event-time
// timers, adding an element (fire at once when the window has already ended, else a timer),
// firing, and clearing at end − 1 + allowedLateness. `FlinkEngine` (`flink.ts`) drives it.
// Hot-path note: a double passed to or returned from a call V8 does not inline is boxed (an
// allocation), so times travel in fields (`watermark`) rather than as arguments here.
import { Aggregates } from './aggregate';
import { disarm } from './flink-ring';
import { TimerQueue } from './flink-timers';
import { NO_ROWS, refOf, type Recorder } from './flink-trace';
import {
  accOf,
  windowsPerRecordOf,
  isEmpty,
  removeWindow,
  Spares,
  type FlinkWindow,
  type KeyKinds,
  type KeyState,
} from './flink-windows';
import { groupKey, type GroupKey } from './group-key';
import type { RowBuilder } from './row-builder';
import type { FlinkWindowChangeKind, GroupRef } from './trace';
import type { Event, Query, Row } from './types';

export class FlinkOperator {
  protected readonly aggregates: Aggregates;
  protected readonly plainCount: boolean;
  /**
   * With a plain count(*), every window's accumulator: its count lives on the window, and
   * `accOf` writes it in just before a read (one window at a time).
   */
  protected readonly countAcc: unknown[];
  protected readonly key: GroupKey;
  /** Rows of a window, and of the running group of `window: none` (row-builder.ts). */
  protected readonly buildWindow: RowBuilder;
  private readonly buildRunning: RowBuilder;
  protected readonly lateness: number;
  /** What windows keys hold. */
  protected readonly kinds: KeyKinds;
  private readonly purging: boolean;
  protected keys = new Map<unknown, KeyState>();
  protected timers = new TimerQueue<FlinkWindow>();
  protected readonly spares = new Spares();
  /** The operator's current watermark: −∞ at first, +∞ after `$end`. */
  protected watermark = -Infinity;
  /** Windows (and running groups) in state. */
  protected windowCount = 0;
  /** Rows fired by the current element (NO_ROWS until the first). */
  protected emitted: Row[] = NO_ROWS;
  /** The current element's trace, when tracing. */
  protected recorder: Recorder | null = null;

  constructor(query: Query) {
    this.aggregates = new Aggregates(query.aggregates, query.derived);
    this.plainCount = this.aggregates.isPlainCount;
    this.countAcc = this.aggregates.create();
    this.key = groupKey(query.groupBy);
    const keyFields = query.groupBy;
    this.buildWindow = this.aggregates.rowBuilder({ window: true, keyFields, singleKey: false });
    this.buildRunning = this.aggregates.rowBuilder({ window: false, keyFields, singleKey: false });
    this.lateness = query.allowedLatenessMs;
    this.kinds = {
      windowsPerRecord: windowsPerRecordOf(query.window),
      sessions: query.window.type === 'session',
    };
    this.purging = query.trigger === 'purging';
  }

  protected keyState(e: Event): KeyState {
    const mapKey = this.key.keyOf(e);
    let ks = this.keys.get(mapKey);
    if (ks === undefined) {
      ks = this.spares.key(this.key.valuesOf(e), mapKey, this.kinds);
      this.keys.set(mapKey, ks);
    }
    return ks;
  }

  /**
   * Adds an element, then the trigger: fire at once if the window has ended (end − 1 <=
   * watermark, which the caller works out from the end it has at hand), else a timer.
   */
  protected add(win: FlinkWindow, e: Event, ended: boolean): void {
    const acc = win.acc;
    const created = acc === null;
    if (this.plainCount) {
      if (acc === null) {
        win.acc = this.countAcc;
        win.count = 0;
      }
      win.count++;
    } else this.aggregates.add(acc ?? (win.acc = this.aggregates.create()), e);
    if (this.recorder !== null) this.record(created ? 'created' : 'updated', win);
    if (ended) this.fire(win, 'refired');
    else if (win.fireTimer === null) this.registerFire(win);
    if (this.lateness > 0 && win.cleanupTimer === null) {
      win.cleanupTimer = this.timers.schedule(win, win.end - 1 + this.lateness);
    }
  }

  /** The trigger's timer at end − 1 (there is none yet). */
  protected registerFire(win: FlinkWindow): void {
    win.fireTimer = this.timers.schedule(win, win.end - 1);
  }

  private fire(win: FlinkWindow, kind: 'fired' | 'refired'): void {
    const acc = accOf(win, this.plainCount);
    if (acc === null) return;
    this.emit(this.rowOf(win.keyState, win, acc));
    if (this.recorder !== null) this.record(kind, win);
    if (this.purging) {
      win.acc = null;
      if (this.recorder !== null) this.record('purged', win);
    }
  }

  protected emit(row: Row): void {
    if (this.emitted === NO_ROWS) this.emitted = [row];
    else this.emitted.push(row);
  }

  /** Fires every timer up to the watermark (just moved), in time order. */
  protected fireTimers(): void {
    const to = this.watermark;
    const timers = this.timers;
    for (let t = timers.peek(); t !== undefined && t.time <= to; t = timers.peek()) {
      timers.pop();
      const win = t.owner;
      const time = t.time;
      if (win.fireTimer === t) {
        win.fireTimer = null;
        // Without allowed lateness the window is cleared just below (and leaves the ring).
        if (this.lateness > 0) disarm(win);
      } else if (win.cleanupTimer === t) win.cleanupTimer = null;
      timers.free(t);
      if (!win.alive) continue;
      if (time === win.end - 1) this.fire(win, 'fired');
      if (time === win.end - 1 + this.lateness) {
        if (this.recorder !== null) this.record('cleared', win);
        removeWindow(win, timers);
        this.windowCount--;
        this.dropIfEmpty(win.keyState);
        this.spares.retire(win);
      }
    }
  }

  /** Forgets a key left with no windows. */
  protected dropIfEmpty(ks: KeyState): void {
    if (!isEmpty(ks)) return;
    this.keys.delete(ks.mapKey);
    this.spares.retireKey(ks);
  }

  protected rowOf(ks: KeyState, win: FlinkWindow | null, acc: unknown[]): Row {
    if (win === null) return this.buildRunning(0, 0, null, ks.key, acc);
    return this.buildWindow(win.start, win.end, null, ks.key, acc);
  }

  protected record(kind: FlinkWindowChangeKind, win: FlinkWindow, mergedFrom?: GroupRef[]): void {
    const recorder = this.recorder;
    if (recorder === null) return;
    const acc = accOf(win, this.plainCount);
    const value = acc === null ? null : this.rowOf(win.keyState, win, acc);
    recorder.windows.push(
      mergedFrom === undefined
        ? { kind, group: refOf(win), value }
        : { kind, group: refOf(win), value, mergedFrom },
    );
  }
}
