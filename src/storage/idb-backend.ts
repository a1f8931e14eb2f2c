// The raw operations on an open IndexedDB database (see schema.ts for the stores). It reports
// when the connection is lost to another tab's upgrade or to the browser; storage.ts decides what
// to do about it.
import type { Backend, CheckpointKey, Entry, Seed, StoredCheckpoint } from './backend';
import { PREFERENCES_KEY, type Database } from './schema';
import type { Preferences, ProgressRecord, RunRecord } from './types';

export type LostReason = 'version-change' | 'closed';

/** All checkpoints of a run, by their [runId, position] keys. */
function runRange(runId: string, upTo = Infinity): IDBKeyRange {
  return IDBKeyRange.bound([runId, -Infinity], [runId, upTo]);
}

function zip<K>(keys: readonly K[], values: readonly unknown[]): Entry<K>[] {
  return keys.map((key, i) => ({ key, value: values[i] }));
}

/**
 * Waits for a write's requests and its commit. An aborting transaction fails its pending requests
 * with AbortError before it says why (Chrome's QuotaExceededError comes at commit): throw the
 * transaction's own error when it has one, so the caller sees the real cause.
 */
async function committed(
  tx: { readonly done: Promise<void>; readonly error: DOMException | null },
  work: readonly Promise<unknown>[],
): Promise<void> {
  try {
    await Promise.all([...work, tx.done]);
  } catch (error) {
    await tx.done.catch(() => undefined);
    throw tx.error ?? error;
  }
}

/** Checkpoints can be rebuilt by replay, so their writes need not wait for the disk to flush. */
const RELAXED: IDBTransactionOptions = { durability: 'relaxed' };

export class IdbBackend implements Backend {
  readonly kind = 'indexeddb';
  closed = false;
  /** Told when the connection is lost; set by the owner right after construction. */
  onLost: (reason: LostReason) => void = () => undefined;

  constructor(private readonly db: Database) {
    // Another tab wants to upgrade (or delete) the database: it waits until we close.
    db.addEventListener('versionchange', () => {
      this.onLost('version-change');
    });
    // The browser closed the connection itself (site data cleared, disk failure).
    db.addEventListener('close', () => {
      this.closed = true;
      this.onLost('closed');
    });
  }

  async putRun(run: RunRecord): Promise<void> {
    const tx = this.db.transaction('runs', 'readwrite');
    await committed(tx, [tx.store.put(run)]);
  }
  getRun(id: string): Promise<unknown> {
    return this.db.get('runs', id);
  }
  async getRuns(): Promise<Entry<string>[]> {
    const tx = this.db.transaction('runs');
    const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
    return zip(keys, values);
  }
  async deleteRun(id: string): Promise<void> {
    const tx = this.db.transaction(['runs', 'checkpoints'], 'readwrite');
    await committed(tx, [
      tx.objectStore('runs').delete(id),
      tx.objectStore('checkpoints').delete(runRange(id)),
    ]);
  }

  async putCheckpoint(checkpoint: StoredCheckpoint, maxPerRun: number): Promise<void> {
    const tx = this.db.transaction('checkpoints', 'readwrite', RELAXED);
    const cap = async (): Promise<void> => {
      const count = await tx.store.count(runRange(checkpoint.runId));
      if (count <= maxPerRun) return;
      const index = tx.store.index('byRunCreated');
      const keys = await index.getAllKeys(runRange(checkpoint.runId), count - maxPerRun);
      await Promise.all(keys.map((key) => tx.store.delete(key)));
    };
    await committed(tx, [tx.store.put(checkpoint), cap()]);
  }
  async nearestCheckpoint(runId: string, position: number): Promise<Entry<CheckpointKey> | null> {
    const cursor = await this.db
      .transaction('checkpoints')
      .store.openCursor(runRange(runId, position), 'prev');
    return cursor === null ? null : { key: cursor.primaryKey, value: cursor.value };
  }
  async deleteCheckpoint(key: CheckpointKey): Promise<void> {
    await this.db.delete('checkpoints', [...key]);
  }
  async pruneRunCheckpoints(runId: string, keep: number): Promise<number> {
    const tx = this.db.transaction('checkpoints', 'readwrite', RELAXED);
    const count = await tx.store.count(runRange(runId));
    let removed = 0;
    if (count > keep && keep === 0) {
      await tx.store.delete(runRange(runId));
      removed = count;
    } else if (count > keep) {
      const keys = await tx.store.index('byRunCreated').getAllKeys(runRange(runId), count - keep);
      await Promise.all(keys.map((key) => tx.store.delete(key)));
      removed = keys.length;
    }
    await tx.done;
    return removed;
  }
  async pruneOldestCheckpoints(fraction: number): Promise<number> {
    const tx = this.db.transaction('checkpoints', 'readwrite');
    const count = await tx.store.count();
    const n = count === 0 ? 0 : Math.max(1, Math.ceil(count * fraction));
    const keys = n === 0 ? [] : await tx.store.index('byCreated').getAllKeys(null, n);
    await committed(
      tx,
      keys.map((key) => tx.store.delete(key)),
    );
    return keys.length;
  }

  async putProgress(progress: ProgressRecord): Promise<void> {
    const tx = this.db.transaction('progress', 'readwrite');
    await committed(tx, [tx.store.put(progress)]);
  }
  getProgress(lessonId: string): Promise<unknown> {
    return this.db.get('progress', lessonId);
  }
  async getAllProgress(): Promise<Entry<string>[]> {
    const tx = this.db.transaction('progress');
    const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
    return zip(keys, values);
  }
  async putPreferences(preferences: Preferences): Promise<void> {
    const tx = this.db.transaction('preferences', 'readwrite');
    await committed(tx, [tx.store.put(preferences, PREFERENCES_KEY)]);
  }
  getPreferences(): Promise<unknown> {
    return this.db.get('preferences', PREFERENCES_KEY);
  }

  exportSmallStores(): Promise<Seed> {
    try {
      // Created before any await, so a close() right after still lets these reads finish.
      const tx = this.db.transaction(['runs', 'progress', 'preferences']);
      const runs = tx.objectStore('runs');
      const progress = tx.objectStore('progress');
      return Promise.all([
        runs.getAllKeys(),
        runs.getAll(),
        progress.getAllKeys(),
        progress.getAll(),
        tx.objectStore('preferences').get(PREFERENCES_KEY),
      ]).then(([runKeys, runValues, progressKeys, progressValues, preferences]) => ({
        runs: zip(runKeys, runValues),
        progress: zip(progressKeys, progressValues),
        preferences,
      }));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  close(): void {
    this.closed = true;
    this.db.close();
  }
}
