import { describe, expect, it } from 'vitest';
import { LivePlayer, MAX_WAIT_MS, type LiveClock } from '../../src/ui/live-player';

/** A clock the test advances by hand; timers fire in due order. */
function fakeClock(): LiveClock & { advance: (ms: number) => Promise<void> } {
  let now = 0;
  const timers: { at: number; callback: () => void; id: number }[] = [];
  let ids = 0;
  return {
    now: () => now,
    setTimer: (callback, ms) => {
      timers.push({ at: now + ms, callback, id: ++ids });
      return ids;
    },
    clearTimer: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i !== -1) timers.splice(i, 1);
    },
    advance: async (ms) => {
      const until = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const t = timers[0];
        if (t === undefined || t.at > until) break;
        timers.shift();
        now = t.at;
        t.callback();
        await Promise.resolve();
        await Promise.resolve();
      }
      now = until;
    },
  };
}

/** Steps whose processing times are given; records the wall time of each step. */
function run(
  times: number[],
  clock: LiveClock,
): { target: ConstructorParameters<typeof LivePlayer>[0]; stepped: number[] } {
  let position = 0;
  const stepped: number[] = [];
  return {
    stepped,
    target: {
      at: () => (position === 0 ? null : (times[position - 1] ?? null)),
      nextAt: () => times[position] ?? null,
      step: () => {
        position++;
        stepped.push(clock.now());
        return Promise.resolve(true);
      },
    },
  };
}

describe('LivePlayer', () => {
  it('maps processing time to the wall clock by the speed factor, and stops at the end', async () => {
    const clock = fakeClock();
    const { target, stepped } = run([10_000, 20_000, 40_000], clock);
    const player = new LivePlayer(target, clock);
    player.play(10); // 10 s of processing time per wall second
    await clock.advance(10_000);
    expect(stepped).toEqual([0, 1_000, 3_000]);
    expect(player.isPlaying).toBe(false);
  });

  it('pauses and resumes, and never waits longer than the cap', async () => {
    const clock = fakeClock();
    const { target, stepped } = run([0, 1_000_000, 1_000_001], clock);
    const player = new LivePlayer(target, clock);
    player.play(1);
    await clock.advance(0);
    expect(stepped).toEqual([0]);
    player.pause();
    await clock.advance(60_000);
    expect(stepped).toEqual([0]);
    player.play(1);
    await clock.advance(MAX_WAIT_MS);
    expect(stepped).toEqual([0, 60_000 + MAX_WAIT_MS]);
  });

  it('refuses a speed that is not positive', () => {
    const clock = fakeClock();
    expect(() => new LivePlayer(run([], clock).target, clock).play(0)).toThrow(
      'speed must be greater than 0',
    );
  });
});
