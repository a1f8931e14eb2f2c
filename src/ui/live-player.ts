// Live mode: steps the run as its processing time passes, mapped to the wall clock by a speed
// factor (processing ms per wall ms). The clock and timer are injected, so tests drive time.

export interface LiveClock {
  readonly now: () => number;
  readonly setTimer: (callback: () => void, ms: number) => unknown;
  readonly clearTimer: (timer: unknown) => void;
}

export const WALL_CLOCK: LiveClock = {
  now: () => performance.now(),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (timer) => {
    clearTimeout(timer as ReturnType<typeof setTimeout>);
  },
};

/** What the player needs of the run: where it is in processing time, and a way to step. */
export interface LiveTarget {
  /** Processing time of the step just shown (null before the first) and of the next (null at the end). */
  readonly at: () => number | null;
  readonly nextAt: () => number | null;
  /** Runs the next step; resolves false when it could not. */
  readonly step: () => Promise<boolean>;
}

/** The longest wait between two steps (ms of wall time), so a quiet stretch does not stall play. */
export const MAX_WAIT_MS = 2_000;

export class LivePlayer {
  private timer: unknown = null;
  private playing = false;

  constructor(
    private readonly target: LiveTarget,
    private readonly clock: LiveClock = WALL_CLOCK,
  ) {}

  get isPlaying(): boolean {
    return this.playing;
  }

  /** Starts (or restarts at a new speed): the next step comes when its processing time is due. */
  play(speed: number): void {
    this.pause();
    if (!(speed > 0)) throw new Error('speed must be greater than 0');
    this.playing = true;
    this.schedule(speed);
  }

  pause(): void {
    this.playing = false;
    if (this.timer !== null) this.clock.clearTimer(this.timer);
    this.timer = null;
  }

  private schedule(speed: number): void {
    const next = this.target.nextAt();
    if (next === null) {
      this.pause();
      return;
    }
    const at = this.target.at();
    const wait = at === null ? 0 : Math.min(MAX_WAIT_MS, Math.max(0, (next - at) / speed));
    this.timer = this.clock.setTimer(() => {
      this.timer = null;
      void this.target.step().then((ok) => {
        if (!this.playing) return;
        if (ok) this.schedule(speed);
        else this.pause();
      });
    }, wait);
  }
}
