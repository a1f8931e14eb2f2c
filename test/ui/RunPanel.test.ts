import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import RunPanel from '../../src/ui/RunPanel.svelte';
import type { SimulationClient } from '../../src/ui/simulation-client.svelte';
import { RUN_PRESETS } from '../../src/ui/run-presets';
import { Simulation } from '../../src/worker/simulation';
import type { RunView } from '../../src/worker/run-manager';
import scenario from '../../src/ui/demo-scenario.json';

/** A client stand-in holding a real view from the simulation, with spied verbs. */
interface Fake {
  client: SimulationClient;
  next: ReturnType<typeof vi.fn>;
  previous: ReturnType<typeof vi.fn>;
  reset: ReturnType<typeof vi.fn>;
  open: ReturnType<typeof vi.fn>;
}

function fakeClient(position: number): Fake {
  const sim = new Simulation({
    semantics: 'spark',
    query: scenario.query,
    input: { kind: 'batches', batches: scenario.batches },
  });
  sim.seek(position);
  const view: RunView = {
    runId: 'r',
    name: scenario.name,
    semantics: 'spark',
    query: scenario.query,
    position: sim.position,
    length: sim.length,
    step: sim.current,
    history: sim.history,
    at: null,
    nextAt: sim.processingTimeAt(sim.position),
    compare: null,
    input: null,
  };
  const verbs = { next: vi.fn(), previous: vi.fn(), reset: vi.fn(), open: vi.fn() };
  const client = {
    view,
    error: null,
    notice: null,
    busy: false,
    progress: null,
    ...verbs,
    travel: vi.fn(),
    cancel: vi.fn(),
  } as unknown as SimulationClient;
  return { client, ...verbs };
}

describe('RunPanel', () => {
  it('shows the current batch as a table captioned with its number and output mode', () => {
    render(RunPanel, { client: fakeClient(2).client });
    const table = screen.getByRole('table', { name: 'Batch 1 output · complete mode' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['window', 'user_id', 'count']);
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 3);
    expect(screen.getByText('2 of 3 batches run')).toBeTruthy();
  });

  it('calls the client for each control, and disables what cannot be done', async () => {
    const { client, previous, reset } = fakeClient(3);
    render(RunPanel, { client });
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Next batch' }).disabled).toBe(
      true,
    );
    await fireEvent.click(screen.getByRole('button', { name: 'Previous batch' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(previous).toHaveBeenCalledOnce();
    expect(reset).toHaveBeenCalledOnce();
  });

  it('invites a first step before anything ran, and opens a chosen preset', async () => {
    const { client, open } = fakeClient(0);
    render(RunPanel, { client });
    expect(screen.getByText(/Nothing has run yet/)).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Previous batch' }).disabled).toBe(
      true,
    );
    const generated = RUN_PRESETS[0];
    await fireEvent.change(screen.getByLabelText('Input'), { target: { value: generated?.id } });
    expect(open).toHaveBeenCalledWith(generated?.spec);
  });
});
