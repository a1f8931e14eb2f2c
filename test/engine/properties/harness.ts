// What every property does with a case: write the query as a scenario holds it, run the engine
// over the batches, and compare rows as multisets. Also the runs and seed of every property.
import { parseQuery } from '../../../src/engine/query-parse';
import { SparkEngine, type SparkBatchOutput } from '../../../src/engine/spark';
import type { Event, Row } from '../../../src/engine/types';
import { COLUMN, TIME, type GapChoice, type Spec } from './reference';

/**
 * Runs per property and a fixed seed, so a run is reproducible; for a longer hunt set
 * PROPERTY_RUNS=20000 and PROPERTY_SEED to anything (with --testTimeout=0).
 */
export const PARAMS = {
  numRuns: Number(process.env.PROPERTY_RUNS ?? 200),
  seed: Number(process.env.PROPERTY_SEED ?? 20_240_601),
};

export interface Case {
  readonly spec: Spec;
  /** Durations written as text ("3 seconds", "-500 ms") rather than integer ms. */
  readonly durationsAsText: boolean;
  readonly batches: readonly (readonly Event[])[];
}

function duration(ms: number, asText: boolean): string | number {
  if (!asText) return ms;
  return ms % 1000 === 0 ? `${String(ms / 1000)} seconds` : `${String(ms)} ms`;
}

function rawGap(gap: GapChoice, text: boolean): unknown {
  switch (gap.kind) {
    case 'fixed':
      return duration(gap.ms, text);
    case 'field':
      return { field: 'gap_ms' };
    case 'map': {
      const map = Object.fromEntries(
        Object.entries(gap.map).map(([k, ms]) => [k, duration(ms, text)]),
      );
      return gap.defaultMs === null
        ? { field: 'dev', map }
        : { field: 'dev', map, default: duration(gap.defaultMs, text) };
    }
  }
}

/** The query as a scenario file would hold it. */
export function rawQuery(c: Pick<Case, 'spec' | 'durationsAsText'>): Record<string, unknown> {
  const { spec, durationsAsText: text } = c;
  const w = spec.window;
  const window =
    w.type === 'none'
      ? { type: 'none' }
      : w.type === 'session'
        ? { type: 'session', gap: rawGap(w.gap, text) }
        : w.type === 'tumbling'
          ? { type: 'tumbling', size: duration(w.sizeMs, text), offset: duration(w.offsetMs, text) }
          : {
              type: 'sliding',
              size: duration(w.sizeMs, text),
              slide: duration(w.slideMs, text),
              offset: duration(w.offsetMs, text),
            };
  return {
    time: TIME,
    window,
    groupBy: spec.groupBy,
    aggregates: spec.aggregates.map((a) => {
      const as = COLUMN[a];
      if (a === 'count') return { fn: 'count', as };
      if (a === 'count_amount') return { fn: 'count', field: 'amount', as };
      if (a === 'count_x') return { fn: 'count', where: { dev: 'x' }, as };
      return { fn: a, field: 'amount', as };
    }),
    watermark: spec.delayMs === null ? null : { delay: duration(spec.delayMs, text) },
    outputMode: spec.mode,
    ...(spec.filterX ? { filter: { dev: 'x' } } : {}),
    ...(spec.share
      ? { derived: [{ as: 'share', expr: `${COLUMN.count_x} / ${COLUMN.count_amount}` }] }
      : {}),
    ...(spec.noDataMicroBatches ? {} : { noDataMicroBatches: false }),
  };
}

export function newEngine(c: Pick<Case, 'spec' | 'durationsAsText'>, trace = false): SparkEngine {
  return new SparkEngine(parseQuery(rawQuery(c), 'spark'), { trace });
}

export function runEngine(c: Case, trace = false): SparkBatchOutput[] {
  const engine = newEngine(c, trace);
  return c.batches.map((batch) => engine.runBatch(batch));
}

/** JSON turns undefined, NaN and ±Infinity into null: keep them apart from a real null. */
function distinct(_key: string, value: unknown): unknown {
  if (value === undefined) return '<undefined>';
  if (typeof value === 'number' && !Number.isFinite(value)) return `<${String(value)}>`;
  return value;
}

/** A row as JSON with its columns in name order. */
export function canonicalRow(row: Row): string {
  const columns = Object.keys(row).sort();
  return JSON.stringify(
    columns.map((k) => [k, row[k]]),
    distinct,
  );
}

/** Rows as a multiset: canonical JSON, sorted. */
export function multiset(rows: readonly Row[]): string[] {
  return rows.map(canonicalRow).sort();
}

/** The group of a row: its window and key columns, without the aggregates. */
export function rowGroup(spec: Spec, row: Row): string {
  const start = spec.window.type === 'none' ? null : row.window_start;
  const end = spec.window.type === 'none' ? null : row.window_end;
  return JSON.stringify([start, end, spec.groupBy.map((f) => row[f])]);
}
