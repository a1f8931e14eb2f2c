import { describe, expect, it } from 'vitest';
import { TimerQueue, type TimerOwner } from '../../src/engine/flink-timers';

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
