// Choosing where to keep data: IndexedDB when it opens, memory (with a notice saying why)
// when it is missing, refuses, is blocked by another tab or does not answer in time.
import { type StorageOptions } from './backed-storage';
import { openDatabase } from './idb-open';
import { IdbStorage } from './idb-storage';
import { MemoryStorage } from './memory-storage';
import { notice } from './notices';
import { DB_NAME, DB_VERSION } from './schema';
import type { Storage, StorageNotice } from './types';

export interface OpenStorageOptions extends StorageOptions {
  /** The IndexedDB to use; default the global one. null: behave as if there were none. */
  readonly indexedDB?: IDBFactory | null;
  /** Database name; default "windowscope". */
  readonly name?: string;
  /** Give up opening after this long and work in memory; default 5000 ms. */
  readonly timeoutMs?: number;
}

export interface OpenedStorage {
  readonly storage: Storage;
  /** Why data is kept in memory only, for the learner; null when IndexedDB opened. */
  readonly notice: string | null;
}

export const DEFAULT_OPEN_TIMEOUT_MS = 5_000;

/** The page's IndexedDB, or null; merely reading it throws SecurityError in some sandboxes. */
function globalIndexedDB(): IDBFactory | null {
  try {
    return (globalThis as { indexedDB?: IDBFactory }).indexedDB ?? null;
  } catch {
    return null;
  }
}

function errorName(error: unknown): string | undefined {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : undefined;
}

/** Opens the storage; never rejects and never waits past the timeout. */
export async function openStorage(options: OpenStorageOptions = {}): Promise<OpenedStorage> {
  const inMemory = (n: StorageNotice): OpenedStorage => ({
    storage: new MemoryStorage(options),
    notice: n.message,
  });
  const factory = options.indexedDB === undefined ? globalIndexedDB() : options.indexedDB;
  if (factory === null) return inMemory(notice('unavailable'));
  const timeoutMs = options.timeoutMs ?? DEFAULT_OPEN_TIMEOUT_MS;
  const opened = await openDatabase(factory, options.name ?? DB_NAME, DB_VERSION, timeoutMs);
  if (opened.ok) return { storage: new IdbStorage(opened.db, options), notice: null };
  if (opened.reason === 'error') {
    const name = errorName(opened.error);
    // VersionError: the stored database has a higher version than this (cached, older) page.
    return inMemory(name === 'VersionError' ? notice('outdated') : notice('unavailable', name));
  }
  return inMemory(notice(opened.reason));
}
