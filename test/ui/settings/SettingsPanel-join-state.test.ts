// The settings over a join and over per-key state: a lesson's "watermark" unlocks a join's input
// delays only; a stateful query shows its grouping without the window fields the engine refuses.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import SettingsPanel from '../../../src/ui/settings/SettingsPanel.svelte';
import join from '../../../lessons/12-impressions-joined-with-clicks/scenario.json';
import state from '../../../lessons/09-running-totals-and-timeouts/scenario.json';

function panel(query: Record<string, unknown>, changeable: string[] | null = null) {
  const onQuery = vi.fn();
  render(SettingsPanel, { semantics: 'spark', query, onQuery, onSemantics: vi.fn(), changeable });
  return onQuery;
}
const field = (name: string) => screen.getByLabelText<HTMLInputElement>(name, { exact: true });

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SettingsPanel over a join', () => {
  it('with "watermark" changeable, enables only the inputs’ delays', () => {
    panel(join.query, ['watermark']);
    expect(field('impressions delay').disabled).toBe(false);
    expect(field('clicks delay').disabled).toBe(false);
    for (const locked of ['Keys', 'Range from', 'Range to', 'Join type', 'Policy', 'Size'])
      expect(field(locked).disabled, locked).toBe(true);
    expect(screen.queryByLabelText('Watermark delay')).toBeNull();
  });

  it('sends the query with the clicks’ new delay', async () => {
    const onQuery = panel(join.query, ['watermark']);
    await fireEvent.input(field('clicks delay'), { target: { value: '8 seconds' } });
    await vi.advanceTimersByTimeAsync(1_000);
    const sent = onQuery.mock.calls[0]?.[0] as { inputs: Record<string, { watermark: unknown }> };
    expect(sent.inputs.clicks?.watermark).toEqual({ delay: '8 seconds' });
    expect(sent.inputs.impressions?.watermark).toEqual({ delay: '10 seconds' });
  });

  it('in free play enables every join field', () => {
    panel(join.query);
    expect(field('Keys').disabled).toBe(false);
    expect(field('Policy').disabled).toBe(false);
  });
});

describe('SettingsPanel over per-key state', () => {
  it('shows Group by without the window fields', () => {
    panel(state.query, ['groupBy']);
    expect(screen.queryByLabelText('Kind')).toBeNull();
    expect(screen.queryByLabelText('Size')).toBeNull();
    expect(field('Group by').disabled).toBe(false);
    expect(field('Watermark delay').disabled).toBe(true);
  });

  it('sends a new grouping checked by the state engine', async () => {
    const onQuery = panel(state.query, ['groupBy']);
    await fireEvent.input(field('Group by'), { target: { value: 'transactionId' } });
    await vi.advanceTimersByTimeAsync(1_000);
    const sent = onQuery.mock.calls[0]?.[0] as { groupBy: string[]; stateful: unknown };
    expect(sent.groupBy).toEqual(['transactionId']);
    expect(sent.stateful).toEqual(state.query.stateful);
  });
});
