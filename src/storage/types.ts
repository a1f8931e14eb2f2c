// What the app keeps between visits, as the rest of the app sees it: the records, the Storage
// interface both backends implement, and the notices that tell the learner when saving degrades.
import type { Event, Semantics } from '../engine';

/** A plain JSON object as it appears in a scenario file or a settings form. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** Where a run's events come from. Inputs are stored, never outputs: the engine replays. */
export type RunInput =
  /** A scenario file's JSON as loaded (its `batches` or `stream` are the input). */
  | { readonly kind: 'scenario'; readonly scenario: JsonObject }
  /** The seeded generator: the same seed and settings give the same events. */
  | { readonly kind: 'generated'; readonly seed: number; readonly settings: JsonObject }
  /** Events from a JSON Lines file, already parsed. */
  | { readonly kind: 'imported'; readonly events: readonly Event[] };

export interface RunRecord {
  readonly id: string;
  readonly name: string;
  readonly semantics: Semantics;
  /** The query as written in a scenario file (raw JSON); the engine parses it. */
  readonly query: JsonObject;
  readonly input: RunInput;
  /** Where the learner is: batches run (spark) or records processed (flink), ≥ 0. */
  readonly position: number;
  /** Epoch ms of the last save. */
  readonly updatedAt: number;
}

/** What the caller hands to saveCheckpoint: the engine state after `position` batches/records. */
export interface CheckpointInput {
  readonly runId: string;
  readonly position: number;
  /** `engine.snapshot()`: plain JSON. Only valid for the query and input that produced it. */
  readonly snapshot: JsonObject;
}

export interface CheckpointRecord extends CheckpointInput {
  /** Size estimate: the length of the snapshot's JSON text (≈ bytes for ASCII). */
  readonly bytes: number;
  /** Epoch ms when it was written; the oldest are pruned first. */
  readonly createdAt: number;
}

/** A lesson answer: a choice id, a predicted number, a yes/no. */
export type Answer = string | number | boolean;

export interface ProgressRecord {
  readonly lessonId: string;
  /** The step the learner is on, ≥ 0. */
  readonly step: number;
  /** Answers by question (step) id. */
  readonly answers: Readonly<Record<string, Answer>>;
  readonly completed: boolean;
  readonly updatedAt: number;
}

export type Theme = 'system' | 'light' | 'dark';
export type MotionPreference = 'system' | 'reduce' | 'no-preference';

/** Custom state code typed in the editor and not run yet, with the run's code it was edited from. */
export interface CodeDraft {
  readonly base: string;
  readonly code: string;
}

export interface Preferences {
  readonly theme: Theme;
  readonly reducedMotion: MotionPreference;
  /** Live-mode speed factor: event-time ms per wall-clock ms, > 0. */
  readonly speed: number;
  readonly lastRunId: string | null;
  readonly lastLessonId: string | null;
  /** The state code editor's unrun edits, so a reload loses nothing typed; null: none. */
  readonly codeDraft: CodeDraft | null;
}

export type NoticeKind =
  /** IndexedDB is missing or refused to open: everything is kept in memory. */
  | 'unavailable'
  /** Another tab holds an older version of the database open. */
  | 'blocked'
  /** The database is newer than this page: a newer Windowscope runs in another tab. */
  | 'outdated'
  /** Opening took longer than the timeout. */
  | 'timeout'
  /** Another tab upgraded or deleted the database: this tab let go and works in memory. */
  | 'version-change'
  /** The browser closed the database (storage cleared, disk error). */
  | 'closed'
  /** The quota was exceeded and older checkpoints were removed to free space. */
  | 'pruned'
  /** The quota was exceeded even after pruning. */
  | 'full'
  /** Saved records were damaged: repaired with defaults or skipped. */
  | 'repaired';

export interface StorageNotice {
  readonly kind: NoticeKind;
  /** One or two sentences for the learner. */
  readonly message: string;
}

export type NoticeListener = (notice: StorageNotice) => void;

/**
 * Everything the worker saves and loads. Every record read back has passed through a restore*()
 * function: damaged fields are repaired with defaults, unusable records are skipped and reported
 * through onNotice. Writes never fail because the disk is full: older checkpoints are pruned
 * and the write retried; past that, the storage keeps working in memory and says so.
 */
export interface Storage {
  /** Where data goes now; 'memory' means it is lost when the page closes. */
  readonly kind: 'indexeddb' | 'memory';
  saveRun(run: RunRecord): Promise<void>;
  loadRun(id: string): Promise<RunRecord | null>;
  /** Every readable run, most recently saved first. */
  listRuns(): Promise<RunRecord[]>;
  /** Deletes the run and all its checkpoints. */
  deleteRun(id: string): Promise<void>;
  /**
   * Saves the engine state after `position`; one per (run, position), a newer one replaces it.
   * Keeps at most maxCheckpointsPerRun per run, pruning the oldest written. Resolves false when
   * the disk is full even after pruning (the checkpoint is skipped: replay still works).
   */
  saveCheckpoint(checkpoint: CheckpointInput): Promise<boolean>;
  /** The checkpoint with the greatest position ≤ `position`, or null: replay from the start. */
  nearestCheckpoint(runId: string, position: number): Promise<CheckpointRecord | null>;
  /**
   * Keeps the `keep` most recently written checkpoints of a run (default: the per-run maximum)
   * and returns how many were removed. `keep = 0` removes all: do that when the run's query,
   * semantics or input change, because a snapshot only fits the query that made it.
   */
  pruneCheckpoints(runId: string, keep?: number): Promise<number>;
  saveProgress(progress: ProgressRecord): Promise<void>;
  loadProgress(lessonId: string): Promise<ProgressRecord | null>;
  listProgress(): Promise<ProgressRecord[]>;
  savePreferences(preferences: Preferences): Promise<void>;
  /** The saved preferences with defaults for anything missing or damaged. */
  loadPreferences(): Promise<Preferences>;
  /** Calls `listener` for each later notice; returns a function that unsubscribes. */
  onNotice(listener: NoticeListener): () => void;
  /** Lets go of the database (tests, page unload). */
  close(): void;
}
