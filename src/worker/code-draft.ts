// The state code editor's draft for the worker: code typed and not run yet, kept in the
// preferences (restored through restorePreferences) so a reload gives it back to the editor.
import type { CodeDraft, Storage } from '../storage';

export class CodeDrafts {
  constructor(private readonly storage: Storage) {}

  async load(): Promise<CodeDraft | null> {
    return (await this.storage.loadPreferences()).codeDraft;
  }

  /** Keeps `draft`, or forgets the draft (null: the code was run or put back). */
  async save(draft: CodeDraft | null): Promise<void> {
    const preferences = await this.storage.loadPreferences();
    if (JSON.stringify(preferences.codeDraft) === JSON.stringify(draft)) return;
    await this.storage.savePreferences({ ...preferences, codeDraft: draft });
  }
}
