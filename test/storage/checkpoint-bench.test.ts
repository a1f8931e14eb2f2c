// The checkpoint benchmark helper: it measures what it says (a real 10,000-key engine snapshot,
// written and committed) and leaves nothing behind. Timing is reported, not asserted.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { parseQuery, SparkEngine } from '../../src/engine';
import { benchmarkCheckpoints, benchSnapshot, MemoryStorage, openStorage } from '../../src/storage';

describe('checkpoint benchmark', () => {
  it('builds a snapshot with exactly the asked number of keys, which an engine restores', () => {
    const snapshot = benchSnapshot(1_000) as { state: { groups: unknown[] }[] };
    expect(snapshot.state.reduce((n, bucket) => n + bucket.groups.length, 0)).toBe(1_000);
    const engine = new SparkEngine(
      parseQuery(
        {
          time: 'ts',
          window: { type: 'tumbling', size: '1 minute' },
          groupBy: ['user_id'],
          aggregates: [
            { fn: 'count', as: 'events' },
            { fn: 'sum', field: 'amount', as: 'total' },
            { fn: 'max', field: 'amount', as: 'largest' },
          ],
          watermark: { delay: '10 minutes' },
          outputMode: 'update',
        },
        'spark',
      ),
    );
    engine.restore(snapshot);
    expect(engine.runBatch([{ ts: 2_000, user_id: 'user1', amount: 5 }]).result.stateRows).toBe(
      1_000,
    );
  });

  it('returns the median of N writes and cleans up its checkpoints', async () => {
    const storage = new MemoryStorage();
    let t = 0;
    const result = await benchmarkCheckpoints(storage, {
      keys: 200,
      writes: 5,
      clock: () => (t += 2),
    });
    expect(result).toMatchObject({ keys: 200, writes: 5, medianMs: 4, snapshotMedianMs: 2 });
    expect(result.samplesMs).toHaveLength(5);
    expect(result.bytes).toBeGreaterThan(200 * 20);
    expect(await storage.nearestCheckpoint('bench-checkpoints', 1_000)).toBeNull();
  });

  it('runs on IndexedDB (fake here; the real figure comes from Chromium)', async () => {
    const { storage } = await openStorage({ indexedDB: new IDBFactory() });
    const result = await benchmarkCheckpoints(storage, { keys: 10_000, writes: 3 });
    expect(result.medianMs).toBeGreaterThan(0);
    expect(result.bytes).toBeGreaterThan(300_000);
    console.log(
      `checkpoint of ${String(result.keys)} keys (${String(Math.round(result.bytes / 1024))} KiB) under fake-indexeddb: median ${result.medianMs.toFixed(1)} ms (snapshot ${result.snapshotMedianMs.toFixed(1)} ms)`,
    );
    storage.close();
  });
});
