// The upgrade path: a database made by version 1 opens at the current version with its records
// intact and the version-2 indexes built over them, and pruning uses those indexes.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DB_NAME, DB_VERSION, openDatabase, openStorage } from '../../src/storage';
import { done, generatedRun, progress, rawOpen, scenarioRun, snapshot } from './harness';

const checkpoint = (runId: string, position: number, createdAt: number): object => {
  const json = JSON.stringify(snapshot(position));
  return { runId, position, json, bytes: json.length, createdAt };
};

/** A version-1 database with two runs, progress and checkpoints, as version 1 wrote them. */
async function versionOne(): Promise<IDBFactory> {
  const factory = new IDBFactory();
  const opened = await openDatabase(factory, DB_NAME, 1, 1_000);
  if (!opened.ok) throw new Error(opened.reason);
  opened.db.close();
  const db = await rawOpen(factory, 1);
  expect(db.version).toBe(1);
  expect(db.transaction('checkpoints').objectStore('checkpoints').indexNames).toHaveLength(0);
  const tx = db.transaction(['runs', 'checkpoints', 'progress'], 'readwrite');
  tx.objectStore('runs').put(scenarioRun());
  tx.objectStore('runs').put(generatedRun());
  tx.objectStore('progress').put(progress);
  // Written out of position order: createdAt decides which are oldest.
  for (const [position, createdAt] of [
    [3, 10],
    [1, 20],
    [2, 30],
    [4, 40],
  ] as const)
    tx.objectStore('checkpoints').put(checkpoint('run-1', position, createdAt));
  tx.objectStore('checkpoints').put(checkpoint('run-2', 7, 5));
  await done(tx);
  db.close();
  return factory;
}

describe('upgrading from version 1', () => {
  it('keeps every record and adds the createdAt indexes', async () => {
    const factory = await versionOne();
    const { storage, notice } = await openStorage({ indexedDB: factory });
    expect(notice).toBeNull();
    expect((await storage.listRuns()).map((r) => r.id)).toEqual(['run-2', 'run-1']);
    expect(await storage.loadRun('run-1')).toEqual(scenarioRun());
    expect(await storage.loadProgress(progress.lessonId)).toEqual(progress);
    expect((await storage.nearestCheckpoint('run-1', 2))?.snapshot).toEqual(snapshot(2));
    storage.close();

    const db = await rawOpen(factory);
    expect(db.version).toBe(DB_VERSION);
    const store = db.transaction('checkpoints').objectStore('checkpoints');
    expect([...store.indexNames].sort()).toEqual(['byCreated', 'byRunCreated']);
    db.close();
  });

  it('prunes version-1 checkpoints oldest-written first through the new indexes', async () => {
    const factory = await versionOne();
    const { storage } = await openStorage({ indexedDB: factory });
    expect(await storage.pruneCheckpoints('run-1', 2)).toBe(2);
    const left: number[] = [];
    for (let p = 1; p <= 4; p++)
      if ((await storage.nearestCheckpoint('run-1', p))?.position === p) left.push(p);
    // createdAt 10 (position 3) and 20 (position 1) were the oldest.
    expect(left).toEqual([2, 4]);
    expect((await storage.nearestCheckpoint('run-2', 7))?.position).toBe(7);
    storage.close();
  });

  it('opens a new database straight at the current version', async () => {
    const factory = new IDBFactory();
    const { storage } = await openStorage({ indexedDB: factory });
    storage.close();
    const db = await rawOpen(factory);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([
      'checkpoints',
      'preferences',
      'progress',
      'runs',
    ]);
    db.close();
  });
});
