// Flink mode with tracing off means exactly what it means with tracing on: on random tumbling,
// sliding and session queries (mostly the trace-off count stores' plain count(*), also what
// they leave to the operator) and streams, the same emissions, late records and snapshots,
// element by element, also after restoring an untraced snapshot anywhere. Cases worked by hand
// from Flink's rules are in flink-trace-off-cases.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlinkEngine, type FlinkRecordOutput } from '../../src/engine/flink';
import { parseQuery } from '../../src/engine/query-parse';
import { queryArb, RUNS, streamArb } from './properties/flink-streams';
import type { Event } from '../../src/engine/types';
/** What processing one element gave: its output, or the error it threw. */
function feed(engine: FlinkEngine, e: Event): FlinkRecordOutput | string {
  try {
    return engine.process(e);
  } catch (err) {
    return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  }
}

/** JSON that keeps −0, NaN, ±Infinity and undefined apart from 0, null and a missing field. */
function exact(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    Object.is(v, -0)
      ? '<-0>'
      : v === undefined || (typeof v === 'number' && !Number.isFinite(v))
        ? `<${String(v)}>`
        : v,
  );
}

/**
 * The untraced output equals the traced one: the same rows (columns in the same order) and
 * late records, or the same error. Returns whether the run goes on. Compares JSON first (most
 * elements fire nothing, and expect's deep equality is slow) and leaves the diff to expect.
 */
function expectSame(
  untraced: FlinkRecordOutput | string,
  traced: FlinkRecordOutput | string,
  at: () => string,
): boolean {
  if (typeof traced === 'string' || typeof untraced === 'string') {
    expect(untraced, at()).toStrictEqual(traced);
    return false;
  }
  if (exact([untraced.emissions, untraced.late]) !== exact([traced.emissions, traced.late])) {
    expect(untraced.emissions, `${at()}: emissions`).toStrictEqual(traced.emissions);
    expect(untraced.late, `${at()}: late`).toStrictEqual(traced.late);
    expect(exact(untraced.emissions), `${at()}: columns`).toBe(exact(traced.emissions));
  }
  if (untraced.trace !== null) expect.fail(`${at()}: an untraced engine gave a trace`);
  return true;
}

/** The engine's snapshot equals the traced engine's (timer sequence numbers and −0 too). */
function expectSnapshot(engine: FlinkEngine, traced: FlinkEngine, at: string): void {
  const json = exact(traced.snapshot());
  const actual = exact(engine.snapshot());
  if (actual !== json) expect(actual, at).toBe(json);
}

describe('Flink mode with tracing off', () => {
  it('emits, sends late and snapshots as with tracing on, element by element', () => {
    fc.assert(
      fc.property(queryArb, streamArb, fc.nat(), (raw, stream, pick) => {
        const query = parseQuery(raw, 'flink');
        const traced = new FlinkEngine(query, { trace: true });
        // Snapshotted every few elements: taking a snapshot must change nothing that follows.
        const untraced = new FlinkEngine(query, { trace: false });
        // Never snapshotted before the end: only elements move its state (a pending count, say).
        const unwatched = new FlinkEngine(query);
        const cut = pick % (stream.length + 1);
        let restored: FlinkEngine | null = null;
        for (let i = 0; i <= stream.length; i++) {
          if (i === cut) {
            // structuredClone, not JSON: JSON would turn a window's −0 start into 0.
            restored = new FlinkEngine(query);
            restored.restore(structuredClone(untraced.snapshot()));
            expectSnapshot(restored, traced, `restored before element ${String(i)}`);
          }
          const e = stream[i];
          if (e === undefined) break;
          const at = () => `element ${String(i)} ${exact(e)}`;
          const expected = feed(traced, e);
          const live = [untraced, unwatched, ...(restored === null ? [] : [restored])];
          const going = live.map((engine) => expectSame(feed(engine, e), expected, at));
          if (going.includes(false)) return;
          if (i % 7 === 3) {
            expectSnapshot(untraced, traced, `${at()}: snapshot`);
            if (restored !== null) expectSnapshot(restored, traced, `${at()}: restored`);
          }
        }
        expectSnapshot(untraced, traced, 'final snapshot');
        expectSnapshot(unwatched, traced, 'final snapshot, unwatched');
        expectSnapshot(restored as FlinkEngine, traced, 'final snapshot, restored');
      }),
      RUNS,
    );
  }, 120_000);
});
