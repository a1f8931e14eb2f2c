// Lesson progress for the worker: the step each lesson is on and the answers given, kept in
// storage; the lesson the learner was in last, so the page can offer "Continue lesson N".
import type { Answer, ProgressRecord, Storage } from '../storage';

/** What the page sends: the record without its time stamp (the worker's clock sets it). */
export interface ProgressUpdate {
  readonly lessonId: string;
  readonly step: number;
  readonly answers: Readonly<Record<string, Answer>>;
  readonly completed: boolean;
}

export class LessonProgress {
  constructor(
    private readonly storage: Storage,
    private readonly now: () => number = () => Date.now(),
  ) {}

  load(lessonId: string): Promise<ProgressRecord | null> {
    return this.storage.loadProgress(lessonId);
  }

  /** Every lesson's progress, most recently saved first. */
  async list(): Promise<ProgressRecord[]> {
    const all = await this.storage.listProgress();
    return all.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /** Saves the progress and remembers the lesson as the learner's last. */
  async save(update: ProgressUpdate): Promise<ProgressRecord> {
    const record: ProgressRecord = { ...update, updatedAt: this.now() };
    await this.storage.saveProgress(record);
    const preferences = await this.storage.loadPreferences();
    if (preferences.lastLessonId !== update.lessonId)
      await this.storage.savePreferences({ ...preferences, lastLessonId: update.lessonId });
    return record;
  }

  /** The lesson the learner was in last, or null. */
  async last(): Promise<string | null> {
    return (await this.storage.loadPreferences()).lastLessonId;
  }
}
