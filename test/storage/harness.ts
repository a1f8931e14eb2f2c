// Shared by the storage tests: both implementations behind one interface (so one suite runs on
// each), sample records, raw damaged records written past the checks, and a quota to exhaust.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { vi } from 'vitest';
import scenario from '../scenarios/spark-update-no-watermark-tumbling.json';
import { MemoryBackend } from '../../src/storage/memory-backend';
import {
  DB_NAME,
  DB_VERSION,
  MemoryStorage,
  openDatabase,
  openStorage,
  type CheckpointKey,
  type Entry,
  type Preferences,
  type ProgressRecord,
  type RunRecord,
  type Seed,
  type Storage,
  type StorageNotice,
} from '../../src/storage';

export { scenario };

/** Raw records to put in the stores as they are, unchecked. */
export interface RawRecords {
  readonly runs?: readonly unknown[];
  readonly checkpoints?: readonly unknown[];
  readonly progress?: readonly unknown[];
  readonly preferences?: unknown;
}

export interface Harness {
  readonly name: 'IdbStorage' | 'MemoryStorage';
  /** A fresh, empty storage (its own IDBFactory) on a clock that ticks 1 ms per call. */
  open(options?: { maxCheckpointsPerRun?: number }): Promise<Storage>;
  /** A fresh storage holding `raw`, written past every check. */
  openWithRaw(raw: RawRecords): Promise<Storage>;
  /** The next `n` writes to any store throw `error()` (default QuotaExceededError). */
  failWrites(n: number, error?: () => Error): void;
}

export function tickingClock(start = 1_000): () => number {
  let t = start;
  return () => t++;
}

export const quotaError = (): DOMException =>
  new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/** A plain IndexedDB connection, as another tab (or old code) would hold it. */
export function rawOpen(
  factory: IDBFactory,
  version?: number,
  name = DB_NAME,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, version);
    request.onsuccess = () => {
      resolve(request.result);
    };
    request.onerror = () => {
      reject(request.error ?? new Error('open failed'));
    };
  });
}

export function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => {
      resolve();
    };
    tx.onabort = () => {
      reject(tx.error ?? new Error('aborted'));
    };
  });
}

/** Creates the current schema in `factory`, then puts `raw` in it past every check. */
export async function writeRaw(factory: IDBFactory, raw: RawRecords): Promise<void> {
  const opened = await openDatabase(factory, DB_NAME, DB_VERSION, 1_000);
  if (!opened.ok) throw new Error(`could not open: ${opened.reason}`);
  opened.db.close();
  const db = await rawOpen(factory);
  const tx = db.transaction(['runs', 'checkpoints', 'progress', 'preferences'], 'readwrite');
  for (const v of raw.runs ?? []) tx.objectStore('runs').put(v);
  for (const v of raw.checkpoints ?? []) tx.objectStore('checkpoints').put(v);
  for (const v of raw.progress ?? []) tx.objectStore('progress').put(v);
  if (raw.preferences !== undefined) tx.objectStore('preferences').put(raw.preferences, 'app');
  await done(tx);
  db.close();
}

function keyed<K>(values: readonly unknown[] | undefined, key: (v: never) => K): Entry<K>[] {
  return (values ?? []).map((value) => ({ key: key(value as never), value }));
}

function seedOf(raw: RawRecords): Seed {
  return {
    runs: keyed(raw.runs, (v: { id: string }) => v.id),
    checkpoints: keyed(raw.checkpoints, (v: { runId: string; position: number }): CheckpointKey => [
      v.runId,
      v.position,
    ]),
    progress: keyed(raw.progress, (v: { lessonId: string }) => v.lessonId),
    preferences: raw.preferences,
  };
}

const idb: Harness = {
  name: 'IdbStorage',
  async open(options = {}) {
    const opened = await openStorage({
      indexedDB: new IDBFactory(),
      now: tickingClock(),
      ...options,
    });
    if (opened.storage.kind !== 'indexeddb') throw new Error(`fell back: ${String(opened.notice)}`);
    return opened.storage;
  },
  async openWithRaw(raw) {
    const factory = new IDBFactory();
    await writeRaw(factory, raw);
    return (await openStorage({ indexedDB: factory, now: tickingClock() })).storage;
  },
  failWrites(n, error = quotaError) {
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put');
    for (let i = 0; i < n; i++)
      spy.mockImplementationOnce(() => {
        throw error();
      });
  },
};

const memory: Harness = {
  name: 'MemoryStorage',
  open(options = {}) {
    return Promise.resolve(new MemoryStorage({ now: tickingClock(), ...options }));
  },
  openWithRaw(raw) {
    return Promise.resolve(new MemoryStorage({ seed: seedOf(raw), now: tickingClock() }));
  },
  failWrites(n, error = quotaError) {
    // MemoryStorage's own quota is tested apart; here its puts fail as IndexedDB's do above.
    let left = n;
    for (const method of ['putRun', 'putCheckpoint', 'putProgress', 'putPreferences'] as const) {
      // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its `this` below
      const real = MemoryBackend.prototype[method] as (...args: unknown[]) => Promise<void>;
      vi.spyOn(MemoryBackend.prototype, method).mockImplementation(function (
        this: MemoryBackend,
        ...args: unknown[]
      ) {
        if (left-- > 0) throw error();
        return real.apply(this, args);
      });
    }
  },
};

export const HARNESSES: readonly Harness[] = [idb, memory];

/** Notices as they arrive. */
export function collect(storage: Storage): StorageNotice[] {
  const seen: StorageNotice[] = [];
  storage.onNotice((n) => seen.push(n));
  return seen;
}

export function scenarioRun(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id: 'run-1',
    name: 'Tumbling without a watermark',
    semantics: 'spark',
    query: scenario.query,
    input: { kind: 'scenario', scenario },
    position: 2,
    updatedAt: 5_000,
    ...overrides,
  };
}

export function generatedRun(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id: 'run-2',
    name: 'Generated clickstream',
    semantics: 'flink',
    query: { time: 'event_timestamp', window: { type: 'tumbling', size: '1 minute' } },
    input: { kind: 'generated', seed: 42, settings: { users: 100, ctr: 0.05 } },
    position: 1_000,
    updatedAt: 6_000,
    ...overrides,
  };
}

export function importedRun(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id: 'run-3',
    name: 'clicks.jsonl',
    semantics: 'spark',
    query: scenario.query,
    input: {
      kind: 'imported',
      events: [
        { ts: 1_000, user: 'a' },
        { ts: 2_000, user: 'b' },
      ],
    },
    position: 0,
    updatedAt: 4_000,
    ...overrides,
  };
}

export const progress: ProgressRecord = {
  lessonId: '01-tumbling',
  step: 3,
  answers: { 'step-2': 'b', 'step-3': 4, 'step-4': true },
  completed: false,
  updatedAt: 7_000,
};

export const preferences: Preferences = {
  theme: 'dark',
  reducedMotion: 'reduce',
  speed: 10,
  lastRunId: 'run-1',
  lastLessonId: '01-tumbling',
  codeDraft: { base: 'return 1;', code: 'return 2;' },
};

/** A small engine-snapshot-shaped object, different for each position. */
export function snapshot(position: number): Readonly<Record<string, unknown>> {
  return {
    version: 1,
    semantics: 'spark',
    batchId: position,
    serial: position,
    watermark: null,
    state: [],
  };
}
