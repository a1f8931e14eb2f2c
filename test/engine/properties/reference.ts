// A brute-force model of Spark's micro-batch windowed aggregation (design.md, "Spark mode"),
// written to be obviously right rather than fast: an event's windows are found by scanning
// candidate starts, groups are arrays of events under JSON keys, sessions merge by joining any
// two that overlap or touch until none do. It shares no code with src/engine. One file, past
// 300 lines on purpose: the whole model reads top to bottom beside design.md's "Spark mode".
import type { Event, Row } from '../../../src/engine/types';

export type OutputMode = 'append' | 'update' | 'complete';

export type WindowChoice =
  | { readonly type: 'tumbling'; readonly sizeMs: number; readonly offsetMs: number }
  | {
      readonly type: 'sliding';
      readonly sizeMs: number;
      readonly slideMs: number;
      readonly offsetMs: number;
    }
  | { readonly type: 'session'; readonly gap: GapChoice }
  | { readonly type: 'none' };

/**
 * A session gap: fixed; read from the event's `gap_ms` (integer ms); or looked up by the event's
 * `dev` in `map`, with `defaultMs` for a missing dev or one not in the map. A gap that is missing
 * or <= 0 drops the event (Spark filters such rows).
 */
export type GapChoice =
  | { readonly kind: 'fixed'; readonly ms: number }
  | { readonly kind: 'field' }
  | {
      readonly kind: 'map';
      readonly map: Readonly<Record<string, number>>;
      readonly defaultMs: number | null;
    };

/**
 * count(*), count(amount), count(*) where dev = 'x', and sum, min, max, avg of `amount`; see
 * COLUMN for the output names.
 */
export type AggName = 'count' | 'count_amount' | 'count_x' | 'sum' | 'min' | 'max' | 'avg';

export const COLUMN: Readonly<Record<AggName, string>> = {
  count: 'n',
  count_amount: 'n_amount',
  count_x: 'n_x',
  sum: 'total',
  min: 'lo',
  max: 'hi',
  avg: 'mean',
};

/** The event-time field of every generated event (epoch ms, or an ISO string). */
export const TIME = 'ts';

/** A query as the tests think of it: integer ms, no parsing. `groupBy` may hold TIME. */
export interface Spec {
  readonly window: WindowChoice;
  readonly groupBy: readonly string[];
  readonly aggregates: readonly AggName[];
  readonly delayMs: number | null;
  readonly mode: OutputMode;
  /** The query's filter keeps only events with dev = 'x'. */
  readonly filterX: boolean;
  /** A derived column `share` = n_x / n_amount (null when n_amount is 0). */
  readonly share: boolean;
  readonly noDataMicroBatches: boolean;
}

/** The query's filter, applied before anything else (filtered events do not move the watermark). */
export function passes(spec: Spec, e: Event): boolean {
  return !spec.filterX || e.dev === 'x';
}

/**
 * A (key, window) group an event falls in. `bound` is what the watermark is compared with:
 * window_end for time windows and sessions, the event time when grouping on raw time.
 */
export interface Candidate {
  readonly id: string;
  readonly start: number | null;
  readonly end: number | null;
  readonly key: readonly unknown[];
  readonly bound: number | null;
}

export function timeOf(e: Event): number | null {
  const v = e[TIME];
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return Date.parse(v);
  return null;
}

export function groupsOnTime(spec: Spec): boolean {
  return spec.groupBy.includes(TIME);
}

/** Events without a time count only where the query neither windows nor groups on time. */
/**
 * Only windows need an event time: grouping on the raw time column keeps a null time as a group
 * of its own, which `null <= watermark` (not true in SQL) never makes late or evicts.
 */
export function needsTime(spec: Spec): boolean {
  return spec.window.type !== 'none';
}

/** Input groups can be late: sessions in every mode, other time groups outside complete mode. */
export function dropsLate(spec: Spec): boolean {
  if (spec.delayMs === null) return false;
  if (spec.window.type === 'session') return true;
  if (spec.mode === 'complete') return false;
  return spec.window.type !== 'none' || groupsOnTime(spec);
}

/** State is evicted by the watermark: append or update on a watermarked time column. */
export function evicts(spec: Spec): boolean {
  if (spec.delayMs === null || spec.mode === 'complete') return false;
  return spec.window.type !== 'none' || groupsOnTime(spec);
}

export function groupId(start: number | null, end: number | null, key: readonly unknown[]): string {
  return JSON.stringify([start, end, key]);
}

/** Every [start, end) with start = offset + k·slide and start <= ts < end, found by trying k. */
export function alignedWindows(
  ts: number,
  sizeMs: number,
  slideMs: number,
  offsetMs: number,
): [number, number][] {
  const found: [number, number][] = [];
  const lowest = Math.floor((ts - sizeMs - offsetMs) / slideMs) - 2;
  const highest = Math.ceil((ts - offsetMs) / slideMs) + 2;
  for (let k = lowest; k <= highest; k++) {
    const start = offsetMs + k * slideMs + 0; // + 0 turns -0 into 0
    if (start <= ts && ts < start + sizeMs) found.push([start, start + sizeMs]);
  }
  return found;
}

/** The event's session gap in ms, or null when it has none (the event is dropped). */
export function gapOf(spec: Spec, e: Event): number | null {
  const w = spec.window;
  if (w.type !== 'session') return null;
  let ms: number | null = null;
  if (w.gap.kind === 'fixed') ms = w.gap.ms;
  if (w.gap.kind === 'field')
    ms = typeof e.gap_ms === 'number' && Number.isInteger(e.gap_ms) ? e.gap_ms : null;
  if (w.gap.kind === 'map') {
    const dev = typeof e.dev === 'string' || typeof e.dev === 'number' ? String(e.dev) : null;
    ms = dev !== null && Object.hasOwn(w.gap.map, dev) ? (w.gap.map[dev] ?? null) : w.gap.defaultMs;
  }
  return ms !== null && ms > 0 ? ms : null;
}

/** The groups one event belongs to before any lateness or merging (its own session for sessions). */
export function candidates(spec: Spec, e: Event, ts: number | null): Candidate[] {
  const key = spec.groupBy.map((f) => (f === TIME ? ts : (e[f] ?? null)));
  const make = (start: number | null, end: number | null, bound: number | null): Candidate => ({
    id: groupId(start, end, key),
    start,
    end,
    key,
    bound,
  });
  const w = spec.window;
  if (w.type === 'none') return [make(null, null, groupsOnTime(spec) ? ts : null)];
  if (ts === null) return [];
  if (w.type === 'session') {
    const gap = gapOf(spec, e);
    return gap === null ? [] : [make(ts, ts + gap, ts + gap)];
  }
  const slideMs = w.type === 'sliding' ? w.slideMs : w.sizeMs;
  return alignedWindows(ts, w.sizeMs, slideMs, w.offsetMs).map(([s, end]) => make(s, end, end));
}

export function aggregateValues(aggregates: readonly AggName[], events: readonly Event[]): Row {
  const present = events.filter((e) => e.amount !== undefined && e.amount !== null);
  const amounts = events.map((e) => e.amount).filter((v): v is number => typeof v === 'number');
  let sum = 0;
  for (const v of amounts) sum += v;
  const none = amounts.length === 0;
  const row: Row = {};
  for (const a of aggregates) {
    const value: Record<AggName, unknown> = {
      count: events.length,
      count_amount: present.length,
      count_x: events.filter((e) => e.dev === 'x').length,
      sum: none ? null : sum,
      min: none ? null : Math.min(...amounts),
      max: none ? null : Math.max(...amounts),
      avg: none ? null : sum / amounts.length,
    };
    row[COLUMN[a]] = value[a];
  }
  return row;
}

function withShare(spec: Spec, row: Row): Row {
  if (!spec.share) return row;
  const n = Number(row[COLUMN.count_amount]);
  return { ...row, share: n === 0 ? null : Number(row[COLUMN.count_x]) / n };
}

/** A group of the result table: its bounds, key and every event it took. */
export interface RefGroup {
  readonly id: string;
  readonly start: number | null;
  readonly end: number | null;
  readonly key: readonly unknown[];
  readonly bound: number | null;
  readonly events: Event[];
}

export function rowOf(spec: Spec, g: RefGroup): Row {
  const row: Row = {};
  if (spec.window.type !== 'none') {
    row.window_start = g.start;
    row.window_end = g.end;
  }
  spec.groupBy.forEach((f, i) => (row[f] = g.key[i]));
  return withShare(spec, { ...row, ...aggregateValues(spec.aggregates, g.events) });
}

/** One session covering two: from the earlier start to the later end, with both's events. */
function join(a: RefGroup, b: RefGroup): RefGroup {
  const start = Math.min(a.start ?? 0, b.start ?? 0);
  const end = Math.max(a.end ?? 0, b.end ?? 0);
  return {
    id: groupId(start, end, a.key),
    start,
    end,
    key: a.key,
    bound: end,
    events: [...a.events, ...b.events],
  };
}

/** Joins any two sessions of one key that overlap or touch, again and again until none do. */
export function mergeSessions(sessions: readonly RefGroup[]): RefGroup[] {
  let list = [...sessions];
  for (;;) {
    let joined = false;
    for (let i = 0; i < list.length && !joined; i++) {
      for (let j = i + 1; j < list.length && !joined; j++) {
        const a = list[i] as RefGroup;
        const b = list[j] as RefGroup;
        const sameKey = JSON.stringify(a.key) === JSON.stringify(b.key);
        if (sameKey && (a.start ?? 0) <= (b.end ?? 0) && (b.start ?? 0) <= (a.end ?? 0)) {
          list = [...list.filter((_, k) => k !== i && k !== j), join(a, b)];
          joined = true;
        }
      }
    }
    if (!joined) return list;
  }
}

/** An aggregation with no window and no grouping key: one row, there after every run. */
export function isGlobal(spec: Spec): boolean {
  return spec.window.type === 'none' && spec.groupBy.length === 0;
}

/** The whole result table over `events` when nothing is late or evicted. */
export function resultTable(spec: Spec, events: readonly Event[]): Row[] {
  const groups = new Map<string, RefGroup>();
  for (const e of events) {
    const ts = timeOf(e);
    if (!passes(spec, e) || (ts === null && needsTime(spec))) continue;
    for (const c of candidates(spec, e, ts)) {
      const g = groups.get(c.id) ?? { ...c, events: [] };
      g.events.push(e);
      groups.set(c.id, g);
    }
  }
  let all = [...groups.values()];
  if (spec.window.type === 'session') all = mergeSessions(all);
  if (isGlobal(spec) && all.length === 0) {
    all = [
      { id: groupId(null, null, []), start: null, end: null, key: [], bound: null, events: [] },
    ];
  }
  return all.map((g) => rowOf(spec, g));
}

/** The watermarks of one input batch. */
export interface Clock {
  /** The watermark the batch ran with (null without a watermark). */
  readonly ranWith: number | null;
  /** The watermark computed after it: what the next batch runs with. */
  readonly after: number | null;
}

/**
 * Batch 0 runs with 0; after each batch, wm = max(wm, max event time so far − delay). Late
 * events count toward the max; a batch with no input changes nothing.
 */
export function watermarks(spec: Spec, batches: readonly (readonly Event[])[]): Clock[] {
  const delay = spec.delayMs;
  let wm = 0;
  let max: number | null = null;
  return batches.map((batch) => {
    if (delay === null) return { ranWith: null, after: null };
    const ranWith = wm;
    for (const e of batch) {
      const ts = timeOf(e);
      if (passes(spec, e) && ts !== null && (max === null || ts > max)) max = ts;
    }
    if (max !== null && max - delay > wm) wm = max - delay;
    return { ranWith, after: wm };
  });
}

export type RefFate =
  | {
      readonly kind: 'counted';
      readonly eventTime: number | null;
      readonly groups: string[];
      readonly late: string[];
    }
  | { readonly kind: 'late'; readonly eventTime: number; readonly late: string[] }
  | { readonly kind: 'no-time' }
  | { readonly kind: 'no-gap' }
  | { readonly kind: 'filtered' };

export interface RefBatch extends Clock {
  /** Groups with bound <= this were dropped (null: nothing could be late). */
  readonly lateThreshold: number | null;
  readonly rows: Row[];
  readonly dropped: number;
  readonly droppedEvents: number;
  readonly stateRows: number;
  readonly fates: RefFate[];
}

/**
 * Runs the batches one after the other as Spark does, keeping the state as plain groups of
 * events: late input is dropped against the previous run's watermark, and after a batch that
 * moved the watermark (append, update) a no-data run evicts what it closed, unless the query
 * turns no-data batches off.
 */
export function simulate(spec: Spec, batches: readonly (readonly Event[])[]): RefBatch[] {
  const clocks = watermarks(spec, batches);
  /** The watermark of the last run (data or no-data): the next batch's late threshold. */
  let lastRun = 0;
  let state: RefGroup[] = [];
  return batches.map((batch, b) => {
    const clock = clocks[b] as Clock;
    if (batch.length === 0) {
      return {
        ...clock,
        lateThreshold: null,
        rows: [],
        dropped: 0,
        droppedEvents: 0,
        stateRows: state.length,
        fates: [],
      };
    }
    const lateThreshold = dropsLate(spec) ? lastRun : null;
    const lateIds = new Set<string>();
    const fresh = new Set<Event>();
    const touched = new Set<string>();
    let droppedEvents = 0;
    const partial: { e: Event; ts: number | null; counted: Candidate[]; late: string[] }[] = [];
    for (const e of batch) {
      const ts = timeOf(e);
      if (!passes(spec, e) || (ts === null && needsTime(spec))) {
        partial.push({ e, ts, counted: [], late: [] });
        continue;
      }
      const counted: Candidate[] = [];
      const late: string[] = [];
      for (const c of candidates(spec, e, ts)) {
        if (lateThreshold !== null && c.bound !== null && c.bound <= lateThreshold) {
          late.push(c.id);
          lateIds.add(c.id);
        } else {
          counted.push(c);
        }
      }
      if (counted.length === 0 && late.length > 0) droppedEvents++;
      partial.push({ e, ts, counted, late });
      for (const c of counted) {
        fresh.add(e);
        if (spec.window.type === 'session') {
          state.push({ ...c, events: [e] });
        } else {
          let g = state.find((s) => s.id === c.id);
          if (g === undefined) state.push((g = { ...c, events: [] }));
          g.events.push(e);
          touched.add(c.id);
        }
      }
    }
    if (spec.window.type === 'session') {
      state = mergeSessions(state);
      for (const s of state) if (s.events.some((e) => fresh.has(e))) touched.add(s.id);
    }
    const fates = partial.map(({ e, ts, counted, late }): RefFate => {
      if (!passes(spec, e)) return { kind: 'filtered' };
      if (counted.length === 0 && late.length === 0 && ts !== null) return { kind: 'no-gap' };
      if (ts === null && needsTime(spec)) return { kind: 'no-time' };
      if (counted.length === 0) return { kind: 'late', eventTime: ts ?? 0, late };
      const groups =
        spec.window.type === 'session'
          ? state.filter((s) => s.events.includes(e)).map((s) => s.id)
          : counted.map((c) => c.id);
      return { kind: 'counted', eventTime: ts, groups, late };
    });

    // An aggregation with no grouping key has its one row after every run, input or not
    // (Spark's aggregate over empty input still yields the empty buffer).
    const globalId = groupId(null, null, []);
    if (isGlobal(spec)) {
      if (!state.some((s) => s.id === globalId)) {
        state.push({ id: globalId, start: null, end: null, key: [], bound: null, events: [] });
      }
      touched.add(globalId);
    }
    const rows: Row[] = [];
    const evict = (threshold: number | null, emit: boolean): void => {
      if (threshold === null || !evicts(spec)) return;
      const closed = state.filter((g) => g.bound !== null && g.bound <= threshold);
      if (emit) rows.push(...closed.map((g) => rowOf(spec, g)));
      state = state.filter((g) => !closed.includes(g));
    };
    if (spec.mode === 'complete') rows.push(...state.map((g) => rowOf(spec, g)));
    if (spec.mode === 'update')
      rows.push(...state.filter((g) => touched.has(g.id)).map((g) => rowOf(spec, g)));
    evict(clock.ranWith, spec.mode === 'append');
    lastRun = clock.ranWith ?? 0;
    const moved = clock.after !== null && clock.ranWith !== null && clock.after > clock.ranWith;
    if (moved && spec.mode !== 'complete' && spec.noDataMicroBatches) {
      evict(clock.after, spec.mode === 'append');
      const global = state.find((s) => s.id === globalId);
      if (isGlobal(spec) && spec.mode === 'update' && global !== undefined) {
        rows.push(rowOf(spec, global));
      }
      lastRun = clock.after;
    }
    return {
      ...clock,
      lateThreshold,
      rows,
      dropped: lateIds.size,
      droppedEvents,
      stateRows: state.length,
      fates,
    };
  });
}
