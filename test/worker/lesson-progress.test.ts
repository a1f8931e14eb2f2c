// Lesson progress through the worker's module: saved, listed newest first, the last lesson kept,
// and read back through restoreProgress (a damaged answer is dropped, not trusted).
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/storage';
import { LessonProgress } from '../../src/worker/lesson-progress';

describe('LessonProgress', () => {
  it('saves the step and answers, lists newest first and remembers the last lesson', async () => {
    let clock = 100;
    const storage = new MemoryStorage();
    const progress = new LessonProgress(storage, () => clock++);
    expect(await progress.last()).toBeNull();
    await progress.save({
      lessonId: '01-a',
      step: 2,
      answers: { '0': 2, '1': 1 },
      completed: false,
    });
    await progress.save({ lessonId: '05-b', step: 0, answers: {}, completed: false });
    expect(await progress.last()).toBe('05-b');
    await progress.save({ lessonId: '01-a', step: 4, answers: { '0': 2 }, completed: true });
    expect(await progress.last()).toBe('01-a');
    expect((await progress.list()).map((p) => [p.lessonId, p.step, p.completed])).toEqual([
      ['01-a', 4, true],
      ['05-b', 0, false],
    ]);
    expect(await progress.load('01-a')).toEqual({
      lessonId: '01-a',
      step: 4,
      answers: { '0': 2 },
      completed: true,
      updatedAt: 102,
    });
    expect(await progress.load('99-none')).toBeNull();
  });
});
