// Where the state code editor keeps what the learner typed and has not run: in the preferences,
// through the worker, saved a moment after the typing pauses and given back after a reload.
import type { CodeDraft } from '../../storage';
import type { SimulationClient } from '../simulation-client.svelte';

export interface DraftStore {
  load(): Promise<CodeDraft | null>;
  /** Keeps the draft (null: forget it); a burst of calls saves only the last. */
  save(draft: CodeDraft | null): void;
}

/** The draft a reload should show over the run's `applied` code, or null for the run's own. */
export function draftFor(draft: CodeDraft | null, applied: string | null): string | null {
  return draft !== null && applied !== null && draft.base === applied && draft.code !== applied
    ? draft.code
    : null;
}

/** A draft store through the worker's preferences; saves wait `delayMs` for the typing to pause. */
export function workerDrafts(client: SimulationClient, delayMs = 250): DraftStore {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    async load() {
      try {
        const reply = await client.api().loadCodeDraft();
        return reply.ok ? reply.value : null;
      } catch {
        return null; // No worker (a test's stand-in): nothing was kept.
      }
    },
    save(draft) {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        void client.api().saveCodeDraft(draft);
      }, delayMs);
    },
  };
}
