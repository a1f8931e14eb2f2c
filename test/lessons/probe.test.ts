// Probes and answer checks on small inline scenarios (Spark's late dog, a join, a Flink stream).
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/engine/scenario';
import {
  evaluateProbe,
  goalMet,
  isRightChoice,
  isRightNumber,
  probeScenario,
  readNumber,
  stepOutput,
  type Probe,
} from '../../src/lessons';

const MIN = 60_000;
const T12 = Date.UTC(2023, 6, 30, 12, 0);

const spark = {
  semantics: 'spark',
  query: {
    time: 'ts',
    window: { type: 'tumbling', size: '10 minutes' },
    groupBy: ['word'],
    aggregates: [{ fn: 'count', as: 'count' }],
    watermark: { delay: '10 minutes' },
    outputMode: 'update',
  },
  batches: [
    [{ ts: T12 + 7 * MIN, word: 'dog' }],
    [{ ts: T12 + 30 * MIN, word: 'owl' }],
    [
      { ts: T12 + 9 * MIN, word: 'dog' },
      { ts: T12 + 31 * MIN, word: 'owl' },
    ],
  ],
};

const flink = {
  semantics: 'flink',
  query: {
    time: 'ts',
    window: { type: 'tumbling', size: '10 seconds' },
    groupBy: ['k'],
    aggregates: [{ fn: 'count', as: 'n' }],
    watermark: { delay: '0 seconds' },
  },
  stream: [
    { ts: 1000, k: 'a' },
    { ts: 2000, k: 'a' },
    { ts: 12_000, k: 'a' },
    { ts: 3000, k: 'a' },
    { $watermark: 30_000 },
  ],
};

const on = (json: unknown, probe: Probe, show: number): unknown => {
  const r = probeScenario(json, probe, show);
  return r.ok ? r.value : `error: ${r.error}`;
};

describe('probes, spark', () => {
  it.each<[Probe, number, unknown]>([
    [{ kind: 'rows' }, 0, 1],
    [{ kind: 'cell', where: { word: 'dog' }, column: 'count' }, 0, 1],
    [{ kind: 'cell', where: { word: 'cat' }, column: 'count' }, 0, null],
    [
      { kind: 'cell', where: { word: 'dog', window_start: T12 }, column: 'window_end' },
      0,
      T12 + 10 * MIN,
    ],
    [{ kind: 'watermark' }, 2, T12 + 20 * MIN],
    [{ kind: 'dropped' }, 2, 1],
    [{ kind: 'droppedEvents' }, 2, 1],
    [{ kind: 'fate', event: 0 }, 2, 'counted'],
    [{ kind: 'fate', event: 2 }, 2, 'late'],
    [{ kind: 'fate', event: 3 }, 2, 'counted'],
  ])('%j at batch %i is %j', (probe, show, value) => {
    expect(on(spark, probe, show)).toEqual(value);
  });

  it('says what is wrong with a probe that does not fit', () => {
    expect(on(spark, { kind: 'fate', event: 3 }, 1)).toMatch(/no such event up to this step/);
    expect(on(spark, { kind: 'cell', where: { word: 'dog' }, column: 'cnt' }, 0)).toMatch(
      /no column "cnt"/,
    );
    expect(on(spark, { kind: 'rows' }, 3)).toMatch(/past the input/);
    expect(
      on(
        { ...spark, query: { ...spark.query, outputMode: 'append', watermark: null } },
        { kind: 'rows' },
        0,
      ),
    ).toMatch(/^error: /);
  });

  it('asks for a narrower "where" when several rows match', () => {
    const two = {
      ...spark,
      batches: [
        [
          { ts: T12, word: 'dog' },
          { ts: T12 + 11 * MIN, word: 'dog' },
        ],
      ],
    };
    expect(on(two, { kind: 'cell', where: { word: 'dog' }, column: 'count' }, 0)).toMatch(
      /2 rows match/,
    );
  });
});

const SEC = 1000;
const join = {
  semantics: 'spark',
  query: {
    inputs: {
      imps: { time: 't', watermark: { delay: '0 seconds' } },
      clicks: { time: 'ct', watermark: { delay: '0 seconds' } },
    },
    join: {
      left: 'imps',
      right: 'clicks',
      type: 'inner',
      on: [['id', 'cid']],
      between: { lower: '0 seconds', upper: '10 seconds' },
    },
    outputMode: 'append',
  },
  batches: [
    [
      { $input: 'imps', id: 'a', t: T12 },
      { $input: 'clicks', cid: 'a', ct: T12 + 5 * SEC },
    ],
    [
      { $input: 'clicks', cid: 'a', ct: T12 },
      { $input: 'imps', id: 'b', t: T12 + 20 * SEC },
    ],
  ],
};

describe('probes, spark join', () => {
  // B0 joins a with its click; G becomes min(T12, T12 + 5 s) = T12, so B1's click at T12 is late.
  it.each<[Probe, number, unknown]>([
    [{ kind: 'rows' }, 0, 1],
    [{ kind: 'cell', where: { id: 'a' }, column: 'ct' }, 0, T12 + 5 * SEC],
    [{ kind: 'watermark' }, 1, T12],
    [{ kind: 'dropped' }, 1, 1],
    [{ kind: 'fate', event: 0 }, 1, 'joined'],
    [{ kind: 'fate', event: 2 }, 1, 'late'],
    [{ kind: 'fate', event: 3 }, 1, 'joined'],
  ])('%j at batch %i is %j', (probe, show, value) => {
    expect(on(join, probe, show)).toEqual(value);
  });
});

// The seed's running totals with a 30 s processing-time timeout (mapGroupsWithState, which emits
// the final total on timeout), at batch times 0, 10, 20, 50 and 60 s.
const state = {
  semantics: 'spark',
  query: {
    time: 'ts',
    groupBy: ['user'],
    stateful: {
      function: 'running_total',
      field: 'amount',
      as: 'total',
      api: 'mapGroupsWithState',
      timeout: { kind: 'processing', duration: '30 seconds' },
    },
    outputMode: 'update',
  },
  batchTimes: [0, 10_000, 20_000, 50_000, 60_000],
  batches: [
    [{ ts: T12, user: 'u1', amount: 50 }],
    [
      { ts: T12 + 20 * SEC, user: 'u1', amount: 30 },
      { ts: T12 + 40 * SEC, user: 'u2', amount: 20 },
    ],
    [{ ts: T12 + 60 * SEC, user: 'u1', amount: 40 }],
    [],
    [],
  ],
};

describe('probes, per-key state', () => {
  // u1's deadline is 20 s + 30 s = 50 s, u2's 10 s + 30 s = 40 s. At 50 s only u2 times out
  // (40 < 50; 50 is not below 50); at 60 s u1 does, with its final total 120.
  it.each<[Probe, number, unknown]>([
    [{ kind: 'cell', where: { user: 'u1' }, column: 'total' }, 1, 80],
    [{ kind: 'cell', where: { user: 'u1' }, column: 'total' }, 2, 120],
    [{ kind: 'stateRows' }, 2, 2],
    [{ kind: 'cell', where: { user: 'u2' }, column: 'total' }, 3, 20],
    [{ kind: 'stateRows' }, 3, 1],
    [{ kind: 'cell', where: { user: 'u1' }, column: 'total' }, 4, 120],
    [{ kind: 'stateRows' }, 4, 0],
    [{ kind: 'fate', event: 1 }, 1, 'counted'],
  ])('%j at batch %i is %j', (probe, show, value) => {
    expect(on(state, probe, show)).toEqual(value);
  });
});

describe('probes, flink', () => {
  it('reads emissions, late records and the watermark up to the element', () => {
    const s = parseScenario(flink);
    expect(evaluateProbe({ kind: 'rows' }, stepOutput(s, 1))).toEqual({ ok: true, value: 0 });
    expect(evaluateProbe({ kind: 'rows' }, stepOutput(s, 2))).toEqual({ ok: true, value: 1 });
    expect(on(flink, { kind: 'cell', where: { k: 'a', window_start: 0 }, column: 'n' }, 2)).toBe(2);
    expect(on(flink, { kind: 'watermark' }, 2)).toBe(11_999);
    expect(on(flink, { kind: 'fate', event: 3 }, 3)).toBe('late');
    expect(on(flink, { kind: 'dropped' }, 3)).toBe(1);
    expect(on(flink, { kind: 'fate', event: 4 }, 4)).toMatch(/marker/);
  });
});

describe('answers', () => {
  it('reads numbers as people type them', () => {
    expect(readNumber(' 3 ')).toBe(3);
    expect(readNumber('1,5')).toBe(1.5);
    expect(readNumber('three')).toBeNull();
    expect(readNumber('')).toBeNull();
  });
  it.each([
    ['2', 2, true],
    ['3', 2, false],
    ['0.33', 1 / 3, true],
    ['0.3', 1 / 3, true],
    ['0.34', 1 / 3, false],
    ['0', 1 / 3, false],
    ['2', null, false],
    ['x', 2, false],
  ])('%s for %s is right: %s', (typed, value, right) => {
    expect(isRightNumber(typed, value)).toBe(right);
  });
  it('compares choices and goals as the engine compares values', () => {
    expect(isRightChoice({ label: 'late', value: 'late' }, 'late')).toBe(true);
    expect(isRightChoice({ label: 'none', value: null }, null)).toBe(true);
    expect(isRightChoice({ label: '2', value: 2 }, 3)).toBe(false);
    expect(goalMet(0, 0)).toBe(true);
    expect(goalMet(null, 0)).toBe(false);
  });
});
