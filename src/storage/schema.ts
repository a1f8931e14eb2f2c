// The IndexedDB database "windowscope" and its upgrades. Stores (version 2):
//   runs         key id (in-line)           RunRecord: a run's input, query, semantics, position
//   checkpoints  key [runId, position]      StoredCheckpoint: the engine snapshot after `position`
//                                           batches/records, as JSON text, with a size estimate.
//                                           The key's runId prefix is the index by run: one key
//                                           range finds, counts or deletes a run's checkpoints,
//                                           and a reverse cursor finds the nearest at or before.
//                index byRunCreated [runId, createdAt]  (v2) a run's checkpoints oldest-written first
//                index byCreated    createdAt            (v2) all checkpoints oldest-written first
//   progress     key lessonId (in-line)     ProgressRecord: step, answers, completed
//   preferences  one record, key "app"      Preferences: theme, motion, speed, last run and lesson
// Only inputs are stored, never results: the engine is deterministic and replays.
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { StoredCheckpoint } from './backend';
import type { Preferences, ProgressRecord, RunRecord } from './types';

export const DB_NAME = 'windowscope';
export const DB_VERSION = 2;
export const PREFERENCES_KEY = 'app';

export interface WindowscopeDB extends DBSchema {
  runs: { key: string; value: RunRecord };
  checkpoints: {
    key: [string, number];
    value: StoredCheckpoint;
    indexes: { byRunCreated: [string, number]; byCreated: number };
  };
  progress: { key: string; value: ProgressRecord };
  preferences: { key: string; value: Preferences };
}

export type Database = IDBPDatabase<WindowscopeDB>;
export type UpgradeTransaction = IDBPTransaction<
  WindowscopeDB,
  StoreNames<WindowscopeDB>[],
  'versionchange'
>;

/**
 * Brings a database from `oldVersion` to `newVersion`, one `if (oldVersion < N)` step per
 * version. A step also checks `newVersion >= N` only so that tests can build an old database and
 * upgrade it; the app always opens DB_VERSION. Steps never drop stored records: restore*() on
 * load repairs what an old version wrote.
 */
export function upgrade(
  db: Database,
  oldVersion: number,
  newVersion: number,
  tx: UpgradeTransaction,
): void {
  if (oldVersion < 1) {
    db.createObjectStore('runs', { keyPath: 'id' });
    db.createObjectStore('checkpoints', { keyPath: ['runId', 'position'] });
    db.createObjectStore('progress', { keyPath: 'lessonId' });
    db.createObjectStore('preferences');
  }
  if (oldVersion < 2 && newVersion >= 2) {
    // Pruning removes the oldest-written checkpoints first: per run for the cap, overall when
    // the quota is exceeded. A learner who stepped back keeps the checkpoints near where they are.
    const checkpoints = tx.objectStore('checkpoints');
    checkpoints.createIndex('byRunCreated', ['runId', 'createdAt']);
    checkpoints.createIndex('byCreated', 'createdAt');
  }
}
