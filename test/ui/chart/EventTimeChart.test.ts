import '../happy-dom-animations';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import EventTimeChart from '../../../src/ui/chart/EventTimeChart.svelte';
import { Simulation } from '../../../src/worker/simulation';
import { batches, timelineOf, tumblingQuery } from './fixtures';

/** The chart's props after `steps` Spark steps: the timeline and the last step's trace fates. */
function stepped(steps: number) {
  const sim = new Simulation({
    semantics: 'spark',
    query: tumblingQuery,
    input: { kind: 'batches', batches },
  });
  sim.seek(steps);
  const step = sim.current;
  return {
    timeline: sim.timeline(),
    semantics: 'spark' as const,
    stepFates: step?.kind === 'spark' ? step.trace.events : [],
  };
}

const eventButtons = () => screen.getAllByRole('button', { name: /^event / });

describe('EventTimeChart', () => {
  it('draws every arrived event as a button named with its time and fate', () => {
    render(EventTimeChart, { timeline: timelineOf('spark'), semantics: 'spark' });
    expect(eventButtons().map((b) => b.getAttribute('aria-label'))).toEqual([
      'event at 00:00:01, counted, key a, batch 0',
      'event at 00:00:03, counted, key b, batch 0',
      'event at 00:00:02, filtered out, batch 0',
      'event at 00:00:16, counted, key a, batch 1',
      'event at 00:00:04, late, dropped, key b, batch 2',
      'event with no event time, unusable, batch 2',
    ]);
    // A late event is struck out; this batch's events are ringed.
    const late = screen.getByRole('button', { name: /late, dropped/ });
    expect(late.querySelector('.cross')).not.toBeNull();
    expect(late.classList.contains('current')).toBe(true);
    expect(screen.getByRole('button', { name: /00:00:01/ }).classList.contains('current')).toBe(
      false,
    );
  });

  it('is an image with a summary for assistive technology, and a longer text alternative', () => {
    const { container } = render(EventTimeChart, {
      timeline: timelineOf('spark'),
      semantics: 'spark',
    });
    const img = screen.getByRole('img', { name: /^Event time against processing time: 6 events/ });
    expect(img.getAttribute('aria-label')).toContain('watermark at 00:00:11');
    expect(container.querySelector('.visually-hidden')?.textContent).toContain(
      'The current batch 2 ran at 00:00:02',
    );
  });

  it('has a legend of fates, the watermark and window statuses', () => {
    render(EventTimeChart, { timeline: timelineOf('spark'), semantics: 'spark' });
    const items = within(screen.getByRole('list', { name: 'Legend' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent.trim());
    expect(items).toEqual([
      'counted',
      'partly late',
      'late, dropped',
      'filtered out',
      'unusable',
      'this batch',
      'watermark',
      'micro-batch',
      'window open',
      'window emitted',
      'window evicted',
      'window merged',
    ]);
  });

  it('selects an event by click, Enter or Space', async () => {
    const onSelectEvent = vi.fn();
    render(EventTimeChart, { timeline: timelineOf('spark'), semantics: 'spark', onSelectEvent });
    await fireEvent.click(screen.getByRole('button', { name: /late, dropped/ }));
    expect(onSelectEvent).toHaveBeenLastCalledWith(4);
    await fireEvent.keyDown(screen.getByRole('button', { name: /00:00:16/ }), { key: 'Enter' });
    expect(onSelectEvent).toHaveBeenLastCalledWith(3);
    await fireEvent.keyDown(screen.getByRole('button', { name: /00:00:03/ }), { key: ' ' });
    expect(onSelectEvent).toHaveBeenLastCalledWith(1);
  });

  it('takes one tab stop for the events, the selected one, and marks it pressed', () => {
    render(EventTimeChart, {
      timeline: timelineOf('spark'),
      semantics: 'spark',
      selectedEvent: 3,
    });
    const tabbable = eventButtons().filter((b) => b.getAttribute('tabindex') === '0');
    expect(tabbable.map((b) => b.getAttribute('aria-label'))).toEqual([
      'event at 00:00:16, counted, key a, batch 1',
    ]);
    expect(tabbable[0]?.getAttribute('aria-pressed')).toBe('true');
  });

  it('moves focus between events with the arrow keys, Home and End', async () => {
    render(EventTimeChart, { timeline: timelineOf('spark'), semantics: 'spark' });
    const [first, second] = eventButtons();
    first?.focus();
    await fireEvent.keyDown(first as HTMLElement, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(second);
    expect(second?.getAttribute('tabindex')).toBe('0');
    await fireEvent.keyDown(second as HTMLElement, { key: 'End' });
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^event with no event time/);
  });

  it('draws the windows as buttons labelled with their value and status, and selects one', async () => {
    const onSelectWindow = vi.fn();
    render(EventTimeChart, {
      timeline: timelineOf('spark'),
      semantics: 'spark',
      selectedWindow: '0|10000|b',
      onSelectWindow,
    });
    const windows = within(screen.getByRole('group', { name: 'Windows' })).getAllByRole('button');
    expect(windows.map((w) => w.getAttribute('aria-label'))).toEqual([
      'window 00:00:00–00:00:10, key a, n 1, emitted',
      'window 00:00:00–00:00:10, key b, n 1, emitted',
      'window 00:00:10–00:00:20, key a, n 1, open',
    ]);
    expect(windows[1]?.getAttribute('aria-pressed')).toBe('true');
    await fireEvent.click(windows[2] as HTMLElement);
    expect(onSelectWindow).toHaveBeenLastCalledWith('10000|20000|a');
    await fireEvent.keyDown(windows[0] as HTMLElement, { key: 'Enter' });
    expect(onSelectWindow).toHaveBeenLastCalledWith('0|10000|a');
  });

  it('draws Spark batch bands and a staircase watermark; Flink neither bands nor batch labels', () => {
    const spark = render(EventTimeChart, { timeline: timelineOf('spark'), semantics: 'spark' });
    expect(spark.container.querySelectorAll('svg[role="img"] rect.band')).toHaveLength(2); // alternate batches
    expect(spark.container.querySelector('g.watermark path')?.getAttribute('d')).toMatch(/^M/);
    expect(spark.container.querySelector('g.watermark path.next')).not.toBeNull();
    spark.unmount();

    const flink = render(EventTimeChart, { timeline: timelineOf('flink'), semantics: 'flink' });
    expect(flink.container.querySelectorAll('svg[role="img"] rect.band')).toHaveLength(0);
    expect(flink.container.querySelector('g.watermark path')).not.toBeNull();
    expect(flink.container.querySelector('g.watermark path.next')).toBeNull();
    // The $end marker is not an event.
    expect(eventButtons()).toHaveLength(6);
  });

  it('shows an empty timeline without errors', () => {
    render(EventTimeChart, { timeline: timelineOf('spark', 0), semantics: 'spark' });
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe(
      'Event time against processing time: no batches run yet.',
    );
    expect(screen.queryAllByRole('button', { name: /^event / })).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Reset zoom' })).toHaveProperty('disabled', true);
  });

  it('past 3,000 events paints them on a canvas and keeps this batch’s as SVG buttons', () => {
    const many = Array.from({ length: 3_000 }, (_, i) => ({
      ts: i * 10,
      user: 'a',
      kind: 'click',
    }));
    const t = timelineOf('spark', Infinity, undefined, [
      many,
      [{ ts: 40_000, user: 'b', kind: 'click' }],
    ]);
    const { container } = render(EventTimeChart, { timeline: t, semantics: 'spark' });
    expect(container.querySelector('canvas')).not.toBeNull();
    expect(eventButtons().map((b) => b.getAttribute('aria-label'))).toEqual([
      'event at 00:00:40, counted, key b, batch 1',
    ]);
  });

  it('keeps the selected event in SVG among canvas marks, and ignores one not in the timeline', async () => {
    const many = Array.from({ length: 3_001 }, (_, i) => ({
      ts: i * 10,
      user: 'a',
      kind: 'click',
    }));
    const t = timelineOf('spark', Infinity, undefined, [many]);
    const { rerender } = render(EventTimeChart, {
      timeline: t,
      semantics: 'spark',
      selectedEvent: 5,
    });
    expect(
      screen.getAllByRole('button', { pressed: true }).map((b) => b.getAttribute('aria-label')),
    ).toEqual(['event at 00:00:00.050, counted, key a, batch 0']);
    await rerender({ selectedEvent: 99_999 });
    expect(screen.queryAllByRole('button', { pressed: true })).toHaveLength(0);
  });

  it('on a step, sends trails from its counted events to their bands and flags its marks', async () => {
    const { container, rerender } = render(EventTimeChart, stepped(1));
    // One trail per counted event and window (at rest a trail is invisible).
    expect(container.querySelectorAll('.trails circle')).toHaveLength(2);
    await rerender(stepped(2));
    // Batch 1's one counted event rises to its window [10 s, 20 s) of key a.
    expect(container.querySelectorAll('.trails circle')).toHaveLength(1);
    const arriving = [...container.querySelectorAll('.mark.arriving')];
    expect(arriving.map((m) => m.getAttribute('aria-label'))).toEqual([
      'event at 00:00:16, counted, key a, batch 1',
    ]);
    // Batch 2: a late event (struck out, with its alarm ring) and no trail.
    await rerender(stepped(3));
    expect(container.querySelectorAll('.trails circle')).toHaveLength(0);
    const late = screen.getByRole('button', { name: /late, dropped/ });
    expect(late.classList.contains('arriving')).toBe(true);
    expect(late.querySelector('.alarm')).not.toBeNull();
  });
});
