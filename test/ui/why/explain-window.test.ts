import { describe, expect, it } from 'vitest';
import type { Event, Semantics } from '../../../src/engine/types';
import { explainWindow, type WindowExplanation } from '../../../src/ui/why/explain-window';
import { Simulation } from '../../../src/worker/simulation';
import type { RunInput } from '../../../src/worker/run-input';

const T = (h: number, m: number): number => Date.UTC(2023, 6, 30, h, m);
const S = (s: number): number => s * 1000;

/** Runs the whole input and explains every window of the timeline, keyed "start|key". */
function explainAll(
  semantics: Semantics,
  query: Record<string, unknown>,
  input: RunInput,
): Map<string, WindowExplanation> {
  const sim = new Simulation({ semantics, query, input });
  sim.seek(sim.length);
  const timeline = sim.timeline();
  const ctx = { semantics, query, watermarkInForce: null, stepTitle: 'now' };
  return new Map(
    timeline.windows.map((w) => [
      `${String(w.start)}-${String(w.end)}|${w.key}`,
      explainWindow(w, timeline, ctx),
    ]),
  );
}

function pick(all: Map<string, WindowExplanation>, id: string): WindowExplanation {
  const e = all.get(id);
  if (e === undefined) throw new Error(`no window ${id}; have ${[...all.keys()].join(', ')}`);
  return e;
}

const batches = (...b: Event[][]): RunInput => ({ kind: 'batches', batches: b });
const stream = (...s: Event[]): RunInput => ({ kind: 'stream', stream: s });

const tumbling = {
  time: 'ts',
  window: { type: 'tumbling', size: '10 minutes' },
  groupBy: ['user'],
  aggregates: [{ fn: 'count', as: 'n' }],
  watermark: { delay: '10 minutes' },
  outputMode: 'append',
};

describe('explainWindow, Spark', () => {
  // Batch 1's 12:21 moves the watermark to 12:11: its no-data batch emits 12:00–12:10.
  const input = batches(
    [{ ts: T(12, 3), user: 'a' }],
    [{ ts: T(12, 21), user: 'b' }],
    [{ ts: T(12, 25), user: 'b' }],
  );

  it('append: emitted when the watermark passed its end, then evicted', () => {
    const all = explainAll('spark', tumbling, input);
    expect(pick(all, `${String(T(12, 0))}-${String(T(12, 10))}|a`)).toEqual({
      headline: 'Window 12:00–12:10 (user = a): emitted',
      lifecycle: [
        'Created in batch 0.',
        'Emitted in batch 1 when the watermark reached 12:11 ≥ its end 12:10 (in the no-data batch Spark ran after it), then evicted: append mode outputs a window once, final.',
        'Output value (final): n = 1.',
      ],
      closesWhen: null,
    });
  });

  it('append: an open window says which event would close it', () => {
    const all = explainAll('spark', tumbling, input);
    expect(pick(all, `${String(T(12, 20))}-${String(T(12, 30))}|b`)).toEqual({
      headline: 'Window 12:20–12:30 (user = b): open',
      lifecycle: [
        'Created in batch 1.',
        'Last changed in batch 2.',
        'Not output yet: append mode outputs it once, final, when the watermark reaches its end.',
        'Value now: n = 2.',
      ],
      closesWhen:
        'Closes when the watermark reaches its end 12:30: an event of any key at 12:40 or later (end + watermark delay 10 min) would move the watermark there; in append mode it is output in that batch.',
    });
  });

  it('append without no-data batches: output in the next batch that has data', () => {
    const query = { ...tumbling, noDataMicroBatches: false };
    const all = explainAll('spark', query, input);
    expect(pick(all, `${String(T(12, 0))}-${String(T(12, 10))}|a`).lifecycle[1]).toBe(
      'Emitted in batch 2, which ran with the watermark 12:11 ≥ its end 12:10, then evicted: append mode outputs a window once, final.',
    );
    expect(pick(all, `${String(T(12, 20))}-${String(T(12, 30))}|b`).closesWhen).toBe(
      'Closes when the watermark reaches its end 12:30: an event of any key at 12:40 or later (end + watermark delay 10 min) would move the watermark there; in append mode it is output in the next batch that has data (no-data batches are off).',
    );
  });

  it('update: evicted silently, and open windows leave the state when closed', () => {
    const query = {
      ...tumbling,
      groupBy: [],
      window: { type: 'sliding', size: '10 minutes', slide: '5 minutes' },
      outputMode: 'update',
    };
    const all = explainAll(
      'spark',
      query,
      batches([{ ts: T(12, 7) }], [{ ts: T(12, 21) }], [{ ts: T(12, 9) }]),
    );
    expect(pick(all, `${String(T(12, 0))}-${String(T(12, 10))}|`)).toEqual({
      headline: 'Window 12:00–12:10: evicted',
      lifecycle: [
        'Created in batch 0.',
        'Update mode output it in each batch where it received input, from batch 0 on.',
        'Evicted in batch 1 when the watermark reached 12:11 ≥ its end 12:10 (in the no-data batch Spark ran after it): update mode drops it from state without another output.',
        'Value when evicted: n = 1.',
      ],
      closesWhen: null,
    });
    expect(pick(all, `${String(T(12, 5))}-${String(T(12, 15))}|`)).toEqual({
      headline: 'Window 12:05–12:15: open',
      lifecycle: [
        'Created in batch 0.',
        'Last changed in batch 2.',
        'Update mode outputs it in each batch where it receives input (first in batch 0, most recently in batch 2).',
        'Value now: n = 2.',
      ],
      closesWhen:
        'Closes when the watermark reaches its end 12:15: an event of any key at 12:25 or later (end + watermark delay 10 min) would move the watermark there; in update mode it then leaves the state without another output.',
    });
  });

  it.each([
    ['complete', 'complete mode shows it in every batch'],
    ['update', 'update mode shows it in each batch where it receives input'],
  ])('without a watermark a window never closes (%s mode)', (outputMode, shows) => {
    const query = { ...tumbling, watermark: null, outputMode };
    const all = explainAll('spark', query, batches([{ ts: T(12, 3), user: 'a' }]));
    const e = pick(all, `${String(T(12, 0))}-${String(T(12, 10))}|a`);
    expect(e.closesWhen).toBe(
      `Never closes: without a watermark Spark keeps it in state for ever; ${shows}.`,
    );
  });

  it('complete mode with a watermark still never closes a window', () => {
    const query = { ...tumbling, outputMode: 'complete' };
    const all = explainAll('spark', query, input);
    const e = pick(all, `${String(T(12, 0))}-${String(T(12, 10))}|a`);
    expect(e.lifecycle).toContain('Complete mode outputs it in every batch from batch 0 on.');
    expect(e.closesWhen).toBe(
      'Never closes: complete mode keeps every window in state for ever and shows it in every batch.',
    );
  });

  it('a session that a later event extended is merged into the session it became', () => {
    const query = {
      ...tumbling,
      window: { type: 'session', gap: '5 seconds' },
      watermark: { delay: '30 seconds' },
    };
    const all = explainAll(
      'spark',
      query,
      batches(
        [{ ts: S(1), user: 'a' }],
        [{ ts: S(12), user: 'a' }],
        [{ ts: S(7), user: 'a' }],
        [{ ts: S(100), user: 'b' }],
      ),
    );
    expect(pick(all, `${String(S(12))}-${String(S(17))}|a`)).toEqual({
      // The event at 7 s opens [7 s, 12 s), which touches [12 s, 17 s): Spark merges them.
      headline: 'Session 00:00:12–00:00:17 (user = a): merged',
      lifecycle: [
        'Created in batch 1.',
        'Merged in batch 2 into session 00:00:07–00:00:17 (sessions of one key that overlap or touch merge).',
        'Value before it became part of the larger session: n = 1.',
      ],
      closesWhen: null,
    });
    expect(pick(all, `${String(S(7))}-${String(S(17))}|a`).lifecycle.slice(0, 2)).toEqual([
      'Began in batch 1 as session 00:00:12–00:00:17; later events of this key extended or merged it into this one in batch 2.',
      'Emitted in batch 3 when the watermark reached 00:01:10 ≥ its end 00:00:17 (in the no-data batch Spark ran after it), then evicted: append mode outputs a window once, final.',
    ]);
    expect(pick(all, `${String(S(100))}-${String(S(105))}|b`).closesWhen).toBe(
      'Closes when the watermark reaches its end 00:01:45 (unless an event of this key extends the session first): an event of any key at 00:02:15 or later (end + watermark delay 30 s) would move the watermark there; in append mode it is output in that batch.',
    );
  });

  it('a group on the raw event time closes when the watermark reaches its time', () => {
    const query = {
      time: 'ts',
      groupBy: ['ts'],
      aggregates: [{ fn: 'count', as: 'n' }],
      watermark: { delay: '5 seconds' },
      outputMode: 'append',
    };
    const all = explainAll('spark', query, batches([{ ts: S(1) }], [{ ts: S(12) }]));
    expect(pick(all, 'null-null|1000').lifecycle[1]).toBe(
      'Emitted in batch 1 when the watermark reached 00:00:07 ≥ its ts 00:00:01 (in the no-data batch Spark ran after it), then evicted: append mode outputs a window once, final.',
    );
    expect(pick(all, 'null-null|12000')).toMatchObject({
      headline: 'Group ts = 00:00:12: open',
      closesWhen:
        'Closes when the watermark reaches its ts 00:00:12: an event of any key at 00:00:17 or later (ts + watermark delay 5 s) would move the watermark there; in append mode it is output in that batch.',
    });
  });
});

const flinkTumbling = {
  time: 'ts',
  window: { type: 'tumbling', size: '10 seconds' },
  aggregates: [{ fn: 'count', as: 'n' }],
  watermark: { delay: '5 seconds' },
};

describe('explainWindow, Flink', () => {
  it('fired by the watermark, fired again by late elements, then cleared', () => {
    const query = { ...flinkTumbling, allowedLateness: '2 seconds' };
    const all = explainAll(
      'flink',
      query,
      stream({ ts: S(1) }, { ts: S(16) }, { ts: S(9) }, { ts: S(3) }, { ts: S(18) }),
    );
    expect(pick(all, `0-${String(S(10))}|`)).toEqual({
      headline: 'Window 00:00:00–00:00:10: fired and cleared',
      lifecycle: [
        'Created at record 0.',
        'Fired at record 1 when the watermark reached 00:00:10.999 ≥ end − 1 = 00:00:09.999.',
        'Fired again at records 2 and 3: each time a late element within the allowed lateness of 2 s joined it.',
        'State cleared at record 4 when the watermark reached 00:00:12.999 ≥ end − 1 + allowed lateness = 00:00:11.999.',
        'Last value: n = 3.',
      ],
      closesWhen: null,
    });
    expect(pick(all, `${String(S(10))}-${String(S(20))}|`)).toEqual({
      headline: 'Window 00:00:10–00:00:20: open',
      lifecycle: [
        'Created at record 1.',
        'Last changed at record 4.',
        'Not fired yet.',
        'Value now: n = 2.',
      ],
      closesWhen:
        'Fires when the watermark reaches end − 1 = 00:00:19.999: an event of any key at 00:00:25 or later (end − 1 + delay 5 s + 1 ms), a $watermark marker ≥ 00:00:19.999, or $end.',
    });
  });

  it('a fired window kept for the allowed lateness says what clears it', () => {
    const query = { ...flinkTumbling, allowedLateness: '10 seconds' };
    const all = explainAll('flink', query, stream({ ts: S(1) }, { ts: S(16) }));
    expect(pick(all, `0-${String(S(10))}|`)).toEqual({
      headline: 'Window 00:00:00–00:00:10: fired',
      lifecycle: [
        'Created at record 0.',
        'Fired at record 1 when the watermark reached 00:00:10.999 ≥ end − 1 = 00:00:09.999.',
        'Value at its latest firing: n = 1.',
      ],
      closesWhen:
        'Its state is cleared when the watermark reaches end − 1 + allowed lateness = 00:00:19.999: an event of any key at 00:00:25 or later (end − 1 + allowed lateness + delay 5 s + 1 ms), a $watermark marker ≥ 00:00:19.999, or $end; until then each late element fires it again.',
    });
  });

  it('without a watermark delay only markers move the watermark', () => {
    const query = { ...flinkTumbling, watermark: null };
    const all = explainAll(
      'flink',
      query,
      stream({ ts: S(1) }, { ts: S(12) }, { $watermark: S(10) }, { ts: S(25) }, { $end: true }),
    );
    expect(pick(all, `0-${String(S(10))}|`).lifecycle[1]).toBe(
      'Fired at record 2 when the watermark reached 00:00:10 ≥ end − 1 = 00:00:09.999.',
    );
    expect(pick(all, `${String(S(20))}-${String(S(30))}|`).lifecycle[1]).toBe(
      'Fired at record 4 when $end moved the watermark to +∞ ≥ end − 1 = 00:00:29.999.',
    );

    const open = explainAll('flink', query, stream({ ts: S(1) }));
    expect(pick(open, `0-${String(S(10))}|`).closesWhen).toBe(
      'Fires when the watermark reaches end − 1 = 00:00:09.999: a $watermark marker ≥ 00:00:09.999, or $end (with no watermark delay set, events do not move the watermark).',
    );
  });

  it('session windows: merged into the session a new element made', () => {
    const query = {
      ...flinkTumbling,
      window: { type: 'session', gap: '5 seconds' },
      groupBy: ['u'],
      watermark: { delay: '2 seconds' },
    };
    const all = explainAll(
      'flink',
      query,
      stream({ ts: S(1), u: 'a' }, { ts: S(3), u: 'a' }, { ts: S(40), u: 'b' }),
    );
    expect(pick(all, `${String(S(1))}-${String(S(6))}|a`)).toEqual({
      headline: 'Session 00:00:01–00:00:06 (u = a): merged',
      lifecycle: [
        'Created at record 0.',
        'Merged at record 1 into session 00:00:01–00:00:08: a new element of this key overlapped it, and Flink merged the windows into one.',
        'Value before it became part of the larger session: n = 1.',
      ],
      closesWhen: null,
    });
    expect(pick(all, `${String(S(1))}-${String(S(8))}|a`).lifecycle).toEqual([
      'Began at record 0 as session 00:00:01–00:00:06; later events of this key extended or merged it into this one at record 1.',
      'Fired at record 2 when the watermark reached 00:00:37.999 ≥ end − 1 = 00:00:07.999.',
      'State cleared at record 2 when the watermark reached 00:00:37.999 ≥ end − 1 + allowed lateness = 00:00:07.999.',
      'Last value: n = 2.',
    ]);
    expect(pick(all, `${String(S(40))}-${String(S(45))}|b`).closesWhen).toBe(
      'Fires when the watermark reaches end − 1 = 00:00:44.999 (unless a new element of this key extends it first): an event of any key at 00:00:47 or later (end − 1 + delay 2 s + 1 ms), a $watermark marker ≥ 00:00:44.999, or $end.',
    );
  });
});
