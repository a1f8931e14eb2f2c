// The per-key state table drawn from a real StateBatchTrace: the seed's 30 s sessions at 60 s,
// where user1 times out (flashed, removed, with its final row) and user2 counts down to 70 s.
import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/engine/query-parse';
import { SparkStateEngine } from '../../src/engine/spark-state';
import type { StateBatchTrace } from '../../src/engine/state-trace';
import type { Event } from '../../src/engine/types';
import sessions from '../../src/ui/state/sessions-30s.json';
import StateTable from '../../src/ui/state/StateTable.svelte';

function traceAt(batch: number): StateBatchTrace {
  const engine = new SparkStateEngine(parseQuery(sessions.query, 'spark'), { trace: true });
  const traces = sessions.batches
    .slice(0, batch + 1)
    .map((events, i) => engine.runBatch(events as Event[], sessions.batchTimes[i]).trace);
  const last = traces.at(-1);
  if (!last) throw new Error('no trace');
  return last;
}

describe('StateTable', () => {
  it('shows each key with its state and deadline, and the keys that timed out this batch', () => {
    render(StateTable, {
      trace: traceAt(3),
      processingTime: 60_000,
      stateful: sessions.query.stateful,
    });
    expect(screen.getByText(/compared with the processing time/).textContent).toContain('00:01:00');
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const [user2, user1] = rows as [HTMLElement, HTMLElement];
    expect(within(user2).getByRole('rowheader').textContent.trim()).toBe('user2');
    expect(user2.querySelector('.value')?.textContent).toBe(
      'start: 10:01:00, last: 10:02:00, count: 2',
    );
    expect(user2.querySelector('.deadline')?.textContent).toContain('00:01:10 (in 10 s)');
    expect(user2.classList.contains('timed-out')).toBe(false);
    expect(user1.classList.contains('timed-out')).toBe(true);
    expect(within(user1).getByText('timed out')).toBeTruthy();
    expect(user1.querySelector('.value')?.textContent).toBe('— (removed)');
    expect(user1.querySelector('.returned')?.textContent).toBe(
      '{start: 10:00:00, last: 10:01:20, count: 3, expired: true}',
    );
    expect(screen.getByText('1 timed out this batch.')).toBeTruthy();
  });

  it('says when no key has state, and that without a timeout nothing expires', () => {
    render(StateTable, {
      trace: { ...traceAt(0), state: [], calls: [] },
      processingTime: 0,
      stateful: { timeout: null },
    });
    expect(screen.getByText('No key has state.')).toBeTruthy();
    expect(screen.getByText(/No timeouts/)).toBeTruthy();
  });
});
