// Choosing and keeping a place to save: IndexedDB when it opens, memory (with the reason) when it
// is missing, refuses, is blocked by another tab, hangs, is taken over by another tab's upgrade or
// fills up for good. None of these may hang the page or lose the session's work.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DB_NAME, DB_VERSION, openDatabase, openStorage, type Storage } from '../../src/storage';
import {
  collect,
  generatedRun,
  preferences,
  progress,
  quotaError,
  rawOpen,
  scenarioRun,
  snapshot,
} from './harness';

/** Connections a test opened as "another tab": closed after it, so nothing stays blocked. */
const others: IDBDatabase[] = [];
const storages: Storage[] = [];

async function open(factory: IDBFactory, timeoutMs = 2_000) {
  const opened = await openStorage({ indexedDB: factory, timeoutMs });
  storages.push(opened.storage);
  return opened;
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  for (const db of others.splice(0)) db.close();
  for (const s of storages.splice(0)) s.close();
});

/** Resolves with how long `promise` took, or rejects if it took longer than `ms`. */
async function within<T>(ms: number, promise: Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`still pending after ${String(ms)} ms`));
    }, ms);
  });
  try {
    const value = await Promise.race([promise, late]);
    return { value, ms: performance.now() - start };
  } finally {
    clearTimeout(timer);
  }
}

describe('opening', () => {
  it('opens IndexedDB, and what was saved is there after a reopen ("reload")', async () => {
    const factory = new IDBFactory();
    const first = await open(factory);
    expect(first).toMatchObject({ notice: null, storage: { kind: 'indexeddb' } });
    await first.storage.saveRun(scenarioRun());
    await first.storage.saveCheckpoint({ runId: 'run-1', position: 2, snapshot: snapshot(2) });
    await first.storage.saveProgress(progress);
    await first.storage.savePreferences(preferences);
    first.storage.close();

    const { storage } = await open(factory);
    expect(await storage.loadRun('run-1')).toEqual(scenarioRun());
    expect((await storage.nearestCheckpoint('run-1', 2))?.snapshot).toEqual(snapshot(2));
    expect(await storage.loadProgress(progress.lessonId)).toEqual(progress);
    expect(await storage.loadPreferences()).toEqual(preferences);
  });

  it('uses the global indexedDB when none is given', async () => {
    vi.stubGlobal('indexedDB', new IDBFactory());
    const opened = await openStorage();
    storages.push(opened.storage);
    expect(opened.storage.kind).toBe('indexeddb');
  });

  it('works in memory, saying so, when there is no indexedDB global', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const { storage, notice } = await openStorage();
    expect(storage.kind).toBe('memory');
    expect(notice).toMatch(/private window.*kept in this tab only/);
    await storage.saveRun(scenarioRun());
    expect(await storage.loadRun('run-1')).toEqual(scenarioRun());
  });

  it('works in memory when told there is no IndexedDB (indexedDB: null)', async () => {
    const { storage, notice } = await openStorage({ indexedDB: null });
    expect(storage.kind).toBe('memory');
    expect(notice).toContain('not letting the page save data');
  });

  it('works in memory when open() throws (SecurityError in a sandbox)', async () => {
    const factory = {
      open() {
        throw new DOMException('access denied', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const { storage, notice } = await openStorage({ indexedDB: factory });
    expect(storage.kind).toBe('memory');
    expect(notice).toContain('SecurityError');
  });

  it('works in memory when the open request fails (Firefox private mode)', async () => {
    const factory = new IDBFactory();
    vi.spyOn(factory, 'open').mockImplementation(() => {
      const request = new EventTarget() as IDBOpenDBRequest & { error: DOMException };
      request.error = new DOMException('A mutation operation was attempted', 'InvalidStateError');
      setTimeout(() => request.dispatchEvent(new Event('error')), 0);
      return request;
    });
    const { storage, notice } = await openStorage({ indexedDB: factory });
    expect(storage.kind).toBe('memory');
    expect(notice).toContain('InvalidStateError');
  });

  it('works in memory, asking for a reload, when a newer version made the database', async () => {
    const factory = new IDBFactory();
    (await rawOpen(factory, DB_VERSION + 1)).close();
    const { storage, notice } = await open(factory);
    expect(storage.kind).toBe('memory');
    expect(notice).toContain('A newer version of Windowscope saved data in another tab. Reload');
  });

  it('gives up after the timeout when open never answers', async () => {
    const factory = { open: () => new EventTarget() } as unknown as IDBFactory;
    const { value, ms } = await within(1_000, openStorage({ indexedDB: factory, timeoutMs: 50 }));
    expect(value.storage.kind).toBe('memory');
    expect(value.notice).toContain('did not open in time');
    expect(ms).toBeGreaterThanOrEqual(45);
  });
});

describe('another tab', () => {
  it('holding an old version open: falls back at once with "close other tabs", never hangs', async () => {
    const factory = new IDBFactory();
    // Old code in another tab: it made version 1, and it never closes on versionchange.
    const v1 = await openDatabase(factory, DB_NAME, 1, 1_000);
    if (v1.ok) v1.db.close();
    const old = await rawOpen(factory, 1);
    others.push(old);
    const { value } = await within(1_500, open(factory, 1_000));
    expect(value.storage.kind).toBe('memory');
    expect(value.notice).toContain('open in another tab with an older version');
    expect(value.notice).toContain('Close the other tabs');
    // The notice tells the blocked path from the timeout one ("did not open in time").
    expect(value.notice).not.toContain('did not open in time');
    await value.storage.saveRun(scenarioRun());
    expect(await value.storage.loadRun('run-1')).toEqual(scenarioRun());

    // When the old tab finally closes, our late open upgrades, then lets go at once.
    old.close();
    others.length = 0;
    const after = await within(1_000, rawOpen(factory));
    expect(after.value.version).toBe(DB_VERSION);
    expect([...after.value.objectStoreNames].sort()).toEqual([
      'checkpoints',
      'preferences',
      'progress',
      'runs',
    ]);
    after.value.close();
    const again = await open(factory);
    expect(again.storage.kind).toBe('indexeddb');
  });

  it('closing a moment after the blocked event: waits for it and uses IndexedDB', async () => {
    const factory = new IDBFactory();
    const v1 = await openDatabase(factory, DB_NAME, 1, 1_000);
    if (v1.ok) v1.db.close();
    const old = await rawOpen(factory, 1);
    others.push(old);
    old.onversionchange = () => {
      setTimeout(() => {
        old.close();
      }, 20);
    };
    const { value } = await within(1_000, open(factory));
    expect(value).toMatchObject({ notice: null, storage: { kind: 'indexeddb' } });
  });

  it('upgrading the database: this tab closes its connection and carries on in memory', async () => {
    const factory = new IDBFactory();
    const { storage } = await open(factory);
    const notices = collect(storage);
    await storage.saveRun(scenarioRun());
    await storage.saveProgress(progress);
    await storage.savePreferences(preferences);
    await storage.saveCheckpoint({ runId: 'run-1', position: 1, snapshot: snapshot(1) });

    // The newer tab opens version DB_VERSION + 1: not blocked, because we let go.
    const newer = await within(1_000, rawOpen(factory, DB_VERSION + 1));
    others.push(newer.value);
    expect(newer.value.version).toBe(DB_VERSION + 1);

    // A call made during the hand-over still lands.
    await storage.saveRun(generatedRun());
    expect(storage.kind).toBe('memory');
    expect(notices.map((n) => n.kind)).toEqual(['version-change']);
    expect(notices[0]?.message).toContain('updated in another tab');
    // The session's runs, progress and preferences came along; checkpoints are replayed instead.
    expect((await storage.listRuns()).map((r) => r.id)).toEqual(['run-2', 'run-1']);
    expect(await storage.loadProgress(progress.lessonId)).toEqual(progress);
    expect(await storage.loadPreferences()).toEqual(preferences);
    expect(await storage.nearestCheckpoint('run-1', 1)).toBeNull();
    // Written in memory only: the database did not get run-2.
    const tx = newer.value.transaction('runs');
    const keys = await new Promise((resolve) => {
      const r = tx.objectStore('runs').getAllKeys();
      r.onsuccess = () => {
        resolve(r.result);
      };
    });
    expect(keys).toEqual(['run-1']);
  });

  it('deleting the database: this tab lets go too', async () => {
    const factory = new IDBFactory();
    const { storage } = await open(factory);
    const notices = collect(storage);
    await storage.saveRun(scenarioRun());
    await within(
      1_000,
      new Promise<void>((resolve, reject) => {
        const request = factory.deleteDatabase(DB_NAME);
        request.onsuccess = () => {
          resolve();
        };
        request.onerror = () => {
          reject(request.error ?? new Error('delete failed'));
        };
      }),
    );
    expect(await storage.loadRun('run-1')).toEqual(scenarioRun());
    expect(storage.kind).toBe('memory');
    expect(notices.map((n) => n.kind)).toEqual(['version-change']);
  });
});

describe('a full disk, as IndexedDB reports it', () => {
  it('sees QuotaExceededError when the transaction aborts at commit (pending requests get AbortError)', async () => {
    const { storage } = await open(new IDBFactory());
    const notices = collect(storage);
    for (const position of [1, 2])
      await storage.saveCheckpoint({ runId: 'run-1', position, snapshot: snapshot(position) });
    // eslint-disable-next-line @typescript-eslint/unbound-method -- applied to its store below
    const realPut = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementationOnce(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      const request = realPut.apply(this, args);
      // What a browser does when the write does not fit: abort the whole transaction.
      (this.transaction as unknown as { _abort(name: string): void })._abort('QuotaExceededError');
      return request;
    });
    expect(
      await storage.saveCheckpoint({ runId: 'run-1', position: 3, snapshot: snapshot(3) }),
    ).toBe(true);
    expect(notices.map((n) => n.kind)).toEqual(['pruned']);
    expect(await storage.nearestCheckpoint('run-1', 1)).toBeNull();
    expect((await storage.nearestCheckpoint('run-1', 3))?.position).toBe(3);
  });

  it('moves to memory when a run cannot be saved even after pruning, keeping the session', async () => {
    const factory = new IDBFactory();
    const { storage } = await open(factory);
    const notices = collect(storage);
    await storage.saveRun(scenarioRun());
    await storage.saveCheckpoint({ runId: 'run-1', position: 1, snapshot: snapshot(1) });
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    put.mockImplementationOnce(() => {
      throw quotaError();
    });
    put.mockImplementationOnce(() => {
      throw quotaError();
    });
    await storage.saveRun(generatedRun());
    expect(storage.kind).toBe('memory');
    expect(notices.map((n) => n.kind)).toEqual(['pruned', 'full']);
    expect(notices[1]?.message).toContain('kept in this tab only');
    expect((await storage.listRuns()).map((r) => r.id)).toEqual(['run-2', 'run-1']);
  });
});
