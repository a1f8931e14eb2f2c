// The few raw operations a place to keep records must offer (IndexedDB or memory). Reads return
// what is stored, unchecked: validation, quota handling and notices live once, in storage.ts.
import type { Preferences, ProgressRecord, RunRecord } from './types';

/**
 * A checkpoint as stored: the snapshot as JSON text. Chromium writes it about twice as fast as
 * the same state as objects (10,000 keys: ~3 ms against ~6-9 ms), and it is plain JSON for sure.
 */
export interface StoredCheckpoint {
  readonly runId: string;
  readonly position: number;
  readonly json: string;
  readonly bytes: number;
  readonly createdAt: number;
}

/** A checkpoint's key: one per (run, position). */
export type CheckpointKey = readonly [runId: string, position: number];

/** A stored value with its key, unchecked. */
export interface Entry<K> {
  readonly key: K;
  readonly value: unknown;
}

/** Stored records to start a memory backend with (unchecked: they are restored on load). */
export interface Seed {
  readonly runs?: readonly Entry<string>[];
  readonly checkpoints?: readonly Entry<CheckpointKey>[];
  readonly progress?: readonly Entry<string>[];
  readonly preferences?: unknown;
}

export interface Backend {
  readonly kind: 'indexeddb' | 'memory';
  /** True once close() was called: new operations must go elsewhere. */
  readonly closed: boolean;
  putRun(run: RunRecord): Promise<void>;
  getRun(id: string): Promise<unknown>;
  getRuns(): Promise<Entry<string>[]>;
  /** Deletes the run and its checkpoints together. */
  deleteRun(id: string): Promise<void>;
  /** Puts the checkpoint, then removes the run's oldest-written ones beyond `maxPerRun`. */
  putCheckpoint(checkpoint: StoredCheckpoint, maxPerRun: number): Promise<void>;
  /** The stored checkpoint with the greatest position ≤ `position` for the run. */
  nearestCheckpoint(runId: string, position: number): Promise<Entry<CheckpointKey> | null>;
  deleteCheckpoint(key: CheckpointKey): Promise<void>;
  /** Keeps the run's `keep` most recently written checkpoints; returns how many were removed. */
  pruneRunCheckpoints(runId: string, keep: number): Promise<number>;
  /** Removes the oldest-written `fraction` of all checkpoints (at least one if any); returns how many. */
  pruneOldestCheckpoints(fraction: number): Promise<number>;
  putProgress(progress: ProgressRecord): Promise<void>;
  getProgress(lessonId: string): Promise<unknown>;
  getAllProgress(): Promise<Entry<string>[]>;
  putPreferences(preferences: Preferences): Promise<void>;
  getPreferences(): Promise<unknown>;
  /**
   * Runs, progress and preferences (not checkpoints, which can be large and are rebuilt by
   * replay), to carry on in memory. Starts reading synchronously, so close() may follow at once.
   */
  exportSmallStores(): Promise<Seed>;
  close(): void;
}

/** Orders checkpoints oldest-written first, as IndexedDB's [runId, createdAt] index does. */
export function byCreated(a: StoredCheckpoint, b: StoredCheckpoint): number {
  return (
    a.createdAt - b.createdAt ||
    (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0) ||
    a.position - b.position
  );
}
