// The main chart's words: accessible names of events and windows, window labels, and the text
// alternative that summarises the whole chart. Pure, so the wording is tested without a DOM.
import { formatClock, formatTime } from '../../engine/event-time';
import type { Semantics } from '../../engine/types';
import { FATE, type Timeline, type TimelineWindow, type WindowStatus } from '../../worker/timeline';
import { timelineStats } from './chart-scales';

const plural = (n: number, one: string, many = `${one}s`): string =>
  `${String(n)} ${n === 1 ? one : many}`;

/** "10:00:20" (with ms when present); with the date too when `withDate`. */
export const clock = (ms: number, withDate = false): string =>
  withDate ? formatTime(ms) : formatClock(ms);

const DAY_MS = 86_400_000;

/**
 * A watermark in words. `anchor` (an event time) adds the date when the watermark is on another
 * day, as Spark's starting watermark 0 (1970-01-01) is beside a 2024 clickstream.
 */
export function watermarkText(
  ms: number | null,
  withDate = false,
  anchor: number | null = null,
): string {
  if (ms === null || ms === -Infinity) return 'none yet';
  if (ms === Infinity) return 'end of input (+∞)';
  const otherDay = anchor !== null && Math.floor(ms / DAY_MS) !== Math.floor(anchor / DAY_MS);
  return clock(ms, withDate || otherDay);
}

/** The latest finite event time, or null. */
const latestTime = (t: Timeline): number | null => timelineStats(t).extent?.[1] ?? null;

export const stepUnit = (semantics: Semantics): string =>
  semantics === 'spark' ? 'batch' : 'record';

const stepUnits = (semantics: Semantics): string => (semantics === 'spark' ? 'batches' : 'records');

/** "batch 3" (Spark counts batches from 0) or "record 12". */
export const stepName = (semantics: Semantics, step: number): string =>
  `${stepUnit(semantics)} ${String(step)}`;

/** A fate in words, as the legend and the events' names say it. */
export function fateText(fate: number, semantics: Semantics): string {
  switch (fate) {
    case FATE.counted:
      return 'counted';
    case FATE.partlyLate:
      return 'partly late';
    case FATE.late:
      return semantics === 'spark' ? 'late, dropped' : 'late, not counted';
    case FATE.filtered:
      return 'filtered out';
    case FATE.marker:
      return 'marker';
    default:
      return 'unusable';
  }
}

/** "event at 10:00:20, counted, key user1, batch 0". */
export function eventName(t: Timeline, i: number, semantics: Semantics, withDate = false): string {
  const time = t.eventTime[i] ?? NaN;
  const parts = [
    Number.isFinite(time) ? `event at ${clock(time, withDate)}` : 'event with no event time',
    fateText(t.fate[i] ?? 0, semantics),
  ];
  const key = t.keys[t.keyIndex[i] ?? -1];
  if (key !== undefined && key !== '') parts.push(`key ${key}`);
  parts.push(stepName(semantics, t.step[i] ?? 0));
  return parts.join(', ');
}

export const windowId = (w: TimelineWindow): string =>
  `${String(w.start)}|${String(w.end)}|${w.key}`;

const STATUS_TEXT: Readonly<Record<WindowStatus, string>> = {
  open: 'open',
  emitted: 'emitted',
  evicted: 'evicted',
  fired: 'fired',
  cleared: 'cleared',
  merged: 'merged into another session',
};

export const statusText = (status: WindowStatus): string => STATUS_TEXT[status];

const WINDOW_COLUMNS = new Set(['window_start', 'window_end', 'window']);

export const numberText = (v: number): string =>
  Number.isInteger(v) ? String(v) : String(Number(v.toFixed(2)));

/**
 * The value a window band shows: its first aggregate, as `{ name, text }`. A result row holds the
 * window bounds, then one column per grouping key, then the aggregates (see output-columns.ts);
 * the key's parts say how many grouping columns to skip. The first numeric aggregate wins; else
 * the first aggregate of any type (`number` is null then). Null when the window has no row or
 * no aggregate.
 */
export function windowValue(
  w: TimelineWindow,
): { name: string; text: string; number: number | null } | null {
  if (w.value === null) return null;
  const keyColumns = w.key === '' ? 0 : w.key.split(' · ').length;
  const columns = Object.entries(w.value).filter(([name]) => !WINDOW_COLUMNS.has(name));
  const aggregates = columns.slice(keyColumns);
  const chosen = aggregates.find(([, v]) => typeof v === 'number') ?? aggregates[0];
  if (chosen === undefined) return null;
  const [name, v] = chosen;
  const text =
    typeof v === 'number'
      ? numberText(v)
      : v === null
        ? 'null'
        : typeof v === 'string'
          ? v
          : JSON.stringify(v);
  return { name, text, number: typeof v === 'number' ? v : null };
}

/** "window 10:00:00–10:01:00, key user1, count 2, emitted". */
export function windowName(w: TimelineWindow, withDate = false): string {
  const span =
    w.start === null || w.end === null
      ? 'global window'
      : `window ${clock(w.start, withDate)}–${clock(w.end, withDate)}`;
  const value = windowValue(w);
  return [
    span,
    ...(w.key === '' ? [] : [`key ${w.key}`]),
    ...(value === null ? [] : [`${value.name} ${value.text}`]),
    statusText(w.status),
  ].join(', ');
}

/** How many drawn events have each fate. */
export const fateCounts = (t: Timeline): ReadonlyMap<number, number> =>
  new Map(Object.entries(timelineStats(t).fates).map(([f, n]) => [Number(f), n]));

const FATE_ORDER = [FATE.counted, FATE.partlyLate, FATE.late, FATE.filtered, FATE.unusable];

/**
 * The chart in one sentence, for its accessible name: "Event time against processing time:
 * 5 events over 3 batches (4 counted, 1 late, dropped); 3 windows; watermark at 10:01:30."
 */
export function chartSummary(t: Timeline, semantics: Semantics, withDate = false): string {
  const counts = fateCounts(t);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const unit = stepUnit(semantics);
  if (t.steps.length === 0)
    return `Event time against processing time: no ${stepUnits(semantics)} run yet.`;
  const fates = FATE_ORDER.filter((f) => (counts.get(f) ?? 0) > 0)
    .map((f) => `${String(counts.get(f))} ${fateText(f, semantics)}`)
    .join(', ');
  const watermark = t.steps[t.steps.length - 1]?.watermarkAfter ?? null;
  const wm = watermarkText(watermark, withDate, latestTime(t));
  return (
    `Event time against processing time: ${plural(total, 'event')} over ` +
    `${plural(t.steps.length, unit, stepUnits(semantics))}${fates === '' ? '' : ` (${fates})`}; ` +
    `${plural(t.windowCount ?? t.windows.length, 'window')}; watermark ${watermark === null ? 'none yet' : `at ${wm}`}.`
  );
}

/** The longer text alternative: the summary, then what the current step did and the windows' states. */
export function chartDescription(t: Timeline, semantics: Semantics, withDate = false): string {
  const last = t.steps[t.steps.length - 1];
  if (last === undefined) return chartSummary(t, semantics, withDate);
  const current = t.fromStep + t.steps.length - 1;
  const statuses = Object.entries(timelineStats(t).statuses) as [WindowStatus, number][];
  const windows = statuses.map(([s, n]) => `${String(n)} ${statusText(s)}`).join(', ');
  const anchor = latestTime(t);
  const pt =
    semantics === 'spark'
      ? `ran at ${clock(last.processingTime, withDate)}`
      : `arrived at ${clock(last.processingTime, withDate)}`;
  return [
    chartSummary(t, semantics, withDate),
    `The current ${stepName(semantics, current)} ${pt} with ${plural(last.eventCount, 'input element')}, ` +
      `watermark ${watermarkText(last.watermarkBefore, withDate, anchor)} before and ` +
      `${watermarkText(last.watermarkAfter, withDate, anchor)} after.`,
    windows === '' ? 'No windows yet.' : `Windows: ${windows}.`,
  ].join(' ');
}

/**
 * A time axis's tick label for ticks `stepMs` apart: below a second, whole seconds as
 * "10:00:20" and the rest as ".500" (short, so the axis stays narrow); "10:00:20" below a minute;
 * "10:01" below a day; else the date ("2023-07-30").
 */
export function tickFormat(stepMs: number): (ms: number) => string {
  const iso = (ms: number): string => new Date(ms).toISOString();
  if (stepMs < 1000)
    return (ms) =>
      ((ms % 1000) + 1000) % 1000 === 0 ? iso(ms).slice(11, 19) : iso(ms).slice(19, 23);
  if (stepMs < 60_000) return (ms) => iso(ms).slice(11, 19);
  if (stepMs < 86_400_000) return (ms) => iso(ms).slice(11, 16);
  return (ms) => iso(ms).slice(0, 10);
}
