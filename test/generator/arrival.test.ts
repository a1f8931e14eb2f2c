// The arrival model on 100,000 events: arrival_ms − event_time_ms is the delay it describes,
// and changing it changes nothing but arrival_ms.
import { describe, expect, it } from 'vitest';
import { generateClickstream, type ArrivalModelInput } from '../../src/generator';
import { byId, mean } from './helpers';

const N = 100_000;
function delays(arrival: ArrivalModelInput): number[] {
  return generateClickstream({ events: N, seed: 21, arrival }).map(
    (e) => e.arrival_ms - e.event_time_ms,
  );
}

describe('arrival models', () => {
  it('none: arrival = event time, so the stream is in event-time order', () => {
    const events = generateClickstream({ events: N, seed: 21, arrival: { kind: 'none' } });
    expect(events.every((e) => e.arrival_ms === e.event_time_ms)).toBe(true);
    expect(events.every((e, i) => e.event_id === i + 1)).toBe(true);
  });

  it('uniform: delays within [0, maxDelay], mean maxDelay / 2', () => {
    const d = delays({ kind: 'uniform', maxDelay: '5 seconds' });
    expect(Math.min(...d)).toBe(0);
    expect(Math.max(...d)).toBe(5000);
    expect(mean(d) / 2500).toBeCloseTo(1, 1);
  });

  it('exponential: delays ≥ 0 with the configured mean', () => {
    const d = delays({ kind: 'exponential', meanDelay: '2 seconds' });
    expect(Math.min(...d)).toBeGreaterThanOrEqual(0);
    expect(Math.abs(mean(d) / 2000 - 1)).toBeLessThan(0.02);
  });

  it('stragglers: the configured share waits past baseDelay, up to maxDelay', () => {
    const d = delays({
      kind: 'stragglers',
      fraction: 0.1,
      maxDelay: '2 minutes',
      baseDelay: '1 second',
    });
    const stragglers = d.filter((x) => x > 1000);
    expect(Math.abs(stragglers.length / N - 0.1)).toBeLessThan(0.005);
    expect(Math.max(...d)).toBeLessThanOrEqual(120_000);
    expect(Math.min(...stragglers)).toBeGreaterThan(1000);
    expect(mean(stragglers) / 60_500).toBeCloseTo(1, 1);
    const noBase = delays({ kind: 'stragglers', fraction: 0.02, maxDelay: '10 seconds' });
    expect(noBase.filter((x) => x === 0).length / N).toBeCloseTo(0.98, 2);
  });

  it('makes late events real: some arrive after events with a later event time', () => {
    const events = generateClickstream({ events: 10_000 });
    let maxSeen = -Infinity;
    let outOfOrder = 0;
    for (const e of events) {
      if (e.event_time_ms < maxSeen) outOfOrder++;
      maxSeen = Math.max(maxSeen, e.event_time_ms);
    }
    expect(outOfOrder).toBeGreaterThan(100);
  });

  it('changes only arrival_ms (and so the order) when the model changes', () => {
    const strip = (arrival: ArrivalModelInput): string =>
      JSON.stringify(
        byId(generateClickstream({ events: 5000, seed: 3, arrival })).map((e) => ({
          ...e,
          arrival_ms: 0,
        })),
      );
    expect(strip({ kind: 'none' })).toBe(strip({ kind: 'exponential', meanDelay: '1 minute' }));
  });
});
