import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/storage';
import { RunManager, type RunSpec } from '../../src/worker/run-manager';
import { RUN_PRESETS } from '../../src/ui/run-presets';

const generated = RUN_PRESETS.find((p) => p.id === 'generated-event-types')?.spec as RunSpec;
const seed = RUN_PRESETS.find((p) => p.id === 'seed-clicks-per-user')?.spec as RunSpec;

describe('RunManager', () => {
  it('resumes after a reload at the same step with the same result', async () => {
    const storage = new MemoryStorage();
    const first = new RunManager(storage);
    await first.open(generated, 'run-1');
    let view = await first.step();
    for (let i = 0; i < 11; i++) view = await first.step();
    expect(view.position).toBe(12);

    const reloaded = await new RunManager(storage).resume();
    expect(reloaded?.position).toBe(12);
    expect(reloaded?.step).toEqual(view.step);
    expect(reloaded?.history).toEqual(view.history);
  });

  it('uses a stored checkpoint, and replays from the start when the checkpoint is damaged', async () => {
    const storage = new MemoryStorage();
    const runs = new RunManager(storage);
    await runs.open(generated, 'run-2');
    await runs.seek(15);
    const expected = runs.view().step;
    expect(await storage.nearestCheckpoint('run-2', 14)).toMatchObject({ position: 10 });
    await storage.saveCheckpoint({
      runId: 'run-2',
      position: 10,
      snapshot: { version: 1, semantics: 'spark', nonsense: true },
    });
    const resumed = await new RunManager(storage).resume();
    expect(resumed?.step).toEqual(expected);
  });

  it('opens nothing on a fresh storage, and refuses a bad query without losing the run', async () => {
    const storage = new MemoryStorage();
    expect(await new RunManager(storage).resume()).toBeNull();
    const runs = new RunManager(storage);
    await runs.open(seed, 'run-3');
    await runs.seek(2);
    await expect(
      runs.setQuery({ ...seed.query, window: { type: 'tumbling', size: '-1 minute' } }),
    ).rejects.toThrow('The window duration (-60000 ms) must be greater than 0.');
    expect(runs.view().position).toBe(2);
    expect(runs.view().query).toEqual(seed.query);
  });

  it('replays the same input when the query changes, and that survives a reload', async () => {
    const storage = new MemoryStorage();
    const runs = new RunManager(storage);
    await runs.open(seed, 'run-4');
    await runs.seek(3);
    const view = await runs.setQuery({
      ...seed.query,
      window: { type: 'tumbling', size: '2 minutes' },
    });
    const rows = view.step?.kind === 'spark' ? view.step.result.rows : [];
    // 10:00:00, 10:00:20, 10:01:20 (user1) and 10:01:00 (user2) fall in [10:00, 10:02); 10:02:00 (user2) in [10:02, 10:04).
    expect(rows).toEqual([
      { window_start: 1690711200000, window_end: 1690711320000, user_id: 'user1', count: 3 },
      { window_start: 1690711200000, window_end: 1690711320000, user_id: 'user2', count: 1 },
      { window_start: 1690711320000, window_end: 1690711440000, user_id: 'user2', count: 1 },
    ]);
    expect((await new RunManager(storage).resume())?.step).toEqual(view.step);
  });
});

describe('RunManager long moves and compare mode', () => {
  it('travels to the end in slices, reporting progress, and stops when cancelled', async () => {
    const runs = new RunManager(new MemoryStorage());
    await runs.open(generated, 'run-5');
    const reports: number[] = [];
    const view = await runs.travel(Number.MAX_SAFE_INTEGER, {
      report: (done) => reports.push(done),
      cancelled: () => false,
    });
    expect(view.position).toBe(view.length);
    expect(reports.at(-1)).toBe(view.length);

    await runs.seek(0);
    const stopped = await runs.travel(view.length, {
      report: () => undefined,
      cancelled: () => true,
    });
    expect(stopped.position).toBeGreaterThan(0);
    expect(stopped.position).toBeLessThanOrEqual(view.length);
  });

  it('keeps a second query on the same input at the same position', async () => {
    const runs = new RunManager(new MemoryStorage());
    await runs.open(seed, 'run-6');
    await runs.seek(2);
    const view = runs.compareWith({
      ...seed.query,
      window: { type: 'tumbling', size: '2 minutes' },
    });
    expect(view.compare?.step?.position).toBe(2);
    const next = await runs.step();
    expect(next.compare?.step?.position).toBe(3);
    const back = await runs.back();
    expect(back.compare?.step?.position).toBe(2);
    expect(runs.compareWith(null).compare).toBeNull();
    expect(() => runs.compareWith({ ...seed.query, outputMode: 'sideways' })).toThrow(
      'query.outputMode',
    );
  });
});

describe('RunManager across semantics', () => {
  it('compares Spark batch k with Flink after the same events, and switches semantics from the start', async () => {
    const runs = new RunManager(new MemoryStorage());
    await runs.open(seed, 'run-7');
    await runs.seek(2);
    // Batches 0 and 1 hold 2 + 2 events: Flink is shown after its 4th record.
    const view = runs.compareWith(seed.query, 'flink');
    expect(view.compare?.semantics).toBe('flink');
    expect(view.compare?.step?.position).toBe(4);
    const flink = await runs.setSemantics('flink');
    expect(flink.semantics).toBe('flink');
    expect(flink.position).toBe(0);
    // The seed's 3 batches hold 5 events; Flink adds $end for the bounded input.
    expect(flink.length).toBe(6);
  });
});
