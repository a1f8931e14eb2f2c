// The compare form's model: what each kind of query can be compared with, and the second query.
import { describe, expect, it } from 'vitest';
import {
  compareChoices,
  compareFormFor,
  compareLabel,
  compareRequest,
} from '../../src/ui/compare-query';
import join from '../../lessons/12-impressions-joined-with-clicks/scenario.json';
import state from '../../lessons/09-running-totals-and-timeouts/scenario.json';
import demo from '../../src/ui/demo-scenario.json';

const values = (q: Record<string, unknown>) => compareChoices(q).map((c) => c.value);

describe('compareChoices', () => {
  it('offers the other engine only to a plain windowed query, a timeout only to state', () => {
    expect(values(demo.query)).toEqual(['none', 'semantics', 'watermark', 'mode']);
    expect(values(join.query)).toEqual(['none', 'watermark', 'mode']);
    expect(values(state.query)).toEqual(['none', 'watermark', 'mode', 'timeout']);
    expect(compareChoices(join.query)[1]?.label).toMatch(/per input/);
  });
});

describe('compareRequest', () => {
  it('a join compares per-input delays, never a query-level watermark', () => {
    const form = { ...compareFormFor(join.query, 'watermark'), rightDelay: '8 seconds' };
    expect(form.leftDelay).toBe('10 seconds');
    const out = compareRequest(join.query, 'spark', form);
    const q = out?.query as { watermark?: unknown; inputs: Record<string, { watermark: unknown }> };
    expect(q.watermark).toBeUndefined();
    expect(q.inputs.clicks?.watermark).toEqual({ delay: '8 seconds' });
    expect(q.inputs.impressions?.watermark).toEqual({ delay: '10 seconds' });
    expect(compareLabel(join.query, 'spark', form)).toBe(
      'Delays: impressions 10 seconds, clicks 8 seconds',
    );
    const none = compareRequest(join.query, 'spark', { ...form, leftDelay: ' ' });
    const inputs = (none?.query as { inputs: Record<string, { watermark: unknown }> }).inputs;
    expect(inputs.impressions?.watermark).toBeNull();
  });

  it('per-key state compares another timeout, keeping the function', () => {
    const form = { ...compareFormFor(state.query, 'timeout'), timeoutKind: 'processing' as const };
    expect(form.timeoutDuration).toBe('30 seconds');
    const q = compareRequest(state.query, 'spark', form)?.query as { stateful: unknown };
    expect(q.stateful).toEqual({
      ...state.query.stateful,
      timeout: { kind: 'processing', duration: '30 seconds' },
    });
    expect(compareLabel(state.query, 'spark', form)).toBe('Processing-time timeout 30 seconds');
  });

  it('custom code keeps its own deadlines: only the kind changes', () => {
    const custom = { ...state.query, stateful: { function: 'custom', code: 'return 1;' } };
    const form = { ...compareFormFor(custom, 'timeout'), timeoutKind: 'event' as const };
    const q = compareRequest(custom, 'spark', form)?.query as { stateful: { timeout: unknown } };
    expect(q.stateful.timeout).toEqual({ kind: 'event' });
  });

  it('the other engine, another mode, a plain delay, or nothing', () => {
    const base = compareFormFor(demo.query);
    expect(compareRequest(demo.query, 'spark', base)).toBeNull();
    expect(compareRequest(demo.query, 'spark', { ...base, choice: 'semantics' })?.semantics).toBe(
      'flink',
    );
    const mode = compareRequest(demo.query, 'spark', { ...base, choice: 'mode', mode: 'update' });
    expect(mode?.query.outputMode).toBe('update');
    const wm = compareRequest(demo.query, 'spark', { ...base, choice: 'watermark', delay: '' });
    expect(wm?.query.watermark).toBeNull();
    expect(compareLabel(demo.query, 'spark', { ...base, choice: 'watermark', delay: '' })).toBe(
      'Watermark delay none',
    );
  });
});
