import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import CompareCard from '../../src/ui/CompareCard.svelte';
import RunPanel from '../../src/ui/RunPanel.svelte';
import type { SimulationClient } from '../../src/ui/simulation-client.svelte';
import { stepView, tableColumns } from '../../src/ui/step-view';
import type { ComparedView, RunView } from '../../src/worker/run-manager';
import { Simulation } from '../../src/worker/simulation';
import scenario from '../../src/ui/demo-scenario.json';

/** The demo run at `position` under `outputMode`: its compared view and its table's rows. */
function side(outputMode: string, position: number) {
  const query = { ...scenario.query, outputMode };
  const sim = new Simulation({
    semantics: 'spark',
    query,
    input: { kind: 'batches', batches: scenario.batches },
  });
  sim.seek(position);
  const compare: ComparedView = {
    semantics: 'spark',
    query,
    step: sim.current,
    history: sim.history,
  };
  const rows = sim.current
    ? stepView(sim.current, outputMode, tableColumns(query, 'spark')).rows
    : [];
  return { compare, rows };
}

const bodyRows = (table: HTMLElement) => within(table).getAllByRole('row').slice(1);

describe('CompareCard', () => {
  it('captions its table as the compared batch and names the setting compared', () => {
    const main = side('complete', 2);
    render(CompareCard, {
      compare: side('update', 2).compare,
      mainRows: main.rows,
      label: 'Output mode update',
    });
    expect(screen.getByRole('article', { name: 'Compared run: Output mode update' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Output mode update' })).toBeTruthy();
    expect(
      screen.getByRole('table', { name: 'Batch 1 output · update mode (compared)' }),
    ).toBeTruthy();
  });

  it('marks its rows the run does not output, and counts the run’s rows it lacks', () => {
    // Batch 2 in complete mode outputs every window so far; update mode only the one it changed.
    const main = side('complete', 3);
    const other = side('update', 3);
    expect(main.rows.length).toBeGreaterThan(other.rows.length);
    render(CompareCard, { compare: other.compare, mainRows: main.rows, label: 'update' });
    const table = screen.getByRole('table', { name: /\(compared\)$/ });
    // Update's row is also in complete's table: nothing here is marked.
    expect(bodyRows(table).filter((r) => r.classList.contains('marked'))).toHaveLength(0);
    const missing = main.rows.length - other.rows.length;
    expect(
      screen.getByText(
        `0 rows here that the run does not output (marked); ${String(missing)} rows of the run’s not here.`,
      ),
    ).toBeTruthy();
  });

  it('marks the rows that differ the other way round too', () => {
    const main = side('update', 3);
    render(CompareCard, {
      compare: side('complete', 3).compare,
      mainRows: main.rows,
      label: 'complete',
    });
    const table = screen.getByRole('table', { name: /complete mode \(compared\)$/ });
    const marked = bodyRows(table).filter((r) => r.classList.contains('marked'));
    expect(marked.length).toBe(bodyRows(table).length - main.rows.length);
    expect(marked.length).toBeGreaterThan(0);
  });

  it('says when both sides agree, and when the compared side has not run', () => {
    const same = side('complete', 2);
    const { unmount } = render(CompareCard, {
      compare: same.compare,
      mainRows: same.rows,
      label: 'x',
    });
    expect(screen.getByText('Same rows as the run.')).toBeTruthy();
    unmount();
    render(CompareCard, { compare: side('complete', 0).compare, mainRows: [], label: 'x' });
    expect(screen.getByText('Nothing has run yet on this side.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('sits beside the run’s own table, each captioned with its batch and mode', () => {
    const main = side('complete', 2);
    const sim = new Simulation({
      semantics: 'spark',
      query: scenario.query,
      input: { kind: 'batches', batches: scenario.batches },
    });
    sim.seek(2);
    const view: RunView = {
      runId: 'r',
      name: scenario.name,
      semantics: 'spark',
      query: scenario.query,
      position: 2,
      length: sim.length,
      step: sim.current,
      history: sim.history,
      at: null,
      nextAt: null,
      compare: side('update', 2).compare,
      input: null,
    };
    const fake = { view, timeline: null, error: null, notice: null, progress: null };
    const client = fake as unknown as SimulationClient;
    render(RunPanel, { client });
    const captions = screen
      .getAllByRole('table')
      .map((t) => t.querySelector('caption')?.textContent);
    expect(captions).toEqual([
      'Batch 1 output · complete mode',
      'Batch 1 output · update mode (compared)',
    ]);
    expect(main.rows).toHaveLength(3);
  });
});
