// The Spark driver for per-key state (FlatMapGroupsWithStateExec): per batch, the function runs
// for each key with input, then for each stored key whose deadline is below the threshold; it
// owns the watermark, late rows (event-time timeouts only), no-data batches and snapshots. It
// never runs user code itself: a StateRunner does, and runBatch is atomic if the runner throws.
import { toEpochMs } from './event-time';
import { compileCondition, matches, type Condition } from './field-equals';
import { groupKey, type GroupKey } from './group-key';
import { builtinRunner } from './state-builtins';
import { checkStatefulQuery } from './spark-state-refusals';
import { StateStore } from './spark-state-store';
import { StatePhase, type PhaseItem, type RunContext } from './spark-state-phase';
import type { StateBatchTrace, StateEventFate, StateRun } from './state-trace';
import type { StatefulSpec, StateRow, StateRunner } from './state-types';
import type { Event, Query, Row, SparkBatchResult } from './types';
import { SparkWatermark, type SparkWatermarkState } from './watermark';

/** Processing time of input batch i when the caller gives none: a 10-second trigger from 0. */
export const DEFAULT_TRIGGER_MS = 10_000;

/** Shared by a batch's keys when there is no trace (nothing is pushed to it then). */
const NO_INPUTS: number[] = [];

export interface SparkStateOptions {
  readonly trace?: boolean;
  /** Runs the state function; required for `custom`, built in for the others. */
  readonly runner?: StateRunner;
}

export interface SparkStateBatchOutput {
  readonly result: SparkBatchResult;
  readonly trace: StateBatchTrace | null;
}

/** The whole engine state as plain JSON: restoring it and continuing equals never stopping. */
export interface SparkStateSnapshot {
  readonly version: 1;
  readonly semantics: 'spark';
  readonly kind: 'state';
  readonly batchId: number;
  readonly inputBatches: number;
  readonly watermark: SparkWatermarkState | null;
  readonly rows: readonly StateRow[];
}

export class SparkStateEngine {
  readonly spec: StatefulSpec;
  private readonly store: StateStore;
  private readonly watermark: SparkWatermark | null;
  private readonly filter: Condition | null;
  private readonly key: GroupKey;
  private readonly phase: StatePhase;
  private readonly tracing: boolean;
  private batchId = 0;
  private inputBatches = 0;

  /** Throws SparkAnalysisError when Spark would refuse the query. */
  constructor(
    readonly query: Query,
    options: SparkStateOptions = {},
  ) {
    if (query.stateful === null) throw new Error('SparkStateEngine runs queries with "stateful"');
    checkStatefulQuery(query);
    this.spec = query.stateful;
    const runner = options.runner ?? builtinRunner(this.spec, query.time);
    if (runner === null) {
      throw new Error('a custom state function needs a runner (options.runner) to run its code');
    }
    this.store = new StateStore(query.groupBy);
    this.watermark =
      query.watermarkDelayMs === null ? null : new SparkWatermark(query.watermarkDelayMs);
    this.filter = compileCondition(query.filter);
    this.key = groupKey(query.groupBy);
    this.tracing = options.trace ?? false;
    this.phase = new StatePhase(this.spec, query.groupBy, runner, this.store);
  }

  /**
   * Runs one trigger at processing time `batchTimeMs`. An empty list is a trigger that found no
   * data: with processing-time timeouts it still runs the timeouts (Spark's
   * shouldRunAnotherBatch). Atomic: if the runner throws, nothing has changed.
   */
  runBatch(
    events: readonly Event[],
    batchTimeMs = this.inputBatches * DEFAULT_TRIGGER_MS,
  ): SparkStateBatchOutput {
    const wm = this.watermark;
    const saved = wm?.toJSON() ?? null;
    try {
      const out = this.execute(events, batchTimeMs);
      this.inputBatches++;
      return out;
    } catch (err) {
      this.store.discard();
      if (wm !== null && saved !== null) wm.restore(saved);
      throw err;
    }
  }

  private execute(events: readonly Event[], batchTimeMs: number): SparkStateBatchOutput {
    const wm = this.watermark;
    const timeout = this.spec.timeout;
    const watermarkBefore = wm === null ? null : wm.current;
    const rows: Row[] = [];
    const runs: StateRun[] = [];
    const fates: StateEventFate[] | null = this.tracing ? [] : null;
    const calls = this.phase.startTrace(this.tracing);
    const ctx = (kind: StateRun['kind'], late: number | null): RunContext => {
      const run: StateRun = {
        kind,
        batchId: this.batchId + runs.length,
        processingTimeMs: batchTimeMs,
        lateThreshold: late,
        timeoutThreshold:
          timeout === 'processing'
            ? batchTimeMs
            : timeout === 'event'
              ? (wm?.current ?? null)
              : null,
      };
      runs.push(run);
      return { run: runs.length - 1, batchTimeMs, watermarkMs: wm?.current ?? null, rows };
    };
    let dropped = 0;
    if (events.length > 0) {
      const late = timeout === 'event' && wm !== null ? wm.lastBatch : null;
      const c = ctx('data', late);
      const groups = this.group(events, late, fates);
      dropped = groups.dropped;
      this.phase.run(groups.items, c);
      this.runTimeouts(c);
      if (wm !== null) wm.lastBatch = wm.current;
      if (wm !== null && wm.advance() && timeout === 'event' && this.query.noDataMicroBatches) {
        this.runTimeouts(ctx('no-data', null));
        wm.lastBatch = wm.current;
      }
    } else if (this.runsWithoutData()) {
      this.runTimeouts(ctx('no-data', null));
      if (wm !== null) wm.lastBatch = wm.current;
    }
    // Nothing below can fail: commit the batch's writes.
    this.store.commit();
    this.batchId += runs.length;
    const stateRows = this.store.size;
    const result: SparkBatchResult = {
      watermark: watermarkBefore,
      rows,
      dropped,
      droppedEvents: dropped,
      stateRows,
    };
    if (fates === null || calls === null) return { result, trace: null };
    return {
      result,
      trace: {
        runs,
        watermarkBefore,
        watermarkAfter: wm === null ? null : wm.current,
        maxEventTime: wm === null ? null : wm.maxEventTime,
        events: fates,
        calls,
        state: this.store.table(),
        stateRows,
      },
    };
  }

  /** Spark's shouldRunAnotherBatch for a trigger that found no data. */
  private runsWithoutData(): boolean {
    if (!this.query.noDataMicroBatches) return false;
    const wm = this.watermark;
    if (this.spec.timeout === 'processing') return true;
    return this.spec.timeout === 'event' && wm !== null && wm.current > wm.lastBatch;
  }

  private runTimeouts(ctx: RunContext): void {
    const threshold = this.thresholdOf(ctx);
    if (threshold === null) return;
    const items: PhaseItem[] = this.store.timedOut(threshold).map(([id, e]) => ({
      id,
      key: e.key,
      values: [],
      inputs: [],
      hasTimedOut: true,
    }));
    this.phase.run(items, ctx);
  }

  private thresholdOf(ctx: RunContext): number | null {
    if (this.spec.timeout === 'processing') return ctx.batchTimeMs;
    if (this.spec.timeout === 'event') return ctx.watermarkMs;
    return null;
  }

  /** Filters, drops late rows and groups the rest by key, in order of first appearance. */
  private group(
    events: readonly Event[],
    late: number | null,
    fates: StateEventFate[] | null,
  ): { items: PhaseItem[]; dropped: number } {
    const byKey = new Map<unknown, PhaseItem & { values: Event[]; inputs: number[] }>();
    const timeField = this.query.time;
    const wm = this.watermark;
    let dropped = 0;
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as Event;
      if (this.filter !== null && !matches(e, this.filter)) {
        if (fates !== null) fates.push(filteredFate(e, this.filter));
        continue;
      }
      const raw = timeField === null ? null : e[timeField];
      const ts = typeof raw === 'number' && Number.isInteger(raw) ? raw : toEpochMs(raw);
      if (ts !== null) wm?.observe(ts);
      if (late !== null && ts !== null && ts <= late) {
        dropped++;
        if (fates !== null) {
          const key = this.key.valuesOf(e);
          fates.push({
            kind: 'late',
            key,
            eventTime: ts,
            rule: 'event_time <= watermark',
            watermark: late,
          });
        }
        continue;
      }
      const id = this.key.keyOf(e);
      let item = byKey.get(id);
      if (item === undefined) {
        // Input indices are for the trace only.
        const inputs: number[] = fates === null ? NO_INPUTS : [];
        item = { id, key: this.key.valuesOf(e), values: [], inputs, hasTimedOut: false };
        byKey.set(id, item);
      }
      item.values.push(e);
      if (fates !== null) {
        item.inputs.push(i);
        fates.push({ kind: 'given', key: item.key, eventTime: ts });
      }
    }
    return { items: [...byKey.values()], dropped };
  }

  /** The committed state table: key, value (if it exists) and deadline (if set) per row. */
  stateTable(): StateRow[] {
    return this.store.table();
  }

  snapshot(): SparkStateSnapshot {
    return {
      version: 1,
      semantics: 'spark',
      kind: 'state',
      batchId: this.batchId,
      inputBatches: this.inputBatches,
      watermark: this.watermark?.toJSON() ?? null,
      rows: this.store.table().map((r) => ({ ...r })),
    };
  }

  /** Replaces the whole state with a snapshot of an engine running the same query. */
  restore(input: unknown): void {
    const s = input as Partial<SparkStateSnapshot> | null;
    if (
      s?.version !== 1 ||
      s.kind !== 'state' ||
      !Number.isInteger(s.batchId) ||
      !Number.isInteger(s.inputBatches)
    ) {
      throw new Error('not a Spark per-key state snapshot of version 1');
    }
    if ((s.watermark == null) !== (this.watermark === null)) {
      throw new Error('the snapshot was taken with a different watermark setting');
    }
    this.store.restore(s.rows);
    if (s.watermark != null) this.watermark?.restore(s.watermark);
    this.batchId = s.batchId as number;
    this.inputBatches = s.inputBatches as number;
  }
}

function filteredFate(e: Event, filter: Condition): StateEventFate {
  const failed = filter.find(([field, value]) => (e[field] ?? null) !== value);
  const [field, expected] = failed ?? ['', null];
  return { kind: 'filtered', field, expected, actual: e[field] ?? null };
}
