// What the learner is told when saving degrades, and the tiny emitter that carries it to the app.
// No UI here: the app subscribes with storage.onNotice() and shows the message its own way.
import type { NoticeKind, NoticeListener, StorageNotice } from './types';

const IN_MEMORY = 'changes are kept in this tab only and are lost when it closes';

export function notice(kind: NoticeKind, detail?: string): StorageNotice {
  switch (kind) {
    case 'unavailable':
      return {
        kind,
        message: `This browser is not letting the page save data (a private window, or storage turned off${detail === undefined ? '' : `: ${detail}`}), so ${IN_MEMORY}.`,
      };
    case 'blocked':
      return {
        kind,
        message: `Windowscope is open in another tab with an older version. Close the other tabs and reload this one to save your work; until then ${IN_MEMORY}.`,
      };
    case 'outdated':
      return {
        kind,
        message: `A newer version of Windowscope saved data in another tab. Reload this page to use it; until then ${IN_MEMORY}.`,
      };
    case 'timeout':
      return {
        kind,
        message: `Saved data did not open in time, so for now ${IN_MEMORY}. Reload to try again.`,
      };
    case 'version-change':
      return {
        kind,
        message: `Windowscope was updated in another tab. This tab stopped saving so that one could upgrade: ${IN_MEMORY}. Reload to save again.`,
      };
    case 'closed':
      return {
        kind,
        message: `The browser closed this page's saved data (cleared, or a disk error), so from now on ${IN_MEMORY}.`,
      };
    case 'pruned':
      return {
        kind,
        message: `Storage was full: older checkpoints were removed to free space${detail === undefined ? '' : ` (${detail})`}. Going back to those batches replays them.`,
      };
    case 'full':
      return {
        kind,
        message: `Storage is full even after removing older checkpoints: ${detail ?? IN_MEMORY}.`,
      };
    case 'repaired':
      return { kind, message: `Some saved data was damaged: ${detail ?? 'it was repaired'}.` };
  }
}

export class Notices {
  private readonly listeners = new Set<NoticeListener>();

  subscribe(listener: NoticeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(n: StorageNotice): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(n);
      } catch (error) {
        // A broken listener must not stop saving or the other listeners.
        console.error('storage notice listener failed', error);
      }
    }
  }
}
