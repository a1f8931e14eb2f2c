// The node:vm runner: learner code runs with plain JavaScript only, a time limit per call, and
// errors that name their line in the learner's code.
import { describe, expect, it } from 'vitest';
import { nodeStateRunner } from '../../src/cli/node-state-runner';
import type { StateCall, StatefulSpec } from '../../src/engine/state-types';

const spec = (code: string): StatefulSpec => ({
  function: 'custom',
  api: 'flatMapGroupsWithState',
  operatorMode: 'update',
  timeout: 'processing',
  timeoutMs: null,
  field: null,
  as: 'total',
  code,
});
const call: StateCall = {
  key: 'a',
  values: [{ n: 2 }, { n: 3 }],
  exists: true,
  value: 10,
  hasTimedOut: false,
  timeout: 'processing',
  batchTimeMs: 5000,
  watermarkMs: null,
};

describe('nodeStateRunner', () => {
  it('runs update(key, values, state) and reports rows, the state change and the timeout', () => {
    const code =
      'const t = state.get() + values.reduce((s, v) => s + v.n, 0);\nstate.update(t);\nstate.setTimeoutDuration("1 second");\nreturn { key, t };';
    expect(nodeStateRunner(spec(code)).run([call])).toEqual([
      {
        ok: true,
        rows: [{ key: 'a', t: 15 }],
        change: { kind: 'updated', value: 15 },
        timeoutMs: 6000,
      },
    ]);
  });

  it('gives the line of an error in the body, and of a syntax error', () => {
    const [thrown] = nodeStateRunner(spec('const a = 1;\n\nnull.x;')).run([call]);
    expect(thrown).toMatchObject({ ok: false, name: 'TypeError', line: 3 });
    const [syntax] = nodeStateRunner(spec('return (;')).run([call]);
    expect(syntax).toMatchObject({ ok: false, name: 'SyntaxError', line: 1 });
    const [spark] = nodeStateRunner(spec('\nstate.remove();\nstate.get();')).run([call]);
    expect(spark).toMatchObject({ ok: false, name: 'NoSuchElementException', line: 3 });
  });

  it('stops a call that runs too long', () => {
    const [r] = nodeStateRunner(spec('for (;;) {}'), 50).run([call]);
    expect(r).toMatchObject({ ok: false, name: 'TimeoutError' });
  });

  it('cannot reach Node, the host or code generation from strings', () => {
    const code =
      'return { p: typeof process, r: typeof require, f: typeof fetch, g: typeof globalThis.setTimeout,' +
      ' e: (() => { try { return eval("1"); } catch (e) { return e.name; } })() };';
    const [r] = nodeStateRunner(spec(code)).run([call]);
    expect(r).toMatchObject({
      ok: true,
      rows: [{ p: 'undefined', r: 'undefined', f: 'undefined', g: 'undefined', e: 'EvalError' }],
    });
  });

  it('refuses a return value that is not rows', () => {
    const [r] = nodeStateRunner(spec('return 5;')).run([call]);
    expect(r).toMatchObject({ ok: false, name: 'TypeError' });
    if (!r?.ok) expect(r?.message).toContain('update must return rows');
  });
});
