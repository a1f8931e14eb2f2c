// How far a learner is in a lesson, in words for the lesson index.
import type { ProgressRecord } from '../../storage';

export function progressText(progress: ProgressRecord | undefined, steps: number): string {
  if (progress === undefined) return 'Not started';
  if (progress.completed) return 'Done';
  return `Step ${String(Math.min(progress.step, steps - 1) + 1)} of ${String(steps)}`;
}
