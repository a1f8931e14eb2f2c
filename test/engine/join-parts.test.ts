// The join's parts on their own: parsing `inputs`/`join` (errors naming the field), the
// watermark bookkeeping (per input, policy, state and propagated watermarks), the state buffer
// and the joined row's fields.
import { describe, expect, it } from 'vitest';
import { JoinBuffer, type StoredRow } from '../../src/engine/join-buffer';
import { joinedRow, sideReader } from '../../src/engine/join-rows';
import type { JoinSpec } from '../../src/engine/join-types';
import {
  aggregationWatermark,
  keyWatermarkOrdinal,
  MultiWatermark,
  stateWatermark,
} from '../../src/engine/join-watermarks';
import { parseQuery, QueryError } from '../../src/engine/query-parse';

const raw = (over: Record<string, unknown> = {}, join: Record<string, unknown> = {}): unknown => ({
  inputs: {
    imp: { time: 'it', watermark: { delay: '10 seconds' } },
    clk: { time: 'ct', watermark: { delay: '20 seconds' } },
  },
  join: {
    left: 'imp',
    right: 'clk',
    on: [['ad', 'cad']],
    between: { lower: '0 s', upper: '1 minute' },
    ...join,
  },
  outputMode: 'append',
  ...over,
});

function spec(over: Record<string, unknown> = {}, join: Record<string, unknown> = {}): JoinSpec {
  const q = parseQuery(raw(over, join), 'spark');
  if (q.join === undefined) throw new Error('no join');
  return q.join;
}

describe('parsing inputs and join', () => {
  it('normalises durations, defaults the policy and the type', () => {
    const s = spec();
    expect(s.policy).toBe('min');
    expect(s.type).toBe('inner');
    expect(s.left).toEqual({ name: 'imp', time: 'it', delayMs: 10_000, fields: null });
    expect(s.between).toEqual({ lowerMs: 0, upperMs: 60_000 });
    expect(parseQuery(raw({ time: 'ct' }), 'spark').watermarkDelayMs).toBe(20_000);
  });

  it.each([
    [raw({ inputs: { a: { time: 't' } } }), 'query.inputs: one join of two inputs'],
    [raw({}, { left: 'nope' }), 'query.join.left: must name one of the inputs (imp, clk)'],
    [raw({}, { right: 'imp' }), 'query.join.right: must name the other input'],
    [raw({}, { type: 'cross' }), 'query.join.type: must be one of inner, leftOuter'],
    [raw({}, { on: [['ad']] }), 'query.join.on[0]: must be a pair'],
    [raw({}, { between: { lower: '1 s' } }), 'query.join.between: must be {"lower"'],
    [raw({ watermark: { delay: '1 s' } }), 'query.watermark: with several inputs each has its own'],
    [raw({ watermarkPolicy: 'avg' }), 'query.watermarkPolicy: must be "min"'],
    [raw({ filter: { a: 1 } }), 'query.filter: is not available with a join yet'],
    [{ inputs: { a: { time: 't' } } }, 'query.join: several inputs need a join'],
    [
      raw({ inputs: { imp: { time: 'it', watermark: { delay: 'soon' } }, clk: { time: 'ct' } } }),
      'query.inputs.imp.watermark.delay',
    ],
  ])('refuses %j naming the field', (q, message) => {
    expect(() => parseQuery(q, 'spark')).toThrow(QueryError);
    expect(() => parseQuery(q, 'spark')).toThrow(message);
  });
});

describe('join watermarks', () => {
  it('takes min or max over the inputs; an input without data counts 0', () => {
    const min = new MultiWatermark(spec());
    min.observe(0, 100_000);
    expect(min.endBatch()).toBe(false); // clk has had no data: min(90 s, 0) = 0
    min.observe(1, 50_000);
    expect(min.endBatch()).toBe(true);
    expect(min.current).toBe(30_000);
    const max = new MultiWatermark(spec({ watermarkPolicy: 'max' }));
    max.observe(0, 100_000);
    expect(max.endBatch()).toBe(true);
    expect(max.current).toBe(90_000);
    expect(max.describe()).toEqual([
      { name: 'imp', maxEventTime: 100_000, watermark: 90_000 },
      { name: 'clk', maxEventTime: null, watermark: 0 },
    ]);
  });

  it('derives the state watermarks from the range, − 1 ms for the non-strict bounds', () => {
    const s = spec({}, { between: { lower: '-5 seconds', upper: '1 minute' } });
    expect(stateWatermark(s, 'left', 100_000)).toBe(100_000 - 60_000 - 1);
    expect(stateWatermark(s, 'right', 100_000)).toBe(100_000 - 5000 - 1);
    expect(aggregationWatermark(s, 100_000)).toBe(39_999);
    expect(aggregationWatermark(s, 30_000)).toBe(0); // never below 0
    expect(aggregationWatermark(s, 0)).toBe(0);
    const oneSided = spec({
      inputs: { imp: { time: 'it' }, clk: { time: 'ct', watermark: { delay: '1 s' } } },
    });
    expect(stateWatermark(oneSided, 'left', 100_000)).toBeNull();
    expect(aggregationWatermark(oneSided, 100_000)).toBe(100_000);
  });

  it('evicts by key when a watermarked time field is a join key', () => {
    const s = spec(
      {},
      {
        on: [
          ['ad', 'cad'],
          ['it', 'ct'],
        ],
        between: null,
      },
    );
    expect(keyWatermarkOrdinal(s)).toBe(1);
    expect(stateWatermark(s, 'right', 7000)).toBe(7000);
  });
});

describe('join buffer', () => {
  const row = (id: number, time: number, event: Record<string, unknown>): StoredRow => ({
    id,
    batch: 0,
    index: id,
    event,
    time,
    evictTime: time,
    matched: false,
  });

  it('keeps rows by key in arrival order and evicts by (time, id)', () => {
    const b = new JoinBuffer((e) => e.k);
    b.add(row(0, 30, { k: 'a' }));
    b.add(row(1, 10, { k: 'a' }));
    b.add(row(2, 10, { k: 'b' }));
    expect(b.rowsOf('a')?.map((r) => r.id)).toEqual([0, 1]);
    const out: StoredRow[] = [];
    b.evict(10, out);
    expect(out.map((r) => r.id)).toEqual([1, 2]);
    expect(b.rowsOf('a')?.map((r) => r.id)).toEqual([0]);
    expect(b.rowsOf('b')).toBeUndefined();
    expect(b.size).toBe(1);
    const copy = new JoinBuffer((e) => e.k);
    copy.restore(JSON.parse(JSON.stringify(b.toJSON())) as StoredRow[]);
    expect(copy.toJSON()).toEqual(b.toJSON());
    expect(copy.rowsOf('a')?.length).toBe(1);
  });
});

describe('joined rows', () => {
  it('keeps one copy of a shared field: the left in a match, the present side in a null row', () => {
    const s = spec();
    const l = sideReader(s, 'left');
    const r = sideReader(s, 'right');
    const imp = { $input: 'imp', ad: 'a', it: 1, shared: 'L' };
    const clk = { $input: 'clk', cad: 'a', ct: 2, shared: 'R' };
    expect(joinedRow(imp, clk, l, r)).toEqual({ ad: 'a', it: 1, shared: 'L', cad: 'a', ct: 2 });
    expect(joinedRow(imp, null, l, r)).toEqual({
      ad: 'a',
      it: 1,
      shared: 'L',
      cad: null,
      ct: null,
    });
    expect(joinedRow(null, clk, l, r)).toEqual({
      cad: 'a',
      ct: 2,
      shared: 'R',
      it: null,
      ad: null,
    });
  });

  it('gives a side its declared fields', () => {
    const s = spec({
      inputs: { imp: { time: 'it', fields: ['ad', 'it', 'campaign'] }, clk: { time: 'ct' } },
    });
    const row = joinedRow(
      { ad: 'a', it: 1, extra: 0 },
      null,
      sideReader(s, 'left'),
      sideReader(s, 'right'),
    );
    expect(row).toEqual({ ad: 'a', it: 1, campaign: null, ct: null, cad: null });
  });
});

describe('semantics', () => {
  it('runs joins in spark mode only', () => {
    expect(() => parseQuery(raw(), 'flink')).toThrow(
      'query.join: joins of several inputs run in spark mode',
    );
  });
});
