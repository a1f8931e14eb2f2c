// The question form: Check sends the answer; once answered, the form is locked and says right or
// wrong in words with the engine's value.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { Question } from '../../src/lessons';
import LessonQuestion from '../../src/ui/lessons/LessonQuestion.svelte';

const number: Question = { kind: 'number', prompt: 'How many rows?', answer: { kind: 'rows' } };
const choice: Question = {
  kind: 'choice',
  prompt: 'What happens to the cat?',
  choices: [
    { label: 'Counted', value: 'counted' },
    { label: 'Dropped', value: 'late' },
  ],
  answer: { kind: 'fate', event: 3 },
};

describe('LessonQuestion', () => {
  it('sends a typed number, and asks for one first', async () => {
    const onAnswer = vi.fn();
    render(LessonQuestion, { question: number, answer: undefined, value: undefined, onAnswer });
    await fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(screen.getByRole('alert').textContent).toContain('Type a number first');
    await fireEvent.input(screen.getByLabelText('How many rows?'), { target: { value: ' 4 ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(onAnswer).toHaveBeenCalledWith('4');
  });

  it('sends the chosen index', async () => {
    const onAnswer = vi.fn();
    render(LessonQuestion, { question: choice, answer: undefined, value: undefined, onAnswer });
    await fireEvent.click(screen.getByRole('radio', { name: 'Dropped' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(onAnswer).toHaveBeenCalledWith(1);
  });

  it('once answered, is locked and says whether it was right', () => {
    render(LessonQuestion, {
      question: choice,
      answer: 1,
      value: { ok: true, value: 'counted' },
      onAnswer: vi.fn(),
    });
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Check' }).disabled).toBe(true);
    expect(screen.getByRole('status').textContent).toContain(
      'Not quite: you said Dropped; the engine says Counted.',
    );
  });
});
