// Storage in IndexedDB. When another tab upgrades or deletes the database, or the browser closes
// it, this tab lets go at once and carries on in memory, telling the learner.
import { BackedStorage, type StorageOptions } from './backed-storage';
import { IdbBackend } from './idb-backend';
import { notice } from './notices';
import type { Database } from './schema';

export class IdbStorage extends BackedStorage {
  /** Takes an open database (see openStorage, which opens it without hanging). */
  constructor(db: Database, options: StorageOptions = {}) {
    const backend = new IdbBackend(db);
    super(backend, options);
    backend.onLost = (reason) => {
      void this.switchToMemory(notice(reason));
    };
  }
}
