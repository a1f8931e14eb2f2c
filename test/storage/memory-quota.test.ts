// MemoryStorage's own quota (quotaBytes): a real budget, not a mocked failure, so the prune-and-
// retry path is exercised end to end as a full disk would drive it.
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/storage';
import { collect, progress, scenarioRun, tickingClock } from './harness';

/** A snapshot whose JSON is about `size` characters long. */
const sized = (size: number, tag: number): Record<string, unknown> => ({
  tag,
  pad: 'x'.repeat(size),
});

describe('MemoryStorage with a byte quota', () => {
  it('prunes the oldest checkpoints to make room, keeping runs and progress', async () => {
    // Room for the run, the progress and four checkpoints of ~2 KB, not five.
    const base = JSON.stringify(scenarioRun()).length + JSON.stringify(progress).length;
    const storage = new MemoryStorage({ quotaBytes: base + 4 * 2_100, now: tickingClock() });
    const notices = collect(storage);
    await storage.saveRun(scenarioRun());
    await storage.saveProgress(progress);
    for (let p = 1; p <= 4; p++)
      expect(
        await storage.saveCheckpoint({ runId: 'run-1', position: p, snapshot: sized(2_000, p) }),
      ).toBe(true);
    expect(notices).toEqual([]);
    // The fifth does not fit: the two oldest go, then it is written.
    expect(
      await storage.saveCheckpoint({ runId: 'run-1', position: 5, snapshot: sized(2_000, 5) }),
    ).toBe(true);
    expect(notices.map((n) => n.kind)).toEqual(['pruned']);
    expect(await storage.nearestCheckpoint('run-1', 2)).toBeNull();
    expect((await storage.nearestCheckpoint('run-1', 3))?.snapshot).toEqual(sized(2_000, 3));
    expect((await storage.nearestCheckpoint('run-1', 9))?.position).toBe(5);
    expect(await storage.loadRun('run-1')).toEqual(scenarioRun());
    expect(await storage.loadProgress(progress.lessonId)).toEqual(progress);
  });

  it('skips a checkpoint larger than the whole quota, without throwing', async () => {
    const storage = new MemoryStorage({ quotaBytes: 5_000 });
    const notices = collect(storage);
    expect(
      await storage.saveCheckpoint({ runId: 'r', position: 1, snapshot: sized(9_000, 1) }),
    ).toBe(false);
    expect(notices.map((n) => n.kind)).toEqual(['full']);
  });

  it('frees the space of deleted runs and pruned checkpoints', async () => {
    const storage = new MemoryStorage({ quotaBytes: 6_000 });
    await storage.saveCheckpoint({ runId: 'a', position: 1, snapshot: sized(5_000, 1) });
    await storage.deleteRun('a');
    await storage.saveCheckpoint({ runId: 'b', position: 1, snapshot: sized(5_000, 1) });
    await storage.pruneCheckpoints('b', 0);
    const notices = collect(storage);
    expect(
      await storage.saveCheckpoint({ runId: 'c', position: 1, snapshot: sized(5_000, 1) }),
    ).toBe(true);
    expect(notices).toEqual([]);
  });

  it('throws QuotaExceededError when a run cannot fit at all: memory has nowhere else to go', async () => {
    const storage = new MemoryStorage({ quotaBytes: 100 });
    await expect(storage.saveRun(scenarioRun())).rejects.toMatchObject({
      name: 'QuotaExceededError',
    });
  });
});
