// The ring store (sliding windows, a plain count, trace off), worked by hand: two keys sharing
// a slot, a key holding more windows than its ring has places (they spill), eviction and
// snapshots. The engine picks the store; a traced engine (the general store) must agree.
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/engine/query-parse';
import { createStore, SparkEngine } from '../../src/engine/spark';
import { RingStore } from '../../src/engine/spark-ring-store';
import type { Row } from '../../src/engine/types';

const S = 1000;

function sliding(delay: number, outputMode = 'update') {
  return parseQuery(
    {
      time: 't',
      groupBy: ['user'],
      window: { type: 'sliding', size: 2 * S, slide: S },
      aggregates: [{ fn: 'count', as: 'n' }],
      outputMode,
      watermark: { delay },
    },
    'spark',
  );
}

const row = (start: number, user: string, n: number): Row => ({
  window_start: start,
  window_end: start + 2 * S,
  user,
  n,
});

describe('ring store', () => {
  it('is the store for a sliding count with a watermark and the trace off, not otherwise', () => {
    expect(createStore(sliding(0), true)).toBeInstanceOf(RingStore);
    expect(createStore(sliding(0), false)).not.toBeInstanceOf(RingStore);
    const withSum = parseQuery(
      {
        time: 't',
        groupBy: ['user'],
        window: { type: 'sliding', size: 2 * S, slide: S },
        aggregates: [{ fn: 'sum', field: 'x', as: 's' }],
        outputMode: 'update',
        watermark: { delay: 0 },
      },
      'spark',
    );
    expect(createStore(withSum, true)).not.toBeInstanceOf(RingStore);
  });

  it('counts a key that joins a slot another key entered, in its older windows too', () => {
    // a@1.5 s: windows [1,3) and [0,2). b@2.5 s enters the slot [2,3): [2,4), [1,3).
    // a@2.5 s: [2,4) is new for a, [1,3) already holds a's first event: 2.
    const engine = new SparkEngine(sliding(10 * S));
    const { rows } = engine.runBatch([
      { t: 1500, user: 'a' },
      { t: 2500, user: 'b' },
      { t: 2500, user: 'a' },
    ]).result;
    expect(rows).toEqual([
      row(1000, 'a', 2),
      row(0, 'a', 1),
      row(2000, 'b', 1),
      row(1000, 'b', 1),
      row(2000, 'a', 1),
    ]);
  });

  it('counts in the right windows after an event whose time is text moved the slot', () => {
    // 9.5 s: windows [9,11) and [8,10). "7 s" (text, the driver's general path): [7,9), [6,8).
    // 9.5 s again: back in [9,11) and [8,10), each now 2.
    const engine = new SparkEngine(sliding(10 * S));
    const { rows } = engine.runBatch([
      { t: 9500, user: 'a' },
      { t: '1970-01-01T00:00:07Z', user: 'a' },
      { t: 9500, user: 'a' },
    ]).result;
    expect(rows).toEqual([
      row(9000, 'a', 2),
      row(8000, 'a', 2),
      row(7000, 'a', 1),
      row(6000, 'a', 1),
    ]);
  });

  it('keeps windows that find their ring place taken, and evicts them with the rest', () => {
    // One key, an event every second from 0.5 s to 12.5 s, a 20 s delay: all 14 windows
    // [k, k + 2) for k = −1…12 stay open, more than the ring's 8 places. Each inner window
    // holds 2 events; [−1, 1) and [12, 14) hold one.
    const events = Array.from({ length: 13 }, (_, i) => ({ t: i * S + 500, user: 'a' }));
    const engine = new SparkEngine(sliding(20 * S, 'append'));
    const first = engine.runBatch(events).result;
    expect(first.rows).toEqual([]);
    expect(first.stateRows).toBe(14);
    // Max time 12.5 s − 20 s: the watermark stays 0 (it never goes back). An event at 40 s
    // moves it to 20 s, and the no-data run that follows in the same batch evicts (and emits,
    // buckets in the order they were made) every window of a; b's two stay.
    const { rows, stateRows } = engine.runBatch([{ t: 40 * S, user: 'b' }]).result;
    const expected = [row(0, 'a', 2), row(-1000, 'a', 1)];
    for (let k = 1; k <= 11; k++) expected.push(row(k * S, 'a', 2));
    expected.push(row(12 * S, 'a', 1));
    expect(rows).toEqual(expected);
    expect(stateRows).toBe(2);
  });

  it("writes the window store's snapshot, which restores into the general store", () => {
    const query = sliding(5 * S);
    const batches = [
      [
        { t: 500, user: 'a' },
        { t: 1500, user: 'b' },
        { t: 1700, user: 'a' },
      ],
      [
        { t: 9000, user: 'a' },
        { t: 900, user: 'b' },
      ],
    ];
    const rings = new SparkEngine(query);
    const general = new SparkEngine(query, { trace: true });
    for (const batch of batches) {
      rings.runBatch(batch);
      general.runBatch(batch);
    }
    expect(rings.snapshot()).toEqual(general.snapshot());
    const restored = new SparkEngine(query);
    restored.restore(JSON.parse(JSON.stringify(rings.snapshot())));
    const next = [{ t: 9500, user: 'b' }];
    expect(restored.runBatch(next).result).toEqual(general.runBatch(next).result);
  });

  it('keeps thousands of keys apart, "1500" from 1500, and gives a gone key\'s id to a new key', () => {
    // Batch 1 at 0.5 s: windows [0, 2) and [−1, 1). The text "1500" with 5 events, then keys
    // k0…k1499 (text) and 1500…2999 (numbers), key i with i mod 3 + 1 events.
    type Key = string | number;
    const keys: Key[] = Array.from({ length: 3000 }, (_, i) => (i < 1500 ? `k${String(i)}` : i));
    const first: { t: number; user: Key }[] = Array.from({ length: 5 }, () => ({
      t: 500,
      user: '1500',
    }));
    keys.forEach((user, i) => {
      for (let j = 0; j <= i % 3; j++) first.push({ t: 500, user });
    });
    const both = (start: number, user: Key, n: number): Row[] => [
      row(start, user as string, n),
      row(start - S, user as string, n),
    ];
    const engine = new SparkEngine(sliding(0));
    const one = engine.runBatch(first).result;
    expect(one.rows).toEqual([
      ...both(0, '1500', 5),
      ...keys.flatMap((k, i) => both(0, k, (i % 3) + 1)),
    ]);
    expect(one.stateRows).toBe(6002);
    // Batch 2: x at 10 s moves the watermark to 10 s, which evicts every window of batch 1.
    const two = engine.runBatch([{ t: 10 * S, user: 'x' }]).result;
    expect(two.rows).toEqual(both(10 * S, 'x', 1));
    expect(two.stateRows).toBe(2);
    // Batch 3 at 10.5 s: 1,000 new keys (which take the gone keys' ids), the old keys again,
    // and x. Each counts 1, x 2: no key is counted in another's windows.
    const fresh = Array.from({ length: 1000 }, (_, i) => `n${String(i)}`);
    const all = [...fresh, ...keys, 'x'];
    const third = engine.runBatch(all.map((user) => ({ t: 10 * S + 500, user }))).result;
    expect(third.rows).toEqual([
      ...[...fresh, ...keys].flatMap((k) => both(10 * S, k, 1)),
      ...both(10 * S, 'x', 2),
    ]);
    expect(third.stateRows).toBe(8002);
  });
});
