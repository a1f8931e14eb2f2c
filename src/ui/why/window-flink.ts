// A Flink window's story in words: created, fired when the watermark reached end − 1, fired again
// by late elements within the allowed lateness, cleared at end − 1 + allowed lateness; and for a
// window not done yet, which element would fire or clear it.
import type { WindowEnv } from './window-env';
import { duration } from './why-format';

/** " when the watermark reached 00:00:10.999 ≥ end − 1 = 00:00:09.999", from step `index`'s watermarks. */
function reached(index: number, threshold: number, expr: string, env: WindowEnv): string {
  const { clock } = env;
  const after = env.step(index)?.watermarkAfter ?? null;
  const t = `${expr} = ${clock.time(threshold)}`;
  if (after === null) return '';
  if (after === Infinity) return ` when $end moved the watermark to +∞ ≥ ${t}`;
  return ` when the watermark reached ${clock.watermark(after)} ≥ ${t}`;
}

function fired(index: number, end: number, env: WindowEnv): string {
  const { clock, at, s } = env;
  const before = env.step(index)?.watermarkBefore ?? null;
  if (before !== null && before >= end - 1) {
    return `Fired ${at(index)} at once: it took a late element after the watermark ${clock.watermark(before)} had passed end − 1 = ${clock.time(end - 1)}, within the allowed lateness of ${duration(s.allowedLatenessMs)}.`;
  }
  return `Fired ${at(index)}${reached(index, end - 1, 'end − 1', env)}.`;
}

export function flinkLifecycle(env: WindowEnv): string[] {
  const { w, s, clock, at, atAll, grownInto } = env;
  if (grownInto?.start != null && grownInto.end !== null) {
    return [
      `Merged ${at(w.lastStep)} into session ${clock.span(grownInto.start, grownInto.end)}: a new element of this key overlapped it, and Flink merged the windows into one.`,
    ];
  }
  const lines: string[] = [];
  if (w.start === null || w.end === null) {
    if (w.lastStep > w.firstStep) lines.push(`Last changed ${at(w.lastStep)}.`);
    lines.push('With no window, Flink emits its running value on every element.');
    return lines;
  }
  const [first, ...again] = w.outputSteps;
  if (first === undefined) {
    if (w.lastStep > w.firstStep) lines.push(`Last changed ${at(w.lastStep)}.`);
    if (w.status === 'open') lines.push('Not fired yet.');
  } else {
    lines.push(fired(first, w.end, env));
    if (again.length > 0) {
      lines.push(
        `Fired again ${atAll(again)}: each time a late element within the allowed lateness of ${duration(s.allowedLatenessMs)} joined it.`,
      );
    }
  }
  if (w.status === 'cleared') {
    const bound = w.end - 1 + s.allowedLatenessMs;
    lines.push(
      `State cleared ${at(w.lastStep)}${reached(w.lastStep, bound, 'end − 1 + allowed lateness', env)}.`,
    );
  }
  if (w.status === 'merged')
    lines.push(`Merged ${at(w.lastStep)} into a larger session of this key.`);
  return lines;
}

/** Which elements would move the watermark to `threshold` or past it. */
function movers(threshold: number, expr: string, env: WindowEnv): string {
  const { s, clock } = env;
  const marker = `a $watermark marker ≥ ${clock.time(threshold)}, or $end`;
  if (s.delayMs === null) {
    return `${marker} (with no watermark delay set, events do not move the watermark)`;
  }
  return `an event of any key at ${clock.time(threshold + s.delayMs + 1)} or later (${expr} + delay ${duration(s.delayMs)} + 1 ms), ${marker}`;
}

export function flinkClosesWhen(env: WindowEnv): string | null {
  const { w, s, clock } = env;
  if (w.start === null || w.end === null) {
    return w.status === 'open'
      ? 'Never fires: with no window Flink emits the running value on every element.'
      : null;
  }
  if (w.status === 'open') {
    const unless =
      s.window.type === 'session' ? ' (unless a new element of this key extends it first)' : '';
    const t = w.end - 1;
    return `Fires when the watermark reaches end − 1 = ${clock.time(t)}${unless}: ${movers(t, 'end − 1', env)}.`;
  }
  if (w.status === 'fired' && s.allowedLatenessMs > 0) {
    const t = w.end - 1 + s.allowedLatenessMs;
    return `Its state is cleared when the watermark reaches end − 1 + allowed lateness = ${clock.time(t)}: ${movers(t, 'end − 1 + allowed lateness', env)}; until then each late element fires it again.`;
  }
  return null;
}
