// One behavioural suite, run on IdbStorage (fake-indexeddb, a fresh factory per test) and on
// MemoryStorage: they must be interchangeable, since openStorage may hand out either.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseQuery, SparkEngine, type Event } from '../../src/engine';
import {
  DEFAULT_PREFERENCES,
  type CheckpointRecord,
  type RunRecord,
  type Storage,
} from '../../src/storage';
import {
  collect,
  generatedRun,
  HARNESSES,
  importedRun,
  preferences,
  progress,
  scenario,
  scenarioRun,
  snapshot,
} from './harness';

afterEach(() => {
  vi.restoreAllMocks();
});

describe.each(HARNESSES)('$name', (harness) => {
  let storage: Storage;
  const open = async (options?: { maxCheckpointsPerRun?: number }): Promise<Storage> =>
    (storage = await harness.open(options));
  afterEach(() => {
    storage.close();
  });

  describe('runs', () => {
    it.each([
      ['a scenario', scenarioRun()],
      ['generator settings with a seed', generatedRun()],
      ['imported events', importedRun()],
    ])('round-trips a run whose input is %s', async (_, run) => {
      await open();
      await storage.saveRun(run);
      expect(await storage.loadRun(run.id)).toEqual(run);
    });

    it('gives null for a run never saved', async () => {
      await open();
      expect(await storage.loadRun('nope')).toBeNull();
    });

    it('lists runs most recently saved first, and a save replaces the run', async () => {
      await open();
      await storage.saveRun(scenarioRun({ updatedAt: 5_000 }));
      await storage.saveRun(generatedRun({ updatedAt: 6_000 }));
      await storage.saveRun(importedRun({ updatedAt: 4_000 }));
      await storage.saveRun(importedRun({ updatedAt: 9_000, position: 1 }));
      const runs = await storage.listRuns();
      expect(runs.map((r) => [r.id, r.position])).toEqual([
        ['run-3', 1],
        ['run-2', 1_000],
        ['run-1', 2],
      ]);
    });

    it('keeps what was saved, not the caller’s object changed afterwards', async () => {
      await open();
      const run = structuredClone(scenarioRun()) as { name: string } & RunRecord;
      await storage.saveRun(run);
      run.name = 'changed after saving';
      expect((await storage.loadRun('run-1'))?.name).toBe('Tumbling without a watermark');
    });

    it('refuses to save a malformed run, naming the field, and stores nothing', async () => {
      await open();
      const bad = { ...scenarioRun(), position: -1 };
      await expect(storage.saveRun(bad)).rejects.toThrow('position was -1');
      const noSeed = generatedRun({ input: { kind: 'generated', seed: 1.5, settings: {} } });
      await expect(storage.saveRun(noSeed)).rejects.toThrow('seed must be an integer');
      expect(await storage.listRuns()).toEqual([]);
    });

    it('deletes a run together with its checkpoints, and only that run’s', async () => {
      await open();
      await storage.saveRun(scenarioRun());
      await storage.saveRun(generatedRun());
      await storage.saveCheckpoint({ runId: 'run-1', position: 1, snapshot: snapshot(1) });
      await storage.saveCheckpoint({ runId: 'run-2', position: 1, snapshot: snapshot(1) });
      await storage.deleteRun('run-1');
      expect(await storage.loadRun('run-1')).toBeNull();
      expect(await storage.nearestCheckpoint('run-1', 10)).toBeNull();
      expect(await storage.loadRun('run-2')).not.toBeNull();
      expect((await storage.nearestCheckpoint('run-2', 10))?.position).toBe(1);
    });
  });

  describe('checkpoints', () => {
    it('finds the latest checkpoint at or before a position, per run', async () => {
      await open();
      for (const position of [2, 5, 9])
        await storage.saveCheckpoint({ runId: 'run-1', position, snapshot: snapshot(position) });
      await storage.saveCheckpoint({ runId: 'run-2', position: 4, snapshot: snapshot(4) });
      const at = async (p: number): Promise<number | null> =>
        (await storage.nearestCheckpoint('run-1', p))?.position ?? null;
      expect(await at(0)).toBeNull();
      expect(await at(1)).toBeNull();
      expect(await at(2)).toBe(2);
      expect(await at(4)).toBe(2);
      expect(await at(5)).toBe(5);
      expect(await at(8)).toBe(5);
      expect(await at(1_000)).toBe(9);
      expect(await storage.nearestCheckpoint('run-3', 1_000)).toBeNull();
    });

    it('stores the snapshot as plain JSON with its size and write time', async () => {
      await open();
      expect(await storage.saveCheckpoint({ runId: 'r', position: 3, snapshot: snapshot(3) })).toBe(
        true,
      );
      const cp = (await storage.nearestCheckpoint('r', 3)) as CheckpointRecord;
      expect(cp.snapshot).toEqual(snapshot(3));
      expect(cp.bytes).toBe(JSON.stringify(snapshot(3)).length);
      expect(cp.createdAt).toBeGreaterThanOrEqual(1_000);
    });

    it('replaces a checkpoint saved again at the same position', async () => {
      await open();
      await storage.saveCheckpoint({ runId: 'r', position: 3, snapshot: snapshot(3) });
      await storage.saveCheckpoint({ runId: 'r', position: 3, snapshot: snapshot(33) });
      expect((await storage.nearestCheckpoint('r', 3))?.snapshot).toEqual(snapshot(33));
      expect(await storage.pruneCheckpoints('r', 0)).toBe(1);
    });

    it('keeps at most maxCheckpointsPerRun per run, dropping the oldest written', async () => {
      await open({ maxCheckpointsPerRun: 3 });
      // Written in this order (the harness clock ticks once per write).
      for (const position of [5, 1, 3, 2, 4])
        await storage.saveCheckpoint({ runId: 'r', position, snapshot: snapshot(position) });
      await storage.saveCheckpoint({ runId: 'other', position: 1, snapshot: snapshot(1) });
      const kept: number[] = [];
      for (let p = 5; p >= 1; p--) {
        const cp = await storage.nearestCheckpoint('r', p);
        if (cp?.position === p) kept.push(p);
      }
      expect(kept.sort()).toEqual([2, 3, 4]);
      expect((await storage.nearestCheckpoint('other', 1))?.position).toBe(1);
    });

    it('prunes a run’s checkpoints on request, keep = 0 removing them all', async () => {
      await open();
      for (const position of [1, 2, 3, 4])
        await storage.saveCheckpoint({ runId: 'r', position, snapshot: snapshot(position) });
      expect(await storage.pruneCheckpoints('r', 2)).toBe(2);
      expect((await storage.nearestCheckpoint('r', 2))?.position).toBeUndefined();
      expect((await storage.nearestCheckpoint('r', 4))?.position).toBe(4);
      expect(await storage.pruneCheckpoints('r', 0)).toBe(2);
      expect(await storage.nearestCheckpoint('r', 4)).toBeNull();
      expect(await storage.pruneCheckpoints('r')).toBe(0);
    });

    it('refuses a checkpoint without a run, at a bad position or with no snapshot', async () => {
      await open();
      await expect(
        storage.saveCheckpoint({ runId: '', position: 1, snapshot: {} }),
      ).rejects.toThrow('runId');
      await expect(
        storage.saveCheckpoint({ runId: 'r', position: 1.5, snapshot: {} }),
      ).rejects.toThrow('whole number');
      await expect(
        storage.saveCheckpoint({ runId: 'r', position: 1, snapshot: null as never }),
      ).rejects.toThrow('snapshot must be an object');
    });

    it('resumes a real Spark engine from the nearest checkpoint exactly as a straight run', async () => {
      await open();
      const batches = scenario.batches as Event[][];
      const engine = (): SparkEngine => new SparkEngine(parseQuery(scenario.query, 'spark'));
      const straight = engine();
      const expected = batches.map((b) => straight.runBatch(b).result);

      const first = engine();
      await storage.saveRun(scenarioRun({ position: 0 }));
      for (let i = 0; i < 2; i++) {
        first.runBatch(batches[i] ?? []);
        await storage.saveCheckpoint({
          runId: 'run-1',
          position: i + 1,
          snapshot: first.snapshot() as unknown as Record<string, unknown>,
        });
      }
      await storage.saveRun(scenarioRun({ position: 2 }));

      // "Reload": only what storage returns is used.
      const run = await storage.loadRun('run-1');
      const cp = await storage.nearestCheckpoint('run-1', run?.position ?? 0);
      const resumed = engine();
      resumed.restore(cp?.snapshot);
      expect(cp?.position).toBe(2);
      expect(resumed.runBatch(batches[2] ?? []).result).toEqual(expected[2]);
    });
  });

  describe('progress and preferences', () => {
    it('round-trips lesson progress and lists it', async () => {
      await open();
      await storage.saveProgress(progress);
      await storage.saveProgress({ ...progress, lessonId: '02-sliding', completed: true });
      expect(await storage.loadProgress('01-tumbling')).toEqual(progress);
      expect(await storage.loadProgress('03-none')).toBeNull();
      const all = await storage.listProgress();
      expect(all.map((p) => [p.lessonId, p.completed]).sort()).toEqual([
        ['01-tumbling', false],
        ['02-sliding', true],
      ]);
    });

    it('gives default preferences before any are saved, then what was saved', async () => {
      await open();
      expect(await storage.loadPreferences()).toEqual(DEFAULT_PREFERENCES);
      await storage.savePreferences(preferences);
      expect(await storage.loadPreferences()).toEqual(preferences);
    });

    it('refuses malformed progress and preferences', async () => {
      await open();
      await expect(storage.saveProgress({ ...progress, step: -2 })).rejects.toThrow('step was -2');
      await expect(
        storage.savePreferences({ ...preferences, theme: 'purple' as never }),
      ).rejects.toThrow('theme was "purple"');
    });
  });

  describe('damaged records', () => {
    const goodRun = scenarioRun();
    const raw = {
      runs: [
        goodRun,
        { ...generatedRun(), name: 7, position: -3, updatedAt: 'yesterday', extra: { x: 1 } },
        { id: 'broken-input', name: 'x', semantics: 'spark', query: {}, input: 'garbage' },
        { ...importedRun(), id: 'no-query', query: null },
        { ...scenarioRun(), id: 'scenario-query', query: [], semantics: 'bogus' },
        { ...importedRun(), id: 'mixed', input: { kind: 'imported', events: [{ a: 1 }, 3, null] } },
      ],
      checkpoints: [
        { runId: 'run-1', position: 1, json: JSON.stringify(snapshot(1)), bytes: 10, createdAt: 1 },
        { runId: 'run-1', position: 2, json: '{"truncated', bytes: 11, createdAt: 2 },
        { runId: 'run-1', position: 3, json: '[1, 2]', bytes: 6, createdAt: 3 },
      ],
      progress: [
        {
          lessonId: 'l1',
          step: 'two',
          answers: { q1: 'a', q2: { nested: true } },
          completed: 'yes',
        },
        { lessonId: 'l2', step: 1, answers: null, completed: true, updatedAt: 1 },
      ],
      preferences: { theme: 'purple', reducedMotion: 'reduce', speed: -1, lastRunId: 5 },
    };

    it('repairs runs with defaults, skips unusable ones and says which', async () => {
      storage = await harness.openWithRaw(raw);
      const notices = collect(storage);
      const runs = await storage.listRuns();
      expect(runs.map((r) => r.id)).toEqual(['run-1', 'scenario-query', 'mixed', 'run-2']);
      expect(runs.find((r) => r.id === 'run-2')).toEqual({
        ...generatedRun(),
        name: 'Untitled run',
        position: 0,
        updatedAt: 0,
      });
      expect(runs.find((r) => r.id === 'scenario-query')).toMatchObject({
        query: scenario.query,
        semantics: 'spark',
      });
      expect(runs.find((r) => r.id === 'mixed')?.input).toEqual({
        kind: 'imported',
        events: [{ a: 1 }],
      });
      expect(notices).toHaveLength(1);
      const message = notices[0]?.message ?? '';
      expect(notices[0]?.kind).toBe('repaired');
      expect(message).toContain('run "broken-input" could not be read and was skipped');
      expect(message).toContain('run "no-query" could not be read');
      expect(message).toContain('run "run-2" was repaired (name was 7; position was -3');
      expect(message).toContain('2 imported events that were not objects were dropped');
      // Reported once per session, not on every load.
      await storage.listRuns();
      expect(await storage.loadRun('broken-input')).toBeNull();
      expect(notices).toHaveLength(1);
    });

    it('skips and removes unreadable checkpoints, falling back to an earlier one', async () => {
      storage = await harness.openWithRaw(raw);
      const notices = collect(storage);
      const cp = await storage.nearestCheckpoint('run-1', 10);
      expect(cp).toEqual({
        runId: 'run-1',
        position: 1,
        snapshot: snapshot(1),
        bytes: JSON.stringify(snapshot(1)).length,
        createdAt: 1,
      });
      const message = notices.map((n) => n.message).join(' ');
      expect(message).toContain('checkpoint of run "run-1" at 3 could not be read');
      expect(message).toContain(
        'at 2 could not be read and was skipped (the snapshot is not valid JSON)',
      );
      expect(message).toContain('at 1 was repaired (bytes was 10)');
      // The bad ones are gone: position 2 now resolves to 1 without a new notice.
      const before = notices.length;
      expect((await storage.nearestCheckpoint('run-1', 2))?.position).toBe(1);
      expect(notices).toHaveLength(before);
    });

    it('repairs progress and preferences field by field', async () => {
      storage = await harness.openWithRaw(raw);
      const notices = collect(storage);
      expect(await storage.loadProgress('l1')).toEqual({
        lessonId: 'l1',
        step: 0,
        answers: { q1: 'a' },
        completed: false,
        updatedAt: 0,
      });
      expect((await storage.listProgress()).map((p) => p.lessonId).sort()).toEqual(['l1', 'l2']);
      expect(await storage.loadPreferences()).toEqual({
        ...DEFAULT_PREFERENCES,
        reducedMotion: 'reduce',
      });
      const message = notices.map((n) => n.message).join(' ');
      expect(message).toContain('the answer to "q2" was an object');
      expect(message).toContain('answers was null');
      expect(message).toContain('theme was "purple"; speed was -1; lastRunId was 5');
    });

    it('resets preferences that are not an object at all', async () => {
      storage = await harness.openWithRaw({ preferences: 'garbage' });
      const notices = collect(storage);
      expect(await storage.loadPreferences()).toEqual(DEFAULT_PREFERENCES);
      expect(notices[0]?.message).toContain(
        'preferences was repaired (preferences were "garbage")',
      );
    });
  });

  describe('a full disk', () => {
    async function filled(): Promise<Storage> {
      await open();
      await storage.saveRun(scenarioRun());
      await storage.saveProgress(progress);
      for (const position of [1, 2, 3])
        await storage.saveCheckpoint({ runId: 'run-1', position, snapshot: snapshot(position) });
      for (const position of [1, 2, 3])
        await storage.saveCheckpoint({ runId: 'run-2', position, snapshot: snapshot(position) });
      return storage;
    }
    const positions = async (s: Storage, runId: string): Promise<number[]> => {
      const found: number[] = [];
      for (let p = 1; p <= 9; p++)
        if ((await s.nearestCheckpoint(runId, p))?.position === p) found.push(p);
      return found;
    };

    it('prunes the oldest checkpoints and retries once when a checkpoint does not fit', async () => {
      const s = await filled();
      const notices = collect(s);
      harness.failWrites(1);
      expect(await s.saveCheckpoint({ runId: 'run-2', position: 4, snapshot: snapshot(4) })).toBe(
        true,
      );
      // Half of the six, oldest written first: all of run-1's.
      expect(await positions(s, 'run-1')).toEqual([]);
      expect(await positions(s, 'run-2')).toEqual([1, 2, 3, 4]);
      expect(notices.map((n) => n.kind)).toEqual(['pruned']);
      expect(notices[0]?.message).toContain('older checkpoints were removed to free space');
      // Runs and progress are never pruned.
      expect(await s.loadRun('run-1')).toEqual(scenarioRun());
      expect(await s.loadProgress(progress.lessonId)).toEqual(progress);
    });

    it('prunes checkpoints, never runs, when a run does not fit', async () => {
      const s = await filled();
      const notices = collect(s);
      harness.failWrites(1);
      await s.saveRun(generatedRun());
      expect((await s.listRuns()).map((r) => r.id)).toEqual(['run-2', 'run-1']);
      expect(await positions(s, 'run-1')).toEqual([]);
      expect(notices.map((n) => n.kind)).toEqual(['pruned']);
    });

    it('skips a checkpoint that still does not fit, and says so', async () => {
      const s = await filled();
      const notices = collect(s);
      harness.failWrites(2);
      expect(await s.saveCheckpoint({ runId: 'run-1', position: 9, snapshot: snapshot(9) })).toBe(
        false,
      );
      expect(notices.map((n) => n.kind)).toEqual(['pruned', 'full']);
      expect(notices[1]?.message).toContain('this checkpoint was not saved');
      expect(await s.saveCheckpoint({ runId: 'run-1', position: 9, snapshot: snapshot(9) })).toBe(
        true,
      );
    });

    it('passes other write errors through, pruning nothing', async () => {
      const s = await filled();
      const notices = collect(s);
      harness.failWrites(1, () => new DOMException('bad key', 'DataError'));
      await expect(s.saveRun(generatedRun())).rejects.toThrow('bad key');
      expect(await positions(s, 'run-1')).toEqual([1, 2, 3]);
      expect(notices).toEqual([]);
    });
  });

  it('stops calling a listener after it unsubscribes, and survives a throwing one', async () => {
    storage = await harness.openWithRaw({ preferences: 'garbage', runs: [{ id: 'x', input: 1 }] });
    const seen: string[] = [];
    const stop = storage.onNotice((n) => seen.push(n.kind));
    storage.onNotice(() => {
      throw new Error('listener bug');
    });
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await storage.loadPreferences();
    stop();
    await storage.listRuns();
    expect(seen).toEqual(['repaired']);
    expect(error).toHaveBeenCalledTimes(2);
  });
});
