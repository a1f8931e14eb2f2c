// What the window explanations share: the window, its run's settings, the clock for its numbers,
// and what the timeline says around it (a session's earlier and later shapes, each step's watermark).
import type { Timeline, TimelineStep, TimelineWindow } from '../../worker/timeline';
import {
  Clock,
  keyText,
  keyValues,
  list,
  settingsOf,
  type WhyContext,
  type WhySettings,
} from './why-format';

export interface WindowEnv {
  readonly w: TimelineWindow;
  readonly ctx: WhyContext;
  readonly s: WhySettings;
  readonly clock: Clock;
  /** Its grouping values in words: "user = a" ('' without grouping). */
  readonly key: string;
  /** A session entry that a later event extended: the session it became (else null). */
  readonly grownInto: TimelineWindow | null;
  /** The earliest smaller shape of this session that later events extended or merged into it. */
  readonly grewFrom: TimelineWindow | null;
  /** Grouping on the raw event time (Spark): the group's time, its bound; else null. */
  readonly pointTime: number | null;
  /** "batch 3" (Spark) or "record 3" (Flink). */
  readonly name: (step: number) => string;
  /** "in batch 3" (Spark) or "at record 3" (Flink). */
  readonly at: (step: number) => string;
  /** "in batches 1 and 2", "at records 4, 6 and 9". */
  readonly atAll: (steps: readonly number[]) => string;
  readonly step: (index: number) => TimelineStep | undefined;
}

const contains = (outer: TimelineWindow, inner: TimelineWindow): boolean =>
  outer !== inner &&
  outer.key === inner.key &&
  outer.start !== null &&
  outer.end !== null &&
  inner.start !== null &&
  inner.end !== null &&
  outer.start <= inner.start &&
  outer.end >= inner.end;

/**
 * Sessions of one key never overlap, so a session still "open" inside another one is an earlier
 * shape of it: the timeline keys windows by their bounds, and a session that grows gets new ones.
 */
function grownInto(w: TimelineWindow, timeline: Timeline): TimelineWindow | null {
  if (w.status !== 'open' && w.status !== 'merged') return null;
  let next: TimelineWindow | null = null;
  for (const v of timeline.windows) {
    if (
      contains(v, w) &&
      v.firstStep >= w.lastStep &&
      (next === null || v.firstStep < next.firstStep)
    )
      next = v;
  }
  return next;
}

function grewFrom(w: TimelineWindow, timeline: Timeline): TimelineWindow | null {
  let first: TimelineWindow | null = null;
  for (const p of timeline.windows) {
    if (
      contains(w, p) &&
      (p.status === 'open' || p.status === 'merged') &&
      p.lastStep <= w.firstStep &&
      (first === null || p.firstStep < first.firstStep)
    )
      first = p;
  }
  return first;
}

export function windowEnv(w: TimelineWindow, timeline: Timeline, ctx: WhyContext): WindowEnv {
  const s = settingsOf(ctx);
  const session = s.window.type === 'session';
  const values = keyValues(w.key, s);
  const timeAt = s.groupBy.indexOf(s.time);
  const pointValue = w.start === null && timeAt >= 0 ? values[timeAt] : undefined;
  const pointTime = typeof pointValue === 'number' ? pointValue : null;
  const step = (index: number): TimelineStep | undefined =>
    timeline.steps[index - timeline.fromStep];
  const before = session ? grewFrom(w, timeline) : null;
  const after = session ? grownInto(w, timeline) : null;
  const bound = w.end ?? pointTime;
  const watermarks = [w.firstStep, w.lastStep, ...w.outputSteps].flatMap((i) => [
    step(i)?.watermarkBefore,
    step(i)?.watermarkAfter,
  ]);
  const delay = s.delayMs ?? 0;
  const derived =
    bound === null
      ? []
      : ctx.semantics === 'spark'
        ? [bound + delay]
        : [
            bound - 1,
            bound - 1 + s.allowedLatenessMs,
            bound + delay,
            bound + s.allowedLatenessMs + delay,
          ];
  const clock = new Clock(
    ctx.semantics,
    [w.start, w.end, pointTime],
    [...watermarks, ...derived, before?.start, before?.end, after?.start, after?.end],
  );
  const [noun, nouns, preposition] =
    ctx.semantics === 'spark' ? ['batch', 'batches', 'in'] : ['record', 'records', 'at'];
  const name = (i: number): string => `${noun} ${String(i)}`;
  return {
    w,
    ctx,
    s,
    clock,
    key: keyText(values, s, clock),
    grownInto: after,
    grewFrom: before,
    pointTime,
    name,
    at: (i) => `${preposition} ${name(i)}`,
    atAll: (steps) =>
      steps.length === 1
        ? `${preposition} ${name(steps[0] ?? 0)}`
        : `${preposition} ${nouns} ${list(steps.map(String))}`,
    step,
  };
}
