// The built-ins computed directly (state-builtins-direct.ts) answer every call exactly as the
// same built-ins run against GroupState do: rows (with key order), state change, deadline,
// errors. Random calls include the odd ones the direct path leaves to GroupState.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinRunner, groupStateBuiltin } from '../../src/engine/state-builtins';
import type { StateCall, StatefulSpec } from '../../src/engine/state-types';

const time = fc.oneof(
  fc.integer({ min: -5, max: 200_000 }),
  fc.constantFrom(null, -0, 0, 1.5, '1970-01-01T00:00:01Z', 'x', Number.NaN),
);
const value = fc.oneof(
  fc.integer({ min: -10, max: 100 }),
  fc.record({
    start: fc.oneof(fc.constant(null), fc.integer()),
    last: fc.oneof(fc.constant(null), fc.integer()),
    count: fc.nat(),
  }),
  fc.constantFrom(
    null,
    'text',
    -0,
    { start: -0, last: 0, count: 1 },
    { last: 1, start: 1, count: 1 },
    { start: 1, last: 2, count: 3, extra: true },
    [1],
    {},
  ),
);
const specArb = fc.record({
  function: fc.constantFrom('running_total' as const, 'session' as const),
  api: fc.constantFrom('flatMapGroupsWithState' as const, 'mapGroupsWithState' as const),
  operatorMode: fc.constant('update' as const),
  timeout: fc.constantFrom('none' as const, 'processing' as const, 'event' as const),
  timeoutMs: fc.oneof(fc.constant(null), fc.integer({ min: -10, max: 60_000 })),
  field: fc.constantFrom('amount', 'ts', '__proto__'),
  as: fc.constantFrom('total', '__proto__', 'ts'),
  code: fc.constant(null),
});
const callArb = fc.record({
  key: fc.constant('k'),
  values: fc.array(
    fc.record({
      ts: time,
      amount: fc.oneof(fc.integer({ min: -9, max: 9 }), fc.constantFrom(null, 'a', 0.5)),
    }),
    { maxLength: 4 },
  ),
  exists: fc.boolean(),
  value,
  hasTimedOut: fc.boolean(),
  batchTimeMs: fc.integer({ min: 0, max: 100_000 }),
  watermarkMs: fc.oneof(fc.constant(null), fc.integer({ min: -100, max: 200_000 })),
});

describe('direct built-ins', () => {
  it('answer every call as the GroupState built-ins do', () => {
    fc.assert(
      fc.property(specArb, callArb, fc.constantFrom('ts', null), (spec, c, timeField) => {
        const s = spec as StatefulSpec;
        const call = { ...c, timeout: s.timeout, value: c.exists ? c.value : null } as StateCall;
        const direct = builtinRunner(s, timeField)?.run([call]);
        const reference = groupStateBuiltin(s, timeField)?.run([call]);
        expect(direct).toEqual(reference);
        expect(JSON.stringify(direct)).toBe(JSON.stringify(reference));
        const signs = (x: unknown): unknown =>
          JSON.stringify(x, (_k, v: unknown) => (Object.is(v, -0) ? '-0' : v));
        expect(signs(direct)).toBe(signs(reference));
      }),
      { numRuns: 3000 },
    );
  });
});
