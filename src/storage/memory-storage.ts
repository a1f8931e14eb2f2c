// Storage in memory, for as long as the page lives: what openStorage falls back to when
// IndexedDB is missing or refuses to open. It behaves as IdbStorage does, checks included.
import { BackedStorage, type StorageOptions } from './backed-storage';
import type { Seed } from './backend';
import { MemoryBackend } from './memory-backend';

export interface MemoryStorageOptions extends StorageOptions {
  /** Records to start with, unchecked (they are restored on load like any stored record). */
  readonly seed?: Seed;
  /** Fail writes past this many bytes with QuotaExceededError, as a full disk does (tests). */
  readonly quotaBytes?: number;
}

export class MemoryStorage extends BackedStorage {
  constructor(options: MemoryStorageOptions = {}) {
    super(new MemoryBackend(options), options);
  }
}
