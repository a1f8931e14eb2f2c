// Per-key state in a run: the engine for a `stateful` query (custom code through a memo runner
// per code, answered by the page's sandbox), the batch trace the chart and "Why?" read, and the
// error that tells the page which calls of the learner's code to run before retrying a move.
import { parseQuery } from '../engine/query-parse';
import { SparkStateEngine } from '../engine/spark-state';
import { MemoStateRunner, StateCallsNeeded } from '../engine/state-runner';
import type { StateBatchTrace, StateEventFate } from '../engine/state-trace';
import type { StateCall, StateCallResult, StateRunner } from '../engine/state-types';
import type { EventFate, GroupRef, SparkBatchTrace } from '../engine/trace';

/** What the page must evaluate in its sandbox, then send back, before retrying. */
export interface StateNeeds {
  /** The custom function's body the calls are for. */
  readonly code: string;
  readonly calls: readonly StateCall[];
  /** Where the interrupted move was going: retry with a move to here. */
  readonly target: number;
}

/** A move stopped because the learner's code has calls with no answer yet. */
export class NeedsStateResults extends Error {
  constructor(
    readonly code: string,
    readonly calls: readonly StateCall[],
    readonly target = 0,
  ) {
    super(`${String(calls.length)} call(s) of the state function need running in the sandbox`);
    this.name = 'NeedsStateResults';
  }

  at(target: number): NeedsStateResults {
    return new NeedsStateResults(this.code, this.calls, target);
  }

  get needs(): StateNeeds {
    return { code: this.code, calls: this.calls, target: this.target };
  }
}

/** Answers of the learner's code, one memo per code, so editing the code starts afresh. */
export class StateMemos {
  private readonly memos = new Map<string, MemoStateRunner>();

  constructor(private readonly keep = 4) {}

  /** A runner for `code`: answers from the memo, or throws NeedsStateResults with the misses. */
  runnerFor(code: string): StateRunner {
    return {
      run: (calls) => {
        try {
          return this.memo(code).run(calls);
        } catch (err) {
          if (err instanceof StateCallsNeeded) throw new NeedsStateResults(code, err.calls);
          throw err;
        }
      },
    };
  }

  add(code: string, calls: readonly StateCall[], results: readonly StateCallResult[]): void {
    this.memo(code).add(calls, results);
  }

  private memo(code: string): MemoStateRunner {
    let memo = this.memos.get(code);
    if (memo === undefined) {
      memo = new MemoStateRunner();
      this.memos.set(code, memo);
      // Keep the few most recent codes: an edit and an undo should not recompute everything.
      for (const old of this.memos.keys()) {
        if (this.memos.size <= this.keep) break;
        this.memos.delete(old);
      }
    }
    return memo;
  }
}

/** The per-key state engine for a query with `stateful`, or null for any other query. */
export function stateEngineFor(query: unknown, memos: StateMemos | null): SparkStateEngine | null {
  const q = parseQuery(query, 'spark');
  if (q.stateful === null) return null;
  if (q.stateful.function !== 'custom') return new SparkStateEngine(q, { trace: true });
  if (memos === null) throw new Error('custom state functions run in the page: none is attached');
  return new SparkStateEngine(q, { trace: true, runner: memos.runnerFor(q.stateful.code ?? '') });
}

/** True when a query (as a scenario writes it) has per-key state. */
export function isStateful(query: unknown): boolean {
  const q = query as { stateful?: unknown } | null;
  return typeof q?.stateful === 'object' && q.stateful !== null;
}

const groupOf = (key: readonly unknown[]): GroupRef => ({
  windowStart: null,
  windowEnd: null,
  key,
});

function fateOf(f: StateEventFate): EventFate {
  switch (f.kind) {
    case 'given':
      return { kind: 'counted', eventTime: f.eventTime, groups: [groupOf(f.key)], late: [] };
    case 'late':
      return {
        kind: 'late',
        eventTime: f.eventTime,
        late: [
          {
            group: groupOf(f.key),
            rule: f.rule,
            bound: f.eventTime,
            watermark: f.watermark,
          },
        ],
      };
    case 'filtered':
      return f;
  }
}

/**
 * The batch as the chart, the timeline and "Why?" read a Spark batch: each event given to its
 * key's function is counted in that key's group (no window), a late one dropped by its rule.
 */
export function sparkTraceOf(t: StateBatchTrace): SparkBatchTrace {
  return {
    runs: t.runs.map((r) => ({
      kind: r.kind,
      batchId: r.batchId,
      lateThreshold: r.lateThreshold,
      evictionThreshold: r.timeoutThreshold,
    })),
    watermarkBefore: t.watermarkBefore,
    watermarkAfter: t.watermarkAfter,
    maxEventTime: t.maxEventTime,
    events: t.events.map(fateOf),
    windows: [],
    stateRows: t.stateRows,
  };
}
