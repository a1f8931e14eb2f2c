// Compares a run with a scenario's `expected`: rows as multisets, whole numbers exactly, other
// numbers within a relative 1e-9, errors as case-insensitive substrings. Returns readable lines.
import type { ScenarioResult } from './scenario';
import { isObject } from './query-fields';
import type { Row } from './types';

const TOLERANCE = 1e-9;

export function valuesEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isInteger(a) && Number.isInteger(b)) return a === b;
    return Math.abs(a - b) <= TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
  }
  return a === b || (a ?? null) === (b ?? null);
}

export function rowsEqual(a: Row, b: Row): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => k in b && valuesEqual(a[k], b[k]));
}

/** Pairs rows as multisets; returns those left unmatched on each side. */
export function diffRows(
  expected: readonly Row[],
  actual: readonly Row[],
): { missing: Row[]; unexpected: Row[] } {
  const unexpected = [...actual];
  const missing: Row[] = [];
  for (const row of expected) {
    const at = unexpected.findIndex((r) => rowsEqual(row, r));
    if (at === -1) missing.push(row);
    else unexpected.splice(at, 1);
  }
  return { missing, unexpected };
}

const STATS = ['watermark', 'dropped', 'droppedEvents', 'stateRows'] as const;

/** Every way `actual` differs from `expected`, one line each; empty when they agree. */
export function compareResult(expected: unknown, actual: ScenarioResult): string[] {
  if (!isObject(expected)) return ['the scenario has no "expected" to compare with'];
  if (typeof expected.error === 'string') {
    if (!('error' in actual))
      return [`expected the query to be refused with "${expected.error}", but it ran`];
    return actual.error.toLowerCase().includes(expected.error.toLowerCase())
      ? []
      : [`expected an error containing "${expected.error}", got "${actual.error}"`];
  }
  if ('error' in actual) return [`the query was refused: ${actual.error}`];
  if (Array.isArray(expected.emissions)) {
    if (!('emissions' in actual)) return ['expected Flink emissions, got Spark batches'];
    return compareFlink(expected, actual);
  }
  if (!Array.isArray(expected.batches))
    return ['expected has neither "batches", "emissions" nor "error"'];
  if (!('batches' in actual)) return ['expected Spark batches, got Flink emissions'];
  const lines: string[] = [];
  if (expected.batches.length !== actual.batches.length) {
    lines.push(
      `expected ${String(expected.batches.length)} batches, got ${String(actual.batches.length)}`,
    );
  }
  expected.batches.forEach((want: unknown, i) => {
    const got = actual.batches[i];
    if (!isObject(want) || got === undefined) return;
    for (const stat of STATS) {
      if (stat in want && !valuesEqual(want[stat], got[stat])) {
        lines.push(
          `batch ${String(i)}: ${stat} expected ${JSON.stringify(want[stat])}, got ${JSON.stringify(got[stat])}`,
        );
      }
    }
    const { missing, unexpected } = diffRows(
      Array.isArray(want.rows) ? (want.rows as Row[]) : [],
      got.rows,
    );
    for (const r of missing) lines.push(`batch ${String(i)}: missing row ${JSON.stringify(r)}`);
    for (const r of unexpected)
      lines.push(`batch ${String(i)}: unexpected row ${JSON.stringify(r)}`);
  });
  return lines;
}

interface Tagged {
  readonly after: number;
  readonly row: Row;
}

/** Pairs (after, row) as a multiset: rows emitted after the same element in any order. */
function diffTagged(
  expected: readonly Tagged[],
  actual: readonly Tagged[],
): { missing: Tagged[]; unexpected: Tagged[] } {
  const unexpected = [...actual];
  const missing: Tagged[] = [];
  for (const want of expected) {
    const at = unexpected.findIndex(
      (got) => got.after === want.after && rowsEqual(want.row, got.row),
    );
    if (at === -1) missing.push(want);
    else unexpected.splice(at, 1);
  }
  return { missing, unexpected };
}

function compareFlink(
  expected: Record<string, unknown>,
  actual: {
    emissions: readonly { after: number; row: Row }[];
    late: readonly { after: number; event: Row }[];
  },
): string[] {
  const lines: string[] = [];
  const emitted = diffTagged(expected.emissions as Tagged[], actual.emissions);
  for (const m of emitted.missing)
    lines.push(`after ${String(m.after)}: missing row ${JSON.stringify(m.row)}`);
  for (const u of emitted.unexpected)
    lines.push(`after ${String(u.after)}: unexpected row ${JSON.stringify(u.row)}`);
  if (Array.isArray(expected.late)) {
    const asTagged = (records: readonly { after: number; event: Row }[]): Tagged[] =>
      records.map((r) => ({ after: r.after, row: r.event }));
    const late = diffTagged(
      asTagged(expected.late as { after: number; event: Row }[]),
      asTagged(actual.late),
    );
    for (const m of late.missing)
      lines.push(`after ${String(m.after)}: missing late record ${JSON.stringify(m.row)}`);
    for (const u of late.unexpected)
      lines.push(`after ${String(u.after)}: unexpected late record ${JSON.stringify(u.row)}`);
  }
  return lines;
}
