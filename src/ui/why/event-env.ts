// What the event explanations share: the run's context and settings, the clock chosen for the
// explanation, and the phrases for a group's place, the event's time and key, and the watermark.
import type { GroupRef } from '../../engine/trace';
import { duration, keyText, type Clock, type WhyContext, type WhySettings } from './why-format';

export interface Env {
  readonly ctx: WhyContext;
  readonly s: WhySettings;
  readonly clock: Clock;
}

/** Where a group sits: "12:00–12:10", or "group ts = 12:05" when grouping on the raw time. */
export function place(g: GroupRef, env: Env): string {
  if (g.windowStart !== null && g.windowEnd !== null) {
    return env.clock.span(g.windowStart, g.windowEnd);
  }
  const key = keyText(g.key, env.s, env.clock);
  return key === '' ? 'the running total' : `group ${key}`;
}

export function eventLine(
  eventTime: number | null,
  group: GroupRef | undefined,
  env: Env,
): string[] {
  const { s, clock } = env;
  const key =
    group === undefined || s.groupBy.every((f) => f === s.time) ? '' : keyText(group.key, s, clock);
  if (eventTime === null) return key === '' ? [] : [`Key: ${key}.`];
  return [`Event time ${clock.time(eventTime)}${key === '' ? '' : `; key: ${key}`}.`];
}

export function slidingLine(windows: number, env: Env): string[] {
  const w = env.s.window;
  if (w.type !== 'sliding' || windows < 2) return [];
  return [
    `Sliding windows of ${duration(w.sizeMs)} every ${duration(w.slideMs)} overlap: this event belongs to ${String(windows)} of them.`,
  ];
}

export function sessionLine(env: Env): string[] {
  return env.s.window.type === 'session'
    ? [
        'Each event opens its own session [t, t + gap); sessions of one key that overlap or touch merge into one.',
      ]
    : [];
}

/** How the watermark in force came to be (nothing without a watermark). */
export function sparkWatermarkLine({ ctx, s, clock }: Env): string[] {
  if (s.delayMs === null || ctx.watermarkInForce === null) return [];
  return [
    `${ctx.stepTitle} ran with the watermark ${clock.watermark(ctx.watermarkInForce)}${clock.startNote(ctx.watermarkInForce)}; Spark sets it after each batch to the max event time seen − delay ${duration(s.delayMs)}, and never moves it back.`,
  ];
}

export function flinkWatermarkLine({ ctx, s, clock }: Env): string[] {
  const wm = clock.watermark(ctx.watermarkInForce);
  return [
    s.delayMs === null
      ? `When ${ctx.stepTitle} arrived the watermark was ${wm}; with no watermark delay set, only $watermark markers and $end move it.`
      : `When ${ctx.stepTitle} arrived the watermark was ${wm}; Flink moves it after each record to the max timestamp seen − delay ${duration(s.delayMs)} − 1 ms (or to a $watermark marker).`,
  ];
}
