// Property 7: stateRows after each batch is what should still be in state: every group in
// complete mode (or without a watermark), and in append and update mode with a watermark the
// groups whose end is after the watermark of the last run (the follow-up no-data batch's).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anySpec, caseArb } from './arbitraries';
import { PARAMS, runEngine, type Case } from './harness';
import {
  candidates,
  dropsLate,
  evicts,
  groupId,
  isGlobal,
  needsTime,
  passes,
  simulate,
  timeOf,
  watermarks,
} from './reference';

function checkStateRows(c: Case): void {
  const { spec } = c;
  const outputs = runEngine(c);
  const sim = simulate(spec, c.batches);
  const clocks = watermarks(spec, c.batches);
  /** Group id → bound, for every group that took a non-late event (not for sessions). */
  const groups = new Map<string, number | null>();
  /** The watermark of the last run (data or no-data): late threshold and last eviction. */
  let lastRun = 0;
  c.batches.forEach((batch, b) => {
    const at = `batch ${String(b)}`;
    const stateRows = outputs[b]?.result.stateRows;
    expect(stateRows, at).toBe(sim[b]?.stateRows);
    if (spec.window.type === 'session') return;
    // A global aggregation keeps its one row from the first batch that ran.
    if (isGlobal(spec) && batch.length > 0) groups.set(groupId(null, null, []), null);
    for (const e of batch) {
      const ts = timeOf(e);
      if (!passes(spec, e) || (ts === null && needsTime(spec))) continue;
      for (const g of candidates(spec, e, ts)) {
        const late = dropsLate(spec) && g.bound !== null && g.bound <= lastRun;
        if (!late) groups.set(g.id, g.bound);
      }
    }
    const { ranWith, after } = clocks[b] ?? { ranWith: null, after: null };
    if (batch.length > 0 && ranWith !== null && after !== null) {
      const noDataRan = spec.mode !== 'complete' && spec.noDataMicroBatches && after > ranWith;
      lastRun = noDataRan ? after : ranWith;
    }
    const kept = [...groups.values()].filter(
      (bound) => !evicts(spec) || bound === null || bound > lastRun,
    );
    expect(stateRows, at).toBe(kept.length);
  });
}

describe('state size', () => {
  it('equals the groups the reference says are still in state', () => {
    fc.assert(fc.property(caseArb(anySpec()), checkStateRows), PARAMS);
  });
});
