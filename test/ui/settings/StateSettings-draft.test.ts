// Custom state code typed and not run comes back after a reload (over the same applied code),
// is saved as a draft while typed, and forgotten once run.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import StateSettings from '../../../src/ui/settings/StateSettings.svelte';
import { draftFor, type DraftStore } from '../../../src/ui/settings/code-draft';
import type { CodeDraft } from '../../../src/storage';
import state from '../../../lessons/09-running-totals-and-timeouts/scenario.json';

const applied = 'return { total: values.length };';
const query = {
  ...state.query,
  stateful: { function: 'custom', code: applied, timeout: { kind: 'processing' } },
};

function store(kept: CodeDraft | null): DraftStore & { saved: (CodeDraft | null)[] } {
  const saved: (CodeDraft | null)[] = [];
  return { saved, load: () => Promise.resolve(kept), save: (d) => saved.push(d) };
}
const editor = () => screen.getByLabelText<HTMLTextAreaElement>('State function code');

describe('draftFor', () => {
  it('gives a draft back only over the code it was edited from', () => {
    expect(draftFor({ base: 'a', code: 'b' }, 'a')).toBe('b');
    expect(draftFor({ base: 'a', code: 'b' }, 'c')).toBeNull();
    expect(draftFor({ base: 'a', code: 'a' }, 'a')).toBeNull();
    expect(draftFor(null, 'a')).toBeNull();
    expect(draftFor({ base: 'a', code: 'b' }, null)).toBeNull();
  });
});

describe('StateSettings drafts', () => {
  it('shows a kept draft as edited and not run', async () => {
    const drafts = store({ base: applied, code: 'return 42;' });
    render(StateSettings, { query, error: null, onQuery: vi.fn(), drafts });
    await vi.waitFor(() => {
      expect(editor().value).toBe('return 42;');
    });
    expect(screen.getByText('Edited: not run yet.')).toBeTruthy();
  });

  it('ignores a draft of other code', async () => {
    const drafts = store({ base: 'return 0;', code: 'return 42;' });
    render(StateSettings, { query, error: null, onQuery: vi.fn(), drafts });
    await Promise.resolve();
    expect(editor().value).toBe(applied);
  });

  it('saves what is typed and forgets it once run', async () => {
    const drafts = store(null);
    const onQuery = vi.fn();
    render(StateSettings, { query, error: null, onQuery, drafts });
    await fireEvent.input(editor(), { target: { value: 'return 7;' } });
    expect(drafts.saved.at(-1)).toEqual({ base: applied, code: 'return 7;' });
    await fireEvent.click(screen.getByRole('button', { name: 'Run this code' }));
    expect(onQuery).toHaveBeenCalledOnce();
    expect(drafts.saved.at(-1)).toBeNull();
  });
});
