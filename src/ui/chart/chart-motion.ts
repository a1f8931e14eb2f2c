// How a step moves on the chart: Svelte transitions for marks that arrive and for their trails up
// to the window strip, and a Web Animations flash for bands that close or leave the state. With
// reduced motion (or `reduced` true) nothing moves: everything simply appears in its place.
import type { Attachment } from 'svelte/attachments';
import { cubicInOut, cubicOut } from 'svelte/easing';
import type { TransitionConfig } from 'svelte/transition';
import type { WindowMotion } from './step-motion';

/** How long the pieces of a step's motion take (ms); they follow one another. */
export const MOTION = {
  /** A new mark travels in along its arrival row. */
  arrive: 450,
  /** The cascade of a big step's marks, at most. */
  cascade: 300,
  /** A trail rises from the mark to its window once the mark has landed. */
  rise: 450,
  riseDelay: 350,
  /** The band's number ticks up as the trails reach it. */
  tick: 500,
  tickDelay: 550,
} as const;

/**
 * Every moving SVG element costs style and paint work each frame, so motion is one by one only
 * up to these counts per step: a bigger step's marks (or new bands) appear in place, and at most
 * TRAILS_MAX trails rise (bench:ui measures it).
 */
export const MOVING_MAX = 100;
export const APPEARING_MAX = 40;
export const TRAILS_MAX = 40;

export interface ArriveParams {
  readonly reduced: boolean;
  /** Where it comes from, in pixels left of its place: the processing-time axis. */
  readonly dx: number;
  /** Spreads a step's many marks over a short cascade (ms, capped). */
  readonly delay?: number;
}

/** A new event mark comes in from the arrival edge (the processing-time axis) to its event time. */
export function arrive(_node: Element, { reduced, dx, delay = 0 }: ArriveParams): TransitionConfig {
  if (reduced) return { duration: 0 };
  return {
    delay: Math.min(delay, MOTION.cascade),
    duration: MOTION.arrive,
    easing: cubicOut,
    css: (t, u) =>
      `opacity: ${String(Math.min(1, t * 3))}; transform: translateX(${String(-dx * u)}px)`,
  };
}

export interface RiseParams {
  readonly reduced: boolean;
  /** How far up the window's lane is, in pixels. */
  readonly dy: number;
  readonly delay?: number;
}

/**
 * A trail from a landed mark up to the band that counted it. Its resting style is invisible, so it
 * shows only while the transition runs.
 */
export function rise(_node: Element, { reduced, dy, delay = 0 }: RiseParams): TransitionConfig {
  if (reduced) return { duration: 0 };
  return {
    delay: MOTION.riseDelay + Math.min(delay, MOTION.cascade),
    duration: MOTION.rise,
    easing: cubicInOut,
    css: (t) =>
      `opacity: ${String(Math.min(1, Math.sin(Math.PI * t) * 1.6))}; transform: translateY(${String(-dy * t)}px)`,
  };
}

export function appear(_node: Element, { reduced }: { reduced: boolean }): TransitionConfig {
  if (reduced) return { duration: 0 };
  return { duration: 350, easing: cubicOut, css: (t) => `opacity: ${String(t)}` };
}

const FLASH: Readonly<Record<Exclude<WindowMotion, 'counted'>, Keyframe[]>> = {
  closed: [{ opacity: 1 }, { opacity: 0.25 }, { opacity: 1 }, { opacity: 0.25 }, { opacity: 1 }],
  evicted: [{ opacity: 1 }, { opacity: 0.1, offset: 0.6 }, { opacity: 1 }],
};

/**
 * A band that closed flashes; one that left the state fades out and back as its dashed ghost.
 * `step` is only there so the attachment runs again for every new step.
 */
export function flash(
  motion: WindowMotion | undefined,
  step: number,
  reduced: boolean,
): Attachment<SVGElement> {
  return (node) => {
    if (reduced || motion === undefined || motion === 'counted' || step < 0) return;
    if (typeof node.animate !== 'function') return;
    const animation = node.animate(FLASH[motion], {
      duration: motion === 'closed' ? 900 : 800,
      delay: MOTION.tickDelay,
      easing: 'ease-in-out',
    });
    // Cancelling rejects `finished`: that is the expected end of a flash cut short.
    animation.finished.catch(() => undefined);
    return () => {
      animation.cancel();
    };
  };
}
