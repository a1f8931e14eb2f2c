import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import SettingsPanel from '../../../src/ui/settings/SettingsPanel.svelte';
import scenario from '../../../src/ui/demo-scenario.json';

/** The panel over the demo's query (Spark, 1-minute tumbling windows, complete mode, no watermark). */
function panel(semantics: 'spark' | 'flink' = 'spark') {
  const onQuery = vi.fn();
  const onSemantics = vi.fn();
  const result = render(SettingsPanel, { semantics, query: scenario.query, onQuery, onSemantics });
  return { ...result, onQuery, onSemantics };
}

const input = (name: string) => screen.getByLabelText<HTMLInputElement>(name);
/** The note under a field: its hint, or what is wrong with it. */
const note = (field: HTMLElement) =>
  document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent ?? '';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SettingsPanel', () => {
  it('shows the run’s query in its fields', () => {
    panel();
    expect(input('Size').value).toBe('1 minute');
    expect(input('Group by').value).toBe('user_id');
    expect(input('Watermark delay').value).toBe('');
    expect(screen.getByLabelText<HTMLSelectElement>('Output mode').value).toBe('complete');
    expect(screen.getByRole<HTMLInputElement>('radio', { name: /Spark/ }).checked).toBe(true);
  });

  it.each([
    ['Size', 'ten', /cannot read "ten" as a duration/],
    ['Size', '0 seconds', /window duration \(0 ms\) must be greater than 0/],
    ['Watermark delay', '-5 seconds', /should not be negative/],
    ['Trigger interval', '0 s', /must be longer than 0/],
  ])('explains an invalid %s (%s) beside it and never sends it', async (name, value, message) => {
    const { onQuery } = panel();
    await fireEvent.input(input(name), { target: { value } });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(input(name).getAttribute('aria-invalid')).toBe('true');
    expect(note(input(name))).toMatch(message);
    expect(onQuery).not.toHaveBeenCalled();
  });

  it('explains a refused combination at the field the engine names', async () => {
    const { onQuery } = panel();
    const mode = screen.getByLabelText<HTMLSelectElement>('Output mode');
    await fireEvent.change(mode, { target: { value: 'append' } });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(mode.getAttribute('aria-invalid')).toBe('true');
    expect(note(mode)).toMatch(/Append output mode not supported .* without watermark/);
    expect(onQuery).not.toHaveBeenCalled();
  });

  it('sends a valid change once, when the typing pauses, and clears the error it fixed', async () => {
    const { onQuery } = panel();
    const size = input('Size');
    await fireEvent.input(size, { target: { value: '0 seconds' } });
    for (const value of ['5', '5 m', '5 minutes']) {
      await fireEvent.input(size, { target: { value } });
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(onQuery).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(onQuery).toHaveBeenCalledOnce();
    expect(onQuery.mock.calls[0]?.[0]).toMatchObject({
      window: { type: 'tumbling', size: '5 minutes' },
      groupBy: ['user_id'],
      outputMode: 'complete',
      aggregates: scenario.query.aggregates,
    });
    expect(size.getAttribute('aria-invalid')).toBe('false');
    expect(note(size)).toBe('e.g. 10 minutes');
  });

  it('switches semantics through its own callback, and shows each engine’s settings', async () => {
    const { onSemantics, onQuery, rerender } = panel();
    await fireEvent.click(screen.getByRole('radio', { name: /Flink/ }));
    expect(onSemantics).toHaveBeenCalledWith('flink');
    expect(onQuery).not.toHaveBeenCalled();
    expect(screen.queryByLabelText('Allowed lateness')).toBeNull();
    await rerender({ semantics: 'flink' });
    expect(screen.getByLabelText('Allowed lateness')).toBeTruthy();
    expect(screen.queryByLabelText('Output mode')).toBeNull();
    expect(screen.queryByLabelText('Trigger interval')).toBeNull();
  });

  it('shows the fields of the window kind chosen', async () => {
    panel();
    expect(screen.queryByLabelText('Slide')).toBeNull();
    await fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'sliding' } });
    expect(input('Slide').value).toBe('1 minute');
    await fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'session' } });
    expect(input('Gap').value).toBe('30 seconds');
    expect(screen.queryByLabelText('Size')).toBeNull();
  });
});
