// Records kept in Maps for as long as the page lives: the fallback when IndexedDB cannot be used.
// Values are cloned in and out, as IndexedDB does, and an optional byte quota makes the
// "disk full" path testable without a browser.
import {
  byCreated,
  type Backend,
  type CheckpointKey,
  type Entry,
  type Seed,
  type StoredCheckpoint,
} from './backend';
import type { Preferences, ProgressRecord, RunRecord } from './types';

export interface MemoryBackendOptions {
  readonly seed?: Seed;
  /** Writes that would take the total past this many bytes (JSON length) fail with QuotaExceededError. */
  readonly quotaBytes?: number;
}

/** Only checkpoints with a numeric createdAt are in IndexedDB's createdAt indexes; likewise here. */
function written(v: unknown): v is StoredCheckpoint {
  return typeof (v as Partial<StoredCheckpoint> | null)?.createdAt === 'number';
}

function sizeOf(value: unknown): number {
  if (written(value) && typeof value.json === 'string') return value.json.length;
  try {
    return JSON.stringify(value).length;
  } catch {
    return 0;
  }
}

export class MemoryBackend implements Backend {
  readonly kind = 'memory';
  readonly closed = false;
  private readonly runs = new Map<string, unknown>();
  private readonly checkpoints = new Map<string, Map<number, unknown>>();
  private readonly progress = new Map<string, unknown>();
  private preferences: unknown = undefined;
  private readonly quotaBytes: number;
  private usedBytes = 0;

  constructor(options: MemoryBackendOptions = {}) {
    this.quotaBytes = options.quotaBytes ?? Infinity;
    const seed = options.seed ?? {};
    for (const { key, value } of seed.runs ?? []) this.runs.set(key, structuredClone(value));
    for (const { key, value } of seed.progress ?? [])
      this.progress.set(key, structuredClone(value));
    for (const { key, value } of seed.checkpoints ?? [])
      this.runCheckpoints(key[0]).set(key[1], value);
    this.preferences = structuredClone(seed.preferences);
    this.usedBytes = this.total();
  }

  private total(): number {
    let n = sizeOf(this.preferences);
    for (const v of this.runs.values()) n += sizeOf(v);
    for (const v of this.progress.values()) n += sizeOf(v);
    for (const run of this.checkpoints.values()) for (const v of run.values()) n += sizeOf(v);
    return n;
  }

  /** Throws QuotaExceededError, changing nothing, when replacing `old` by `value` does not fit. */
  private reserve(old: unknown, value: unknown): void {
    const next = this.usedBytes - (old === undefined ? 0 : sizeOf(old)) + sizeOf(value);
    if (next > this.quotaBytes)
      throw new DOMException('memory quota exceeded', 'QuotaExceededError');
    this.usedBytes = next;
  }

  private put(map: Map<string, unknown>, key: string, value: unknown): void {
    this.reserve(map.get(key), value);
    map.set(key, structuredClone(value));
  }

  private runCheckpoints(runId: string): Map<number, unknown> {
    let run = this.checkpoints.get(runId);
    if (run === undefined) this.checkpoints.set(runId, (run = new Map<number, unknown>()));
    return run;
  }

  private removeCheckpoints(keys: readonly CheckpointKey[]): number {
    for (const [runId, position] of keys) {
      const run = this.checkpoints.get(runId);
      const old = run?.get(position);
      if (run === undefined || old === undefined) continue;
      this.usedBytes -= sizeOf(old);
      run.delete(position);
      if (run.size === 0) this.checkpoints.delete(runId);
    }
    return keys.length;
  }

  private oldestFirst(runs: Iterable<Map<number, unknown>>): CheckpointKey[] {
    const all: StoredCheckpoint[] = [];
    for (const run of runs) for (const v of run.values()) if (written(v)) all.push(v);
    return all.sort(byCreated).map((c) => [c.runId, c.position] as const);
  }

  putRun(run: RunRecord): Promise<void> {
    this.put(this.runs, run.id, run);
    return Promise.resolve();
  }
  getRun(id: string): Promise<unknown> {
    return Promise.resolve(structuredClone(this.runs.get(id)));
  }
  getRuns(): Promise<Entry<string>[]> {
    return Promise.resolve(entries(this.runs));
  }
  deleteRun(id: string): Promise<void> {
    this.usedBytes -= this.runs.has(id) ? sizeOf(this.runs.get(id)) : 0;
    this.runs.delete(id);
    const run = this.checkpoints.get(id);
    if (run !== undefined) this.removeCheckpoints([...run.keys()].map((p) => [id, p] as const));
    return Promise.resolve();
  }

  putCheckpoint(checkpoint: StoredCheckpoint, maxPerRun: number): Promise<void> {
    const run = this.runCheckpoints(checkpoint.runId);
    this.reserve(run.get(checkpoint.position), checkpoint);
    run.set(checkpoint.position, { ...checkpoint });
    const excess = run.size - maxPerRun;
    if (excess > 0) this.removeCheckpoints(this.oldestFirst([run]).slice(0, excess));
    return Promise.resolve();
  }
  nearestCheckpoint(runId: string, position: number): Promise<Entry<CheckpointKey> | null> {
    let best: number | null = null;
    for (const p of this.checkpoints.get(runId)?.keys() ?? [])
      if (p <= position && (best === null || p > best)) best = p;
    const value = best === null ? undefined : this.checkpoints.get(runId)?.get(best);
    return Promise.resolve(
      best === null ? null : { key: [runId, best], value: structuredClone(value) },
    );
  }
  deleteCheckpoint(key: CheckpointKey): Promise<void> {
    this.removeCheckpoints([key]);
    return Promise.resolve();
  }
  pruneRunCheckpoints(runId: string, keep: number): Promise<number> {
    const run = this.checkpoints.get(runId);
    if (run === undefined) return Promise.resolve(0);
    const keys =
      keep === 0 ? [...run.keys()].map((p) => [runId, p] as const) : this.oldestFirst([run]);
    return Promise.resolve(this.removeCheckpoints(keys.slice(0, Math.max(0, run.size - keep))));
  }
  pruneOldestCheckpoints(fraction: number): Promise<number> {
    const oldest = this.oldestFirst(this.checkpoints.values());
    const n = oldest.length === 0 ? 0 : Math.max(1, Math.ceil(oldest.length * fraction));
    return Promise.resolve(this.removeCheckpoints(oldest.slice(0, n)));
  }

  putProgress(progress: ProgressRecord): Promise<void> {
    this.put(this.progress, progress.lessonId, progress);
    return Promise.resolve();
  }
  getProgress(lessonId: string): Promise<unknown> {
    return Promise.resolve(structuredClone(this.progress.get(lessonId)));
  }
  getAllProgress(): Promise<Entry<string>[]> {
    return Promise.resolve(entries(this.progress));
  }
  putPreferences(preferences: Preferences): Promise<void> {
    this.reserve(this.preferences, preferences);
    this.preferences = structuredClone(preferences);
    return Promise.resolve();
  }
  getPreferences(): Promise<unknown> {
    return Promise.resolve(structuredClone(this.preferences));
  }

  exportSmallStores(): Promise<Seed> {
    return Promise.resolve({
      runs: entries(this.runs),
      progress: entries(this.progress),
      preferences: structuredClone(this.preferences),
    });
  }
  close(): void {
    // Nothing to let go of.
  }
}

function entries(map: ReadonlyMap<string, unknown>): Entry<string>[] {
  return [...map].map(([key, value]) => ({ key, value: structuredClone(value) }));
}
