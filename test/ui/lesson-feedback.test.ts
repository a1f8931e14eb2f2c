// The player's words: right or wrong with the engine's value, the compared run's heading, and
// a lesson's progress on the index.
import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/lessons';
import { compareText, feedbackFor, valueText } from '../../src/ui/lessons/feedback';
import { progressText } from '../../src/ui/lessons/progress-text';

const number: Question = { kind: 'number', prompt: '?', answer: { kind: 'rows' } };
const choice: Question = {
  kind: 'choice',
  prompt: '?',
  choices: [
    { label: 'Counted', value: 'counted' },
    { label: 'Dropped', value: 'late' },
  ],
  answer: { kind: 'fate', event: 0 },
};

describe('feedback', () => {
  it('says right or wrong with the engine value', () => {
    expect(feedbackFor(number, '4', 4)).toEqual({ right: true, text: 'Right: the engine says 4.' });
    expect(feedbackFor(number, '5', 4).text).toBe('Not quite: you said 5; the engine says 4.');
    expect(feedbackFor(choice, 1, 'counted').text).toBe(
      'Not quite: you said Dropped; the engine says Counted.',
    );
    expect(feedbackFor(choice, 0, 'counted').right).toBe(true);
  });
  it('writes values for people', () => {
    expect(valueText(number, null)).toBe('no such row');
    expect(valueText(number, 1 / 3)).toBe('0.3333');
  });
  it('names what the compared run changes', () => {
    expect(compareText({ window: { type: 'none' } })).toBe('Compared: window none');
    expect(compareText({ outputMode: 'update', watermark: { delay: '5 minutes' } })).toBe(
      'Compared: outputMode update, watermark 5 minutes',
    );
    expect(compareText({ watermark: null })).toBe('Compared: watermark none');
    const stateful = { function: 'running_total', field: 'amount' };
    expect(
      compareText({
        stateful: { ...stateful, timeout: { kind: 'event', duration: '1 hour' } },
        watermark: { delay: '10 minutes' },
      }),
    ).toBe('Compared: stateful running_total, event-time timeout 1 hour, watermark 10 minutes');
    expect(compareText({ stateful })).toBe('Compared: stateful running_total, no timeout');
  });
  it('says how far a lesson is', () => {
    const p = { lessonId: 'x', step: 2, answers: {}, completed: false, updatedAt: 0 };
    expect(progressText(undefined, 5)).toBe('Not started');
    expect(progressText(p, 5)).toBe('Step 3 of 5');
    expect(progressText({ ...p, completed: true }, 5)).toBe('Done');
  });
});
