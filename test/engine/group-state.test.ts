// GroupState's checks and messages, as Spark's GroupStateImpl has them; and that the function
// runs from its source text alone (a sandbox embeds it that way).
import { describe, expect, it } from 'vitest';
import {
  createGroupState,
  groupStateSource,
  type GroupStateInit,
} from '../../src/engine/group-state';

const init: GroupStateInit = {
  exists: false,
  value: null,
  hasTimedOut: false,
  timeout: 'none',
  batchTimeMs: 1000,
  watermarkMs: null,
};

function fresh(over: Partial<GroupStateInit> = {}): ReturnType<typeof createGroupState> {
  return createGroupState({ ...init, ...over });
}

describe('GroupState', () => {
  it('get on missing state throws NoSuchElementException', () => {
    const { state } = fresh();
    expect(state.exists).toBe(false);
    expect(state.getOption()).toBeUndefined();
    expect(() => state.get()).toThrow('State is either not defined or has already been removed');
  });

  it('update(null) and update(undefined) are refused; a value is kept as JSON', () => {
    const { state, outcome } = fresh();
    expect(() => state.update(null)).toThrow("'null' is not a valid state value");
    expect(() => state.update(undefined)).toThrow("'null' is not a valid state value");
    expect(() => state.update(() => 1)).toThrow('plain data');
    const v = { n: 1 };
    state.update(v);
    v.n = 2; // changed after update: Spark keeps the object, so the stored value has n = 2
    expect(outcome()).toEqual({ change: { kind: 'updated', value: { n: 2 } }, timeoutMs: null });
  });

  it('remove after update removes; update after remove updates', () => {
    const a = fresh({ exists: true, value: 5 });
    a.state.update(6);
    a.state.remove();
    expect(a.state.exists).toBe(false);
    expect(a.outcome().change).toEqual({ kind: 'removed' });
    const b = fresh({ exists: true, value: 5 });
    b.state.remove();
    b.state.update(7);
    expect(b.outcome().change).toEqual({ kind: 'updated', value: 7 });
    expect(fresh({ exists: true, value: 5 }).outcome().change).toEqual({ kind: 'unchanged' });
  });

  it('setTimeoutDuration needs a processing-time timeout and a positive duration', () => {
    expect(() => fresh().state.setTimeoutDuration(1000)).toThrow(
      'Cannot set timeout duration without enabling processing time timeout in [map|flatMap]GroupsWithState',
    );
    const { state, outcome } = fresh({ timeout: 'processing' });
    expect(() => state.setTimeoutDuration(0)).toThrow('Timeout duration must be positive');
    expect(() => state.setTimeoutDuration('-5 seconds')).toThrow(
      'Provided duration (-5 seconds) is negative',
    );
    expect(() => state.setTimeoutDuration('soon')).toThrow("Error parsing 'soon' to interval");
    state.setTimeoutDuration('1 minute 30 seconds');
    expect(outcome().timeoutMs).toBe(1000 + 90_000);
  });

  it('setTimeoutTimestamp needs an event-time timeout, a positive time, not before the watermark', () => {
    expect(() => fresh({ timeout: 'processing' }).state.setTimeoutTimestamp(5000)).toThrow(
      'Cannot set timeout timestamp without enabling event time timeout in [map|flatMap]GroupsWithState',
    );
    const { state, outcome } = fresh({ timeout: 'event', watermarkMs: 5000 });
    expect(() => state.setTimeoutTimestamp(0)).toThrow('Timeout timestamp must be positive');
    expect(() => state.setTimeoutTimestamp(4999)).toThrow(
      'Timeout timestamp (4999) cannot be earlier than the current watermark (5000)',
    );
    state.setTimeoutTimestamp(5000); // equal to the watermark is allowed
    expect(outcome().timeoutMs).toBe(5000);
    state.setTimeoutTimestamp(new Date(6000), '1 second');
    expect(outcome().timeoutMs).toBe(7000);
  });

  it('a call that sets no timeout leaves none', () => {
    expect(fresh({ timeout: 'processing', exists: true, value: 1 }).outcome().timeoutMs).toBeNull();
  });

  it('clocks: processing time always, the watermark only when the query has one', () => {
    expect(fresh().state.getCurrentProcessingTimeMs()).toBe(1000);
    expect(() => fresh().state.getCurrentWatermarkMs()).toThrow(
      'Cannot get event time watermark timestamp without setting watermark before [map|flatMap]GroupsWithState',
    );
    expect(fresh({ watermarkMs: 42 }).state.getCurrentWatermarkMs()).toBe(42);
    expect(fresh({ timeout: 'event', hasTimedOut: true }).state.hasTimedOut).toBe(true);
  });

  it('errors carry Spark exception names', () => {
    try {
      fresh().state.get();
    } catch (err) {
      expect((err as Error).name).toBe('NoSuchElementException');
    }
    expect.assertions(1);
  });

  it('runs from its source text alone', () => {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the embedding under test
    const evaluate = new Function(`return ${groupStateSource()}`) as () => typeof createGroupState;
    const make = evaluate();
    const { state, outcome } = make({ ...init, timeout: 'processing' });
    state.update({ a: 1 });
    state.setTimeoutDuration('2 seconds');
    expect(outcome()).toEqual({ change: { kind: 'updated', value: { a: 1 } }, timeoutMs: 3000 });
    expect(() => state.update(null)).toThrow("'null' is not a valid state value");
  });
});
