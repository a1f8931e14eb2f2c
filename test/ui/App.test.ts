import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import App from '../../src/ui/App.svelte';
import scenario from '../../src/ui/demo-scenario.json';

describe('App', () => {
  it('names itself and shows one output table per batch of the demo', () => {
    render(App);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Windowscope');
    expect(screen.queryByRole('alert')).toBeNull();
    const captions = screen.getAllByRole('table').map((table) => table.querySelector('caption'));
    expect(captions.map((caption) => caption?.textContent)).toEqual(
      scenario.expected.batches.map((_, i) => `Batch ${String(i)} output · complete mode`),
    );
  });
});
