// The state code editor's draft in the preferences: kept, forgotten, beside the other preferences,
// and a damaged one dropped on the way back (restorePreferences).
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/storage';
import { CodeDrafts } from '../../src/worker/code-draft';

describe('CodeDrafts', () => {
  it('keeps a draft across loads, next to the other preferences, and forgets it', async () => {
    const storage = new MemoryStorage();
    const drafts = new CodeDrafts(storage);
    expect(await drafts.load()).toBeNull();
    await storage.savePreferences({ ...(await storage.loadPreferences()), theme: 'dark' });
    await drafts.save({ base: 'return 1;', code: 'return 2;' });
    expect(await drafts.load()).toEqual({ base: 'return 1;', code: 'return 2;' });
    expect((await storage.loadPreferences()).theme).toBe('dark');
    await drafts.save(null);
    expect(await drafts.load()).toBeNull();
  });

  it('drops a damaged draft rather than trusting it', async () => {
    const storage = new MemoryStorage({
      seed: { preferences: { theme: 'dark', codeDraft: { base: 3, code: 'return 1;' } } },
    });
    expect(await new CodeDrafts(storage).load()).toBeNull();
    expect((await storage.loadPreferences()).theme).toBe('dark');
  });
});
