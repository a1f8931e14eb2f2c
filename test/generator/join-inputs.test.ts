// The generator's two inputs for a join: impressions and the clicks that refer to them, tagged
// with `$input`, each arriving with its own delay; a generated run joins as the engine expects.
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/engine/query-parse';
import { SparkJoinEngine } from '../../src/engine/spark-join';
import type { Event } from '../../src/engine/types';
import { generateClickstream, joinInputs, JOIN_INPUTS } from '../../src/generator';

function batchesOf(events: readonly Event[], size: number): Event[][] {
  const out: Event[][] = [];
  for (let i = 0; i < events.length; i += size) out.push(events.slice(i, i + size));
  return out;
}

describe('joinInputs', () => {
  const events = generateClickstream({ events: 4000, ads: { clickThroughRate: 0.3 } });
  const stream = joinInputs(events);

  it('tags each ad event with its input and its side’s field names, in arrival order', () => {
    const ads = events.filter((e) => e.event_type === 'impression' || e.event_type === 'click');
    expect(stream).toHaveLength(ads.length);
    stream.forEach((e, i) => {
      expect(e.arrival_ms).toBe(ads[i]?.arrival_ms);
      if (e.$input === 'impressions') expect(e.impression_time).toBe(ads[i]?.event_timestamp);
      else expect(e.click_time).toBe(ads[i]?.event_timestamp);
    });
    expect(Object.keys(JOIN_INPUTS)).toEqual(['impressions', 'clicks']);
  });

  it('gives clicks that refer to impressions and arrive with their own delays', () => {
    const impressions = new Map<string, { time: number; arrival: number }>();
    for (const e of stream)
      if (e.$input === 'impressions')
        impressions.set(e.impression_id, {
          time: Date.parse(e.impression_time),
          arrival: e.arrival_ms,
        });
    const clicks = stream.filter((e) => e.$input === 'clicks');
    expect(clicks.length).toBeGreaterThan(20);
    let ownDelay = 0;
    for (const c of clicks) {
      const imp = impressions.get(c.click_impression_id);
      expect(imp).toBeDefined();
      if (imp === undefined) continue;
      const t = Date.parse(c.click_time);
      expect(t - imp.time).toBeGreaterThanOrEqual(1000);
      expect(t - imp.time).toBeLessThanOrEqual(10_000);
      if (c.arrival_ms - t !== imp.arrival - imp.time) ownDelay++;
    }
    expect(ownDelay).toBeGreaterThan(clicks.length / 2);
  });

  it('joins every click with its impression when nothing is late', () => {
    const inOrder = joinInputs(
      generateClickstream({
        events: 3000,
        ads: { clickThroughRate: 0.3 },
        arrival: { kind: 'none' },
      }),
    );
    const query = parseQuery(
      {
        inputs: {
          impressions: { ...JOIN_INPUTS.impressions, watermark: { delay: '1 minute' } },
          clicks: { ...JOIN_INPUTS.clicks, watermark: { delay: '1 minute' } },
        },
        join: {
          left: 'impressions',
          right: 'clicks',
          type: 'inner',
          on: [['impression_id', 'click_impression_id']],
          between: { lower: '0 seconds', upper: '10 seconds' },
        },
        outputMode: 'append',
      },
      'spark',
    );
    const engine = new SparkJoinEngine(query);
    let joined = 0;
    for (const batch of batchesOf(inOrder, 100))
      joined += engine.runBatch(batch).result.rows.length;
    expect(joined).toBe(inOrder.filter((e) => e.$input === 'clicks').length);
  });
});
