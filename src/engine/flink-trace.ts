// Flink mode's trace pieces: what one element did, recorded only when the engine traces, and the
// shared empty output of an element that fired nothing (most of them, with tracing off).
import type { Condition } from './field-equals';
import type { FlinkWindow } from './flink-windows';
import type { EventFate, FlinkRecordTrace, FlinkWindowChange, GroupRef, LateDrop } from './trace';
import type { Event, Row } from './types';

/** What one stream element produced: fired rows and records sent to the late side output. */
export interface FlinkRecordOutput {
  readonly emissions: Row[];
  readonly late: Event[];
  readonly trace: FlinkRecordTrace | null;
}

/** Frozen, so a caller that wrongly pushes into a shared empty list fails loudly. */
export const NO_ROWS = Object.freeze([]) as unknown as Row[];
export const NO_EVENTS = Object.freeze([]) as unknown as Event[];
export const NOTHING: FlinkRecordOutput = Object.freeze({
  emissions: NO_ROWS,
  late: NO_EVENTS,
  trace: null,
});

export interface Recorder {
  fate: EventFate | null;
  readonly windows: FlinkWindowChange[];
}

export function refOf(win: FlinkWindow): GroupRef {
  return { windowStart: win.start, windowEnd: win.end, key: win.keyState.key };
}

export function lateDropOf(
  key: readonly unknown[],
  start: number,
  end: number,
  lateness: number,
  watermark: number,
): LateDrop {
  return {
    group: { windowStart: start, windowEnd: end, key },
    rule: 'window_end - 1 + allowed_lateness <= watermark',
    bound: end - 1 + lateness,
    watermark,
  };
}

export function filteredFate(e: Event, filter: Condition): EventFate | null {
  const failed = filter.find(([field, value]) => (e[field] ?? null) !== value);
  return failed === undefined
    ? null
    : { kind: 'filtered', field: failed[0], expected: failed[1], actual: e[failed[0]] ?? null };
}

/** The fate of an event that reached its windows. */
export function eventFate(
  ts: number,
  counted: boolean,
  isLate: boolean,
  groups: GroupRef[],
  late: LateDrop[],
  sideOutput: boolean,
): EventFate {
  if (counted) return { kind: 'counted', eventTime: ts, groups, late };
  if (isLate) return { kind: 'late', eventTime: ts, late, sideOutput };
  return { kind: 'no-window', eventTime: ts };
}

/** Watermarks in a trace: null stands for −∞. */
export function traceWatermark(w: number): number | null {
  return w === -Infinity ? null : w;
}
