import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import WhyPanel from '../../../src/ui/why/WhyPanel.svelte';
import { Simulation } from '../../../src/worker/simulation';

const T = (h: number, m: number): number => Date.UTC(2023, 6, 30, h, m);

const query = {
  time: 'ts',
  window: { type: 'tumbling', size: '10 minutes' },
  groupBy: ['user'],
  aggregates: [{ fn: 'count', as: 'n' }],
  watermark: { delay: '10 minutes' },
  outputMode: 'append',
};

/** A real run: batch 1 moves the watermark to 12:11, so batch 2's 12:05 is late. */
function run(): Simulation {
  const sim = new Simulation({
    semantics: 'spark',
    query,
    input: {
      kind: 'batches',
      batches: [
        [{ ts: T(12, 3), user: 'a' }],
        [{ ts: T(12, 21), user: 'b' }],
        [{ ts: T(12, 5), user: 'a' }],
      ],
    },
  });
  sim.seek(3);
  return sim;
}

const ctx = {
  semantics: 'spark' as const,
  query,
  watermarkInForce: T(12, 11),
  stepTitle: 'Batch 2',
};

describe('WhyPanel', () => {
  it("shows an event's fate: the verdict as a heading, the reasons as a list", () => {
    const step = run().current;
    if (step?.kind !== 'spark') throw new Error('a Spark step');
    const fate = step.trace.events[0];
    if (fate === undefined) throw new Error('a fate');
    render(WhyPanel, {
      ...ctx,
      subject: { kind: 'event', fate, eventLabel: '12:05:00 · a' },
      onclose: vi.fn(),
    });
    const region = screen.getByRole('region', { name: 'Explanation' });
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(within(region).getByRole('heading', { level: 3 }).textContent).toBe('Dropped as late');
    expect(within(region).getByText('Event 12:05:00 · a')).toBeTruthy();
    const items = within(region)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items[0]).toBe(
      'Dropped as late: its window 12:00–12:10 ended at or before the watermark 12:11 in force for this batch (window_end 12:10 <= watermark 12:11).',
    );
    expect(items).toHaveLength(4);
  });

  it("shows a window's lifecycle and what would close it", () => {
    const sim = run();
    const timeline = sim.timeline();
    const open = timeline.windows.find((w) => w.key === 'b');
    if (open === undefined) throw new Error('the window of b');
    render(WhyPanel, {
      ...ctx,
      subject: { kind: 'window', window: open },
      timeline,
      onclose: vi.fn(),
    });
    expect(screen.getByRole('heading', { level: 3 }).textContent).toBe(
      'Window 12:20–12:30 (user = b): open',
    );
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Created in batch 1.',
      'Not output yet: append mode outputs it once, final, when the watermark reaches its end.',
      'Value now: n = 1.',
    ]);
    expect(
      screen.getByText(
        /^Closes when the watermark reaches its end 12:30: an event of any key at 12:40/,
      ),
    ).toBeTruthy();
  });

  it('calls back from the close button and from Escape', async () => {
    const onclose = vi.fn();
    render(WhyPanel, {
      ...ctx,
      subject: {
        kind: 'event',
        fate: { kind: 'filtered', field: 'kind', expected: 'click', actual: 'view' },
        eventLabel: '12:05:00 · view',
      },
      headingLevel: 4,
      onclose,
    });
    expect(screen.getByRole('heading', { level: 4 }).textContent).toBe('Filtered out');
    await fireEvent.click(screen.getByRole('button', { name: 'Close explanation' }));
    expect(onclose).toHaveBeenCalledTimes(1);
    await fireEvent.keyDown(screen.getByRole('button', { name: 'Close explanation' }), {
      key: 'Escape',
    });
    expect(onclose).toHaveBeenCalledTimes(2);
  });

  it('keeps an empty live region when nothing is selected', () => {
    render(WhyPanel, { ...ctx, subject: null, onclose: vi.fn() });
    const region = screen.getByRole('region', { name: 'Explanation' });
    expect(region.textContent.trim()).toBe('');
    expect(screen.queryByRole('button')).toBeNull();
  });
});
