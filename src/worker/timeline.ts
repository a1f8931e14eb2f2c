// What the chart draws, kept step by step as the run goes: every event that has arrived (its
// event time, when it arrived, its key and its fate so far), the watermark of each step, and
// every window seen with its latest value and status. Columns are typed arrays, so a large run
// crosses to the page cheaply. Built only from the engine's trace, never re-derived.
import { toEpochMs } from '../engine/event-time';
import type { EventFate, FlinkWindowChange, GroupRef, WindowChange } from '../engine/trace';
import type { Event, Row, Semantics } from '../engine/types';
import { laneTime } from './join-run';
import type { Step } from './simulation';
import { byPlace, summarise, type TimelineSummary } from './timeline-summary';

/** An event's fate as one byte. */
export const FATE = {
  /** Counted in every window it belongs to. */
  counted: 1,
  /** Counted in some windows, too late for others (sliding windows). */
  partlyLate: 2,
  /** Late for all its windows: dropped (Spark) or sent to the side output (Flink). */
  late: 3,
  filtered: 4,
  /** No event time, no session gap, or (Flink) no window at all. */
  unusable: 5,
  /** A Flink `$watermark` or `$end` marker, not an event. */
  marker: 6,
} as const;

export type WindowStatus = 'open' | 'emitted' | 'evicted' | 'fired' | 'cleared' | 'merged';

export interface TimelineWindow {
  readonly start: number | null;
  readonly end: number | null;
  /** The grouping key's values joined with " · " ("" without grouping). */
  readonly key: string;
  readonly value: Row | null;
  readonly status: WindowStatus;
  /** 0-based steps: where it first and last changed, and where it was output. */
  readonly firstStep: number;
  readonly lastStep: number;
  readonly outputSteps: readonly number[];
}

export interface TimelineStep {
  readonly processingTime: number;
  readonly watermarkBefore: number | null;
  readonly watermarkAfter: number | null;
  /** Index of this step's first event in the event columns. */
  readonly firstEvent: number;
  readonly eventCount: number;
}

export interface Timeline {
  readonly semantics: Semantics;
  /** The first step the timeline holds: 0, or where a resumed run's checkpoint was. */
  readonly fromStep: number;
  readonly steps: readonly TimelineStep[];
  /** Per event that has arrived, in arrival order. NaN: no event time. */
  readonly eventTime: Float64Array;
  readonly processingTime: Float64Array;
  readonly step: Int32Array;
  readonly fate: Uint8Array;
  /** Index into `keys`; -1 when the event has no key (filtered, no time, a marker). */
  readonly keyIndex: Int32Array;
  readonly keys: readonly string[];
  /** A join's inputs, left first ([] for one input), and each event's index in it (-1: none). */
  readonly lanes: readonly string[];
  readonly lane: Int8Array;
  readonly windows: readonly TimelineWindow[];
  /**
   * How many windows there are when `windows` holds only those the chart's strip can show (a
   * big run, as the worker sends it); absent: `windows` is all of them.
   */
  readonly windowCount?: number;
  /** Figures over every event and window, worked out here so the page need not loop over them. */
  readonly summary?: TimelineSummary;
}

export type { TimelineSummary };

interface StepRecord {
  readonly processingTime: number;
  readonly watermarkBefore: number | null;
  readonly watermarkAfter: number | null;
  readonly events: readonly Event[];
  readonly fates: readonly (EventFate | null)[];
  readonly changes: readonly (WindowChange | FlinkWindowChange)[];
}

/** A grouping key as the chart names it: its values joined with " · ". */
export const keyText = (key: readonly unknown[]): string =>
  key.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' · ');
const windowId = (g: GroupRef): string =>
  `${String(g.windowStart)}|${String(g.windowEnd)}|${keyText(g.key)}`;

function fateCode(fate: EventFate | null, event: Event): number {
  if ('$watermark' in event || '$end' in event) return FATE.marker;
  switch (fate?.kind) {
    case 'counted':
      return fate.late.length > 0 ? FATE.partlyLate : FATE.counted;
    case 'late':
      return FATE.late;
    case 'filtered':
      return FATE.filtered;
    case 'passed':
      return FATE.counted;
    default:
      return FATE.unusable;
  }
}

const STATUS: Readonly<Record<string, WindowStatus>> = {
  created: 'open',
  updated: 'open',
  merged: 'open',
  emitted: 'emitted',
  evicted: 'evicted',
  fired: 'fired',
  refired: 'fired',
  purged: 'fired',
  cleared: 'cleared',
};

export class StepLog {
  private records: StepRecord[] = [];
  /** The step the first record is (steps before a restored checkpoint are not here). */
  private base = 0;

  constructor(
    private readonly semantics: Semantics,
    private readonly timeField: string | null,
    /** A join: its inputs (left first) and their time fields; each event's time is its input's. */
    private readonly join: { names: readonly string[]; times: readonly string[] } | null = null,
  ) {}

  /** Keeps what `step` did; steps after it (from an earlier run of the same positions) are dropped. */
  record(step: Step): void {
    const index = step.position - 1;
    if (index < this.base || index > this.base + this.records.length) {
      // The run jumped (restored from a stored checkpoint): start the log there.
      this.base = index;
      this.records = [];
    }
    this.records.length = index - this.base;
    if (step.kind === 'spark') {
      const t = step.trace;
      this.records.push({
        processingTime: step.processingTime,
        watermarkBefore: t.watermarkBefore,
        watermarkAfter: t.watermarkAfter,
        events: step.input,
        fates: t.events,
        changes: t.windows,
      });
    } else {
      const t = step.trace;
      this.records.push({
        processingTime: step.processingTime,
        watermarkBefore: t.watermarkBefore,
        watermarkAfter: t.watermarkAfter,
        events: [step.element],
        fates: [t.fate],
        changes: t.windows,
      });
    }
  }

  /** Forgets steps after `position` (a rewind: they will be replayed). */
  truncate(position: number): void {
    if (position < this.base) {
      this.base = position;
      this.records = [];
    } else if (this.records.length > position - this.base) {
      this.records.length = position - this.base;
    }
  }

  timeline(): Timeline {
    const n = this.records.reduce((sum, r) => sum + r.events.length, 0);
    const eventTime = new Float64Array(n);
    const processingTime = new Float64Array(n);
    const step = new Int32Array(n);
    const fate = new Uint8Array(n);
    const keyIndex = new Int32Array(n).fill(-1);
    const lane = new Int8Array(n).fill(-1);
    const join = this.join;
    const keys: string[] = [];
    const keyIds = new Map<string, number>();
    const windows = new Map<string, TimelineWindow>();
    const steps: TimelineStep[] = [];
    let i = 0;
    this.records.forEach((r, index) => {
      const s = index + this.base;
      steps.push({
        processingTime: r.processingTime,
        watermarkBefore: r.watermarkBefore,
        watermarkAfter: r.watermarkAfter,
        firstEvent: i,
        eventCount: r.events.length,
      });
      r.events.forEach((event, j) => {
        const f = r.fates[j] ?? null;
        let t = this.timeField === null ? null : toEpochMs(event[this.timeField]);
        if (join !== null) {
          const at = laneTime(event, join);
          lane[i] = at.lane;
          t = at.time;
        }
        eventTime[i] = t ?? Number.NaN;
        processingTime[i] = r.processingTime;
        step[i] = s;
        fate[i] = fateCode(f, event);
        const group =
          f?.kind === 'counted' ? f.groups[0] : f?.kind === 'late' ? f.late[0]?.group : undefined;
        if (group !== undefined) {
          const k = keyText(group.key);
          let id = keyIds.get(k);
          if (id === undefined) {
            id = keys.length;
            keys.push(k);
            keyIds.set(k, id);
          }
          keyIndex[i] = id;
        }
        i++;
      });
      for (const c of r.changes) this.fold(windows, c, s);
    });
    const sorted = [...windows.values()].sort(byPlace);
    return {
      semantics: this.semantics,
      fromStep: this.base,
      steps,
      eventTime,
      processingTime,
      step,
      fate,
      keyIndex,
      keys,
      lanes: join === null ? [] : [...join.names],
      lane,
      windows: sorted,
      summary: summarise(eventTime, fate, sorted),
    };
  }

  private fold(
    windows: Map<string, TimelineWindow>,
    c: WindowChange | FlinkWindowChange,
    s: number,
  ): void {
    const id = windowId(c.group);
    const before = windows.get(id);
    const status = STATUS[c.kind] ?? 'open';
    const output = c.kind === 'emitted' || c.kind === 'fired' || c.kind === 'refired';
    windows.set(id, {
      start: c.group.windowStart,
      end: c.group.windowEnd,
      key: keyText(c.group.key),
      value: c.kind === 'purged' || c.kind === 'cleared' ? (before?.value ?? null) : c.value,
      status: c.kind === 'purged' ? (before?.status ?? 'fired') : status,
      firstStep: before?.firstStep ?? s,
      lastStep: s,
      outputSteps: output ? [...(before?.outputSteps ?? []), s] : (before?.outputSteps ?? []),
    });
    for (const from of c.mergedFrom ?? []) {
      const old = windows.get(windowId(from));
      if (old !== undefined && windowId(from) !== id)
        windows.set(windowId(from), { ...old, status: 'merged', lastStep: s });
    }
  }
}
