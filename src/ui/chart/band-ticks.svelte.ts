// The window bands' numbers ticking from what they showed before a step to what the engine
// reports after it: one Tween of progress shared by every band that ticks, so a step costs one
// animation however many windows there are. With reduced motion the numbers change at once.
import { cubicOut } from 'svelte/easing';
import { Tween } from 'svelte/motion';
import { MOTION } from './chart-motion';
import { bandNumbers, NO_NUMBERS, tickStarts, tickValue, type WindowMotion } from './step-motion';
import type { PlacedWindow } from './window-lanes';

export class BandTicks {
  /** The numbers the bands showed last (plain, not state: only the next update reads it). */
  #before: ReadonlyMap<string, number> = NO_NUMBERS;
  /** Where each ticking band's number starts (replaced, never changed in place). */
  starts = $state.raw<ReadonlyMap<string, number>>(NO_NUMBERS);
  readonly progress = new Tween(1, { easing: cubicOut });

  /** Call when the bands change (a new step): works out which tick and starts them. */
  update(
    placed: readonly PlacedWindow[],
    motions: ReadonlyMap<string, WindowMotion>,
    reduced: boolean,
  ): void {
    const starts = tickStarts(placed, motions, this.#before);
    this.#before = bandNumbers(placed);
    this.starts = starts;
    void this.progress.set(0, { duration: 0 });
    void this.progress.set(1, {
      duration: reduced || starts.size === 0 ? 0 : MOTION.tick,
      delay: reduced ? 0 : MOTION.tickDelay,
    });
  }

  /** The number band `id` shows now, when it is ticking; else null (show the final text). */
  shown(id: string, to: number | null): number | null {
    const from = this.starts.get(id);
    if (from === undefined || to === null) return null;
    return tickValue(from, to, this.progress.current);
  }
}
