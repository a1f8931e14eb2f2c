// The code view: a real tablist moved with the arrow keys, the program for the query on screen,
// a Copy button that says "Copied", the reason where a target has no code, the Kafka download.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import CodeView from '../../src/ui/code/CodeView.svelte';

const ctr = {
  time: 'event_timestamp',
  window: { type: 'tumbling', size: '5 minutes' },
  groupBy: ['user_id'],
  aggregates: [
    { fn: 'count', where: { event_type: 'impression' }, as: 'impressions' },
    { fn: 'count', where: { event_type: 'click' }, as: 'clicks' },
  ],
  derived: [{ as: 'ctr', expr: 'clicks / impressions' }],
  watermark: { delay: '1 minute' },
  outputMode: 'append',
};

const visiblePanel = (): HTMLElement =>
  screen.getAllByRole('tabpanel', { hidden: true }).find((p) => !p.hidden) as HTMLElement;

describe('CodeView', () => {
  it('shows PySpark first, and the arrow keys move between the tabs', async () => {
    render(CodeView, { query: ctr, semantics: 'spark', name: 'CTR' });
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['PySpark', 'Flink SQL', 'Feldera SQL']);
    expect(tabs[0]?.getAttribute('aria-selected')).toBe('true');
    expect(visiblePanel().textContent).toContain('.withWatermark("event_timestamp", "1 minute")');
    expect(visiblePanel().textContent).toContain(
      'F.try_divide(F.col("clicks"), F.col("impressions"))',
    );

    await fireEvent.keyDown(tabs[0] as HTMLElement, { key: 'ArrowRight' });
    expect(tabs[1]?.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(tabs[1]);
    expect(visiblePanel().textContent).toContain(
      "WATERMARK FOR event_timestamp AS event_timestamp - INTERVAL '1' MINUTE",
    );
    await fireEvent.keyDown(tabs[1] as HTMLElement, { key: 'End' });
    expect(tabs[2]?.getAttribute('aria-selected')).toBe('true');
    expect(visiblePanel().textContent).toContain("LATENESS INTERVAL '1' MINUTE");
    await fireEvent.keyDown(tabs[2] as HTMLElement, { key: 'ArrowRight' });
    expect(tabs[0]?.getAttribute('aria-selected')).toBe('true');
  });

  it('copies the program and says so', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(CodeView, { query: ctr, semantics: 'spark' });
    await fireEvent.click(screen.getAllByRole('button', { name: 'Copy' })[0] as HTMLElement);
    await waitFor(() => expect(screen.getAllByText('Copied').length).toBeGreaterThan(0));
    expect(writeText).toHaveBeenCalledWith(expect.stringContaining('from pyspark.sql import'));
  });

  it('explains what Spark refuses, and offers the keyed events for Kafka', async () => {
    const onDownloadKafka = vi.fn();
    const query = {
      ...ctr,
      aggregates: [{ fn: 'count_distinct', field: 'user_id', as: 'users' }],
      groupBy: ['page'],
      derived: [],
    };
    render(CodeView, { query, semantics: 'flink', onDownloadKafka });
    expect(visiblePanel().textContent).toContain('approx_count_distinct');
    await fireEvent.click(screen.getByRole('button', { name: /Download events for Kafka/ }));
    expect(onDownloadKafka).toHaveBeenCalledWith('page', 'windowscope-events-keyed.txt');
  });

  it('says why there is no code for a query the engine rejects', () => {
    render(CodeView, { query: { ...ctr, window: { type: 'sliding' } }, semantics: 'spark' });
    expect(screen.getByRole('status').textContent).toMatch(/No code for this query: .*window/);
  });
});
