// Where the join lanes put things: the left input's lane above the right's, x = event time,
// y inside a lane = arrival (earlier higher); marks for this batch's rows, the state after it,
// what it evicted and the matches it made, all read from the join trace (never re-judged).
import type { BufferedRow, JoinSide } from '../../engine/join-types';
import type { JoinRowInfo, JoinStep } from '../../worker/join-run';

export type Domain = readonly [number, number];

export interface LaneBox {
  readonly side: JoinSide;
  readonly top: number;
  readonly bottom: number;
}

export interface LanesLayout {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly lanes: readonly [LaneBox, LaneBox];
  readonly narrow: boolean;
}

const LANE = 88;
const GAP = 40;
const TOP = 28;

/** Lanes for a container `width` px wide (300 px at least); names sit above each lane on a phone. */
export function lanesLayout(measured: number): LanesLayout {
  const width = Math.max(300, Math.round(measured || 640));
  const narrow = width < 600;
  const left = narrow ? 12 : 104;
  const label = narrow ? 16 : 0;
  const first = { side: 'left' as const, top: TOP + label, bottom: TOP + label + LANE };
  const secondTop = first.bottom + GAP + label;
  const second = { side: 'right' as const, top: secondTop, bottom: secondTop + LANE };
  return {
    width,
    height: second.bottom + 8,
    left,
    right: width - 14,
    lanes: [first, second],
    narrow,
  };
}

/** [min, max] of the finite values, padded 5 % each side (±1 s around one instant); null: none. */
export function paddedExtent(values: Iterable<number>): Domain | null {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  if (min > max) return null;
  if (min === max) return [min - 1000, max + 1000];
  const pad = (max - min) * 0.05;
  return [min - pad, max + pad];
}

/** A row's place in its lane: `at` in [0, 1] of the arrival domain, kept 8 px off the edges. */
export function laneY(box: LaneBox, arrivedAt: number, arrivals: Domain): number {
  const [a, b] = arrivals;
  const f = b > a ? (arrivedAt - a) / (b - a) : 0.5;
  return box.top + 10 + Math.min(1, Math.max(0, f)) * (box.bottom - box.top - 20);
}

export type RowState = 'held' | 'evicted' | 'passed';

export interface LaneRow {
  readonly info: JoinRowInfo;
  readonly state: RowState;
  /** Held rows: the state's view (matched, evictAt, range); evicted: the row as it left. */
  readonly buffered: BufferedRow | null;
  /** Evicted with a null row (outer join, never matched). */
  readonly nullRow: boolean;
  /** Arrived in this batch. */
  readonly fresh: boolean;
}

/** Every row the step names, with what became of it; ids missing from `rows` are skipped. */
export function laneRows(step: JoinStep, processingTime: number): LaneRow[] {
  const t = step.trace;
  const held = new Map<number, BufferedRow>();
  for (const r of [...t.state.left, ...t.state.right]) held.set(r.id, r);
  const evicted = new Map(t.evictions.map((e) => [e.row.id, e]));
  return step.rows.map((info) => {
    const h = held.get(info.id);
    const e = evicted.get(info.id);
    return {
      info,
      state: h ? 'held' : e ? 'evicted' : 'passed',
      buffered: h ?? e?.row ?? null,
      nullRow: e?.nullRow ?? false,
      fresh: info.arrivedAt === processingTime,
    };
  });
}

export interface MatchLink {
  readonly left: number;
  readonly right: number;
  readonly run: 'data' | 'no-data';
}

/** This batch's matches (pairs with both rows); null rows and semi rows are not links. */
export function matchLinks(step: JoinStep): MatchLink[] {
  const out: MatchLink[] = [];
  for (const j of step.trace.joined)
    if (j.left !== null && j.right !== null) out.push({ left: j.left, right: j.right, run: j.run });
  return out;
}

/** A curve from (x1, y1) in one lane to (x2, y2) in the other. */
export function linkPath(x1: number, y1: number, x2: number, y2: number): string {
  const mid = (y1 + y2) / 2;
  return `M${String(x1)},${String(y1)} C${String(x1)},${String(mid)} ${String(x2)},${String(mid)} ${String(x2)},${String(y2)}`;
}

/** The other side's times a row can match: its `range`, or as the trace had it when it arrived. */
export function rangeOf(row: LaneRow): readonly [number, number] | null {
  return row.buffered?.range ?? null;
}

export const otherSide = (side: JoinSide): JoinSide => (side === 'left' ? 'right' : 'left');

export interface LateMark {
  /** Index in the batch's input. */
  readonly index: number;
  readonly side: JoinSide;
  readonly eventTime: number;
  readonly watermark: number;
}

/** This batch's rows dropped as late for their side. */
export function lateMarks(step: JoinStep): LateMark[] {
  const out: LateMark[] = [];
  step.trace.events.forEach((f, index) => {
    if (f.kind === 'late')
      out.push({ index, side: f.side, eventTime: f.eventTime, watermark: f.watermark });
  });
  return out;
}

/** The last run's state watermark per side: rows at or before it have left (null: never). */
export function stateWatermarks(step: JoinStep): Readonly<Record<JoinSide, number | null>> {
  const last = step.trace.runs.at(-1);
  return { left: last?.leftState ?? null, right: last?.rightState ?? null };
}
