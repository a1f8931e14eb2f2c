// How new marks enter the chart: they fall a little into place and fade in. With reduced motion
// (or `duration` 0) they simply appear.
import { cubicOut } from 'svelte/easing';
import type { TransitionConfig } from 'svelte/transition';

export interface FallParams {
  readonly reduced: boolean;
  /** Spread a step's many marks over a short cascade (ms per mark, capped). */
  readonly delay?: number;
}

export function fall(_node: Element, { reduced, delay = 0 }: FallParams): TransitionConfig {
  if (reduced) return { duration: 0 };
  return {
    delay: Math.min(delay, 300),
    duration: 450,
    easing: cubicOut,
    css: (t, u) => `opacity: ${String(t)}; transform: translateY(${String(-16 * u)}px)`,
  };
}

export function appear(_node: Element, { reduced }: { reduced: boolean }): TransitionConfig {
  if (reduced) return { duration: 0 };
  return { duration: 350, easing: cubicOut, css: (t) => `opacity: ${String(t)}` };
}
