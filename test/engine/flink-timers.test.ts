import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimerQueue, type Timer, type TimerOwner } from '../../src/engine/flink-timers';

const owner = (name: string): TimerOwner & { name: string } => ({ name, timers: [] });

describe('TimerQueue', () => {
  it('fires in time order, equal times in registration order, only up to the watermark', () => {
    const q = new TimerQueue<ReturnType<typeof owner>>();
    const a = owner('a');
    const b = owner('b');
    q.register(a, 30);
    q.register(b, 10);
    q.register(a, 10);
    q.register(b, 20);
    const fired: string[] = [];
    for (let t = q.pollUpTo(20); t !== null; t = q.pollUpTo(20))
      fired.push(`${t.owner.name}@${String(t.time)}`);
    expect(fired).toEqual(['b@10', 'a@10', 'b@20']);
    expect(q.pollUpTo(29)).toBeNull();
    expect(q.pollUpTo(30)?.owner.name).toBe('a');
  });

  it('keeps one timer per (owner, time) and skips deleted ones', () => {
    const q = new TimerQueue<ReturnType<typeof owner>>();
    const a = owner('a');
    q.register(a, 5);
    q.register(a, 5);
    q.register(a, 7);
    q.delete(a, 7);
    expect(q.pollUpTo(100)?.time).toBe(5);
    expect(q.pollUpTo(100)).toBeNull();
  });

  it('lists each live timer once for a snapshot, even after delete and register again', () => {
    const q = new TimerQueue<ReturnType<typeof owner>>();
    const a = owner('a');
    q.register(a, 5);
    q.delete(a, 5);
    q.register(a, 5);
    expect(q.live().map((t) => t.time)).toEqual([5]);
  });
});

describe('TimerQueue runs', () => {
  type Op =
    | { op: 'schedule'; time: number }
    | { op: 'reschedule'; time: number }
    | { op: 'register'; time: number }
    | { op: 'cancel'; pick: number }
    | { op: 'poll'; upTo: number };
  const time = fc.integer({ min: 0, max: 2 }).map((t) => t * 60_000 - 1);
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    { weight: 5, arbitrary: time.map((t): Op => ({ op: 'schedule', time: t })) },
    { weight: 1, arbitrary: time.map((t): Op => ({ op: 'reschedule', time: t })) },
    { weight: 1, arbitrary: time.map((t): Op => ({ op: 'register', time: t })) },
    { weight: 2, arbitrary: fc.nat().map((n): Op => ({ op: 'cancel', pick: n })) },
    { weight: 2, arbitrary: time.map((t): Op => ({ op: 'poll', upTo: t })) },
  );

  it('fire in (time, seq) order whatever runs the timers joined', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), (ops) => {
        const q = new TimerQueue<ReturnType<typeof owner>>();
        const pending: { time: number; seq: number; t: Timer<ReturnType<typeof owner>> }[] = [];
        let restoredSeq = 0;
        for (const o of ops) {
          if (o.op === 'schedule') {
            const s = q.nextSeq;
            pending.push({ time: o.time, seq: s, t: q.schedule(owner('x'), o.time) });
          } else if (o.op === 'reschedule') {
            // A restored timer: its seq below every scheduled one (as in a snapshot).
            const s = restoredSeq++ - 1000;
            pending.push({ time: o.time, seq: s, t: q.reschedule(owner('r'), o.time, s) });
          } else if (o.op === 'register') {
            // A listed timer takes the next seq too, between scheduled ones.
            const s = q.nextSeq;
            const a = owner('l');
            q.register(a, o.time);
            pending.push({
              time: o.time,
              seq: s,
              t: a.timers[0] as Timer<ReturnType<typeof owner>>,
            });
          } else if (o.op === 'cancel') {
            if (pending.length === 0) continue;
            const [p] = pending.splice(o.pick % pending.length, 1);
            if (p !== undefined) q.cancel(p.t);
          } else {
            pending.sort((a, b) => a.time - b.time || a.seq - b.seq);
            const due = pending.filter((p) => p.time <= o.upTo);
            pending.splice(0, due.length);
            const fired: number[] = [];
            for (let t = q.peek(); t !== undefined && t.time <= o.upTo; t = q.peek()) {
              q.pop();
              fired.push(t.seq);
              q.free(t);
            }
            expect(fired).toEqual(due.map((p) => p.seq));
          }
          expect(q.size).toBe(pending.length);
        }
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});
