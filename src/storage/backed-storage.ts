// The Storage behaviour, written once over a Backend (IndexedDB or memory): records are checked
// on the way in and restored on the way out, a full disk prunes old checkpoints and retries, and
// a lost database hands over to memory without dropping a call.
import type { Backend, CheckpointKey, StoredCheckpoint } from './backend';
import { MemoryBackend } from './memory-backend';
import { notice, Notices } from './notices';
import { restoreRun } from './restore-run';
import { restoreCheckpoint, restorePreferences, restoreProgress } from './restore';
import { isNonEmptyString, isObject, isPosition, type Restored } from './restore-util';
import type {
  CheckpointInput,
  CheckpointRecord,
  NoticeListener,
  Preferences,
  ProgressRecord,
  RunRecord,
  Storage,
  StorageNotice,
} from './types';

export interface StorageOptions {
  /** Checkpoints kept per run; beyond it the oldest written are pruned. Default 50. */
  readonly maxCheckpointsPerRun?: number;
  /** The clock for checkpoints' createdAt (epoch ms). Default Date.now. */
  readonly now?: () => number;
}

export const DEFAULT_MAX_CHECKPOINTS_PER_RUN = 50;
/** When the quota is exceeded, this share of all checkpoints (the oldest written) goes. */
const QUOTA_PRUNE_FRACTION = 0.5;

export function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  // The second is older Firefox's name for the same thing.
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

/** Validates a record the app is about to save: a bad one is a bug in the caller, said loudly. */
function checked<T>(
  what: string,
  result: Restored<T> | { value: T; repairs: readonly string[] },
): T {
  if ('ok' in result && !result.ok) throw new TypeError(`cannot save ${what}: ${result.reason}`);
  const { value, repairs } = result as { value: T; repairs: readonly string[] };
  if (repairs.length > 0) throw new TypeError(`cannot save ${what}: ${repairs.join('; ')}`);
  return value;
}

export class BackedStorage implements Storage {
  private backend: Backend;
  /** Set while handing over to memory; calls made meanwhile wait for it. */
  private switching: Promise<void> | null = null;
  private readonly notices = new Notices();
  /** Damaged records already reported this session (each is reported once). */
  private readonly reported = new Set<string>();
  private readonly maxPerRun: number;
  private readonly now: () => number;

  constructor(backend: Backend, options: StorageOptions = {}) {
    this.backend = backend;
    this.maxPerRun = options.maxCheckpointsPerRun ?? DEFAULT_MAX_CHECKPOINTS_PER_RUN;
    if (!Number.isSafeInteger(this.maxPerRun) || this.maxPerRun < 1)
      throw new RangeError(
        `maxCheckpointsPerRun must be a whole number ≥ 1, got ${String(this.maxPerRun)}`,
      );
    this.now = options.now ?? Date.now;
  }

  get kind(): 'indexeddb' | 'memory' {
    return this.backend.kind;
  }

  onNotice(listener: NoticeListener): () => void {
    return this.notices.subscribe(listener);
  }

  protected emit(n: StorageNotice): void {
    this.notices.emit(n);
  }

  /**
   * Carries on in memory with a copy of the runs, progress and preferences. The database is
   * closed at once (another tab may be waiting for it); the copy's reads were started first.
   */
  protected switchToMemory(n: StorageNotice): Promise<void> {
    if (this.switching !== null) return this.switching;
    const old = this.backend;
    if (old.kind === 'memory') return Promise.resolve();
    const copy = old.closed ? Promise.resolve({}) : old.exportSmallStores().catch(() => ({}));
    old.close();
    this.switching = copy.then((seed) => {
      this.backend = new MemoryBackend({ seed });
      this.switching = null;
      this.emit(n);
    });
    return this.switching;
  }

  /** Runs `op` on the current backend; if that one was closed under it, once more on the next. */
  private async use<T>(op: (backend: Backend) => Promise<T>): Promise<T> {
    if (this.switching !== null) await this.switching;
    const backend = this.backend;
    try {
      return await op(backend);
    } catch (error) {
      if (!backend.closed) throw error;
      if (this.switching !== null) await this.switching;
      if (this.backend === backend) throw error;
      return op(this.backend);
    }
  }

  /**
   * A write that survives a full disk: on QuotaExceededError the oldest checkpoints go and the
   * write is tried once more. A checkpoint that still does not fit is skipped (false); any other
   * record moves the whole storage to memory, so the learner's work is not lost this session.
   */
  private async write(
    op: (backend: Backend) => Promise<void>,
    isCheckpoint: boolean,
  ): Promise<boolean> {
    try {
      await this.use(op);
      return true;
    } catch (error) {
      if (!isQuotaError(error)) throw error;
    }
    const removed = await this.use((b) => b.pruneOldestCheckpoints(QUOTA_PRUNE_FRACTION));
    if (removed > 0) this.emit(notice('pruned', `${String(removed)} removed`));
    try {
      await this.use(op);
      return true;
    } catch (error) {
      if (!isQuotaError(error)) throw error;
    }
    if (isCheckpoint) {
      this.emit(
        notice('full', 'this checkpoint was not saved, so going back replays from an earlier one'),
      );
      return false;
    }
    if (this.kind === 'memory') throw new DOMException('storage is full', 'QuotaExceededError');
    await this.switchToMemory(notice('full'));
    await this.use(op);
    return true;
  }

  /** Reports damaged records (once each) in one notice; returns the usable values. */
  private keep<T>(items: readonly { label: string; result: Restored<T> }[]): T[] {
    const problems: string[] = [];
    const values: T[] = [];
    for (const { label, result } of items) {
      if (result.ok) values.push(result.value);
      const text = result.ok
        ? result.repairs.length > 0 && `${label} was repaired (${result.repairs.join('; ')})`
        : `${label} could not be read and was skipped (${result.reason})`;
      if (text !== false && !this.reported.has(text)) {
        this.reported.add(text);
        problems.push(text);
      }
    }
    if (problems.length > 0) this.emit(notice('repaired', problems.join('; ')));
    return values;
  }

  private keepOne<T>(
    label: string,
    raw: unknown,
    restore: (raw: unknown) => Restored<T>,
  ): T | null {
    return raw === undefined ? null : (this.keep([{ label, result: restore(raw) }])[0] ?? null);
  }

  async saveRun(run: RunRecord): Promise<void> {
    const value = checked(`run ${JSON.stringify(run.id)}`, restoreRun(run));
    await this.write((b) => b.putRun(value), false);
  }

  async loadRun(id: string): Promise<RunRecord | null> {
    const raw = await this.use((b) => b.getRun(id));
    return this.keepOne(`run ${JSON.stringify(id)}`, raw, restoreRun);
  }

  async listRuns(): Promise<RunRecord[]> {
    const entries = await this.use((b) => b.getRuns());
    const runs = this.keep(
      entries.map((e) => ({ label: `run ${JSON.stringify(e.key)}`, result: restoreRun(e.value) })),
    );
    return runs.sort(
      (a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }

  async deleteRun(id: string): Promise<void> {
    await this.use((b) => b.deleteRun(id));
  }

  async saveCheckpoint(checkpoint: CheckpointInput): Promise<boolean> {
    const { runId, position, snapshot } = checkpoint;
    if (!isNonEmptyString(runId)) throw new TypeError('cannot save a checkpoint without a runId');
    if (!isPosition(position))
      throw new TypeError(
        `cannot save a checkpoint at position ${String(position)}: it must be a whole number ≥ 0`,
      );
    if (!isObject(snapshot))
      throw new TypeError('cannot save a checkpoint: the snapshot must be an object');
    const json = JSON.stringify(snapshot);
    const stored: StoredCheckpoint = {
      runId,
      position,
      json,
      bytes: json.length,
      createdAt: this.now(),
    };
    return this.write((b) => b.putCheckpoint(stored, this.maxPerRun), true);
  }

  async nearestCheckpoint(runId: string, position: number): Promise<CheckpointRecord | null> {
    let upTo = position;
    for (;;) {
      const at = upTo;
      if (!(at >= 0)) return null;
      const entry = await this.use((b) => b.nearestCheckpoint(runId, at));
      if (entry === null) return null;
      const key: CheckpointKey = entry.key;
      const result = restoreCheckpoint(entry.value);
      const fits = result.ok && result.value.runId === key[0] && result.value.position === key[1];
      const label = `the checkpoint of run ${JSON.stringify(runId)} at ${String(key[1])}`;
      if (fits) return this.keep([{ label, result }])[0] ?? null;
      // Unusable: remove it (a checkpoint is only a shortcut) and look further back.
      await this.use((b) => b.deleteCheckpoint(key));
      this.keep([
        { label, result: result.ok ? { ok: false, reason: 'its key does not match' } : result },
      ]);
      upTo = key[1] - 1;
    }
  }

  async pruneCheckpoints(runId: string, keep = this.maxPerRun): Promise<number> {
    if (!isPosition(keep))
      throw new RangeError(`keep must be a whole number ≥ 0, got ${String(keep)}`);
    return this.use((b) => b.pruneRunCheckpoints(runId, keep));
  }

  async saveProgress(progress: ProgressRecord): Promise<void> {
    const value = checked(
      `progress of ${JSON.stringify(progress.lessonId)}`,
      restoreProgress(progress),
    );
    await this.write((b) => b.putProgress(value), false);
  }

  async loadProgress(lessonId: string): Promise<ProgressRecord | null> {
    const raw = await this.use((b) => b.getProgress(lessonId));
    return this.keepOne(`progress of lesson ${JSON.stringify(lessonId)}`, raw, restoreProgress);
  }

  async listProgress(): Promise<ProgressRecord[]> {
    const entries = await this.use((b) => b.getAllProgress());
    return this.keep(
      entries.map((e) => ({
        label: `progress of lesson ${JSON.stringify(e.key)}`,
        result: restoreProgress(e.value),
      })),
    );
  }

  async savePreferences(preferences: Preferences): Promise<void> {
    const value = checked('preferences', restorePreferences(preferences));
    await this.write((b) => b.putPreferences(value), false);
  }

  async loadPreferences(): Promise<Preferences> {
    const { value, repairs } = restorePreferences(await this.use((b) => b.getPreferences()));
    this.keep([{ label: 'preferences', result: { ok: true, value, repairs } }]);
    return value;
  }

  close(): void {
    this.backend.close();
  }
}
