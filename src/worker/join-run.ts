// A stream-stream join in a run: the join engine stepped on the run's units, each batch reported
// as the plain Spark trace (for the chart, the timeline and the tables) plus the join's own trace
// and, for every row it names, the event and when it arrived (for the lanes on the page).
import { toEpochMs } from '../engine/event-time';
import type {
  JoinBatchTrace,
  JoinEventFate,
  JoinSide,
  JoinSpec,
  JoinType,
} from '../engine/join-types';
import { parseQuery } from '../engine/query-parse';
import { SparkJoinEngine } from '../engine/spark-join';
import type { EventFate, GroupRef, SparkBatchTrace } from '../engine/trace';
import type { Event, SparkBatchResult } from '../engine/types';
import type { Unit } from './run-input';

/** A row the join trace names by id, with what the page needs to draw and label it. */
export interface JoinRowInfo {
  readonly id: number;
  readonly side: JoinSide;
  readonly eventTime: number;
  /** Processing time of the batch it arrived in. */
  readonly arrivedAt: number;
  readonly event: Event;
}

/** What a join batch adds to a Spark step. */
export interface JoinStep {
  readonly trace: JoinBatchTrace;
  /** The left and right inputs: name, time field and watermark delay (ms, null: none). */
  readonly sides: Readonly<Record<JoinSide, SideInfo>>;
  readonly joinType: JoinType;
  /** The fields each side joins on (`join.on`), in order. */
  readonly keys: Readonly<Record<JoinSide, readonly string[]>>;
  readonly rows: readonly JoinRowInfo[];
}

export interface SideInfo {
  readonly name: string;
  readonly time: string;
  readonly delayMs: number | null;
}

/** True when a query (as a scenario writes it) joins several inputs. */
export function isJoinQuery(query: unknown): boolean {
  const q = query as { join?: unknown; inputs?: unknown } | null;
  return (q?.join ?? q?.inputs ?? null) !== null;
}

/** The inputs in lane order (left first) with their time fields, for the timeline. */
export function joinLanes(query: unknown): { names: string[]; times: string[] } | null {
  if (!isJoinQuery(query)) return null;
  try {
    const spec = parseQuery(query, 'spark').join;
    if (spec === undefined) return null;
    return { names: [spec.left.name, spec.right.name], times: [spec.left.time, spec.right.time] };
  } catch {
    return null;
  }
}

const groupOf = (input: string): GroupRef => ({ windowStart: null, windowEnd: null, key: [input] });

/** A join fate as the plain trace says it: counted under its input's name, or late, or unusable. */
function fateOf(f: JoinEventFate, spec: JoinSpec): EventFate {
  const name = (side: JoinSide): string => spec[side].name;
  switch (f.kind) {
    case 'joined':
      return { kind: 'counted', eventTime: f.eventTime, groups: [groupOf(name(f.side))], late: [] };
    case 'late':
      return {
        kind: 'late',
        eventTime: f.eventTime,
        late: [
          {
            group: groupOf(name(f.side)),
            rule: f.rule,
            bound: f.eventTime,
            watermark: f.watermark,
          },
        ],
      };
    case 'no-time':
      return f;
    case 'null-key':
      return { kind: 'filtered', field: f.field, expected: 'not null', actual: null };
    case 'unknown-input':
      return { kind: 'filtered', field: '$input', expected: 'an input name', actual: f.value };
  }
}

function sparkTraceOf(t: JoinBatchTrace, spec: JoinSpec, maxEventTime: number | null) {
  const trace: SparkBatchTrace = {
    runs: t.runs.map((r) => r.run),
    watermarkBefore: t.watermarkBefore,
    watermarkAfter: t.watermarkAfter,
    maxEventTime,
    events: t.events.map((f) => fateOf(f, spec)),
    windows: t.windows,
    stateRows: t.stateRows,
  };
  return trace;
}

export class JoinRun {
  private readonly engine: SparkJoinEngine;
  /** The units that hold data, in order: the engine's input batch k is the k-th of them. */
  private readonly dataUnits: readonly Unit[];
  private readonly sides: JoinStep['sides'];
  private readonly keys: JoinStep['keys'];

  /** Throws QueryError or SparkAnalysisError for a query the engine refuses. */
  constructor(query: unknown, units: readonly Unit[]) {
    this.engine = new SparkJoinEngine(parseQuery(query, 'spark'), { trace: true });
    this.dataUnits = units.filter((u) => u.events.length > 0);
    const side = (s: JoinSide): SideInfo => {
      const i = this.engine.spec[s];
      return { name: i.name, time: i.time, delayMs: i.delayMs };
    };
    this.sides = { left: side('left'), right: side('right') };
    const on = this.engine.spec.on;
    this.keys = { left: on.map((p) => p[0]), right: on.map((p) => p[1]) };
  }

  snapshot(): unknown {
    return this.engine.snapshot();
  }

  restore(snapshot: unknown): void {
    this.engine.restore(snapshot);
  }

  run(unit: Unit): { result: SparkBatchResult; trace: SparkBatchTrace; join: JoinStep } {
    const out = this.engine.runBatch(unit.events);
    const t = out.trace as JoinBatchTrace;
    const times = t.inputs.map((i) => i.maxEventTime).filter((m): m is number => m !== null);
    const max = times.length === 0 ? null : Math.max(...times);
    return {
      result: out.result,
      trace: sparkTraceOf(t, this.engine.spec, max),
      join: {
        trace: t,
        sides: this.sides,
        joinType: this.engine.spec.type,
        keys: this.keys,
        rows: this.rowsOf(t, unit),
      },
    };
  }

  /** Every row the trace names: this batch's input, the state after it and what it evicted. */
  private rowsOf(t: JoinBatchTrace, unit: Unit): JoinRowInfo[] {
    const rows = new Map<number, JoinRowInfo>();
    t.events.forEach((f, i) => {
      const event = unit.events[i];
      if (f.kind !== 'joined' || event === undefined) return;
      rows.set(f.id, {
        id: f.id,
        side: f.side,
        eventTime: f.eventTime,
        arrivedAt: unit.processingTime,
        event,
      });
    });
    const held = [...t.state.left, ...t.state.right, ...t.evictions.map((e) => e.row)];
    for (const r of held) {
      if (rows.has(r.id)) continue;
      const from = this.dataUnits[r.batch];
      const event = from?.events[r.index];
      if (from === undefined || event === undefined) continue;
      rows.set(r.id, {
        id: r.id,
        side: r.side,
        eventTime: r.eventTime,
        arrivedAt: from.processingTime,
        event,
      });
    }
    return [...rows.values()];
  }
}

/** An event's time for the timeline: its input's own time field. */
export function laneTime(
  event: Event,
  lanes: { names: readonly string[]; times: readonly string[] },
): { lane: number; time: number | null } {
  const lane = lanes.names.indexOf(event.$input as string);
  const field = lanes.times[lane];
  return { lane, time: field === undefined ? null : toEpochMs(event[field]) };
}
