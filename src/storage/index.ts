// Persistence for the worker: runs, checkpoints, lesson progress and preferences, in IndexedDB
// or, when that cannot be used, in memory. The only part of the app that imports idb.
// online-store.ts is lesson 15's lab: a database of its own, made and deleted per measurement.
export * from './types';
export {
  openStorage,
  DEFAULT_OPEN_TIMEOUT_MS,
  type OpenStorageOptions,
  type OpenedStorage,
} from './open';
export { IdbStorage } from './idb-storage';
export { MemoryStorage, type MemoryStorageOptions } from './memory-storage';
export {
  DEFAULT_MAX_CHECKPOINTS_PER_RUN,
  isQuotaError,
  type StorageOptions,
} from './backed-storage';
export type { Seed, Entry, CheckpointKey, StoredCheckpoint } from './backend';
export { restoreRun, restoreInput } from './restore-run';
export {
  restoreCheckpoint,
  restoreProgress,
  restorePreferences,
  DEFAULT_PREFERENCES,
} from './restore';
export type { Restored } from './restore-util';
export { DB_NAME, DB_VERSION } from './schema';
export { openDatabase } from './idb-open';
export {
  benchmarkCheckpoints,
  benchSnapshot,
  type CheckpointBench,
  type CheckpointBenchOptions,
} from './checkpoint-bench';
