// Says in words why one event did what it did, from its fate in the engine's trace: which
// windows took it, which refused it and the comparison that decided. Nothing is re-judged here:
// the verdicts and their numbers are the engine's, the sentences only add the rule's name.
import type { EventFate, GroupRef, LateDrop } from '../../engine/trace';
import { eventLine, type Env } from './event-env';
import { flinkCounted, flinkLate } from './event-flink';
import { sparkCounted, sparkLate } from './event-spark';
import { Clock, duration, settingsOf, type WhyContext, type WhySettings } from './why-format';

export type { WhyContext } from './why-format';

export interface Explanation {
  /** The verdict in a few words: "Dropped as late", "Counted in 12:00–12:10". */
  readonly headline: string;
  /** Sentences with the numbers, the deciding one first. */
  readonly details: readonly string[];
}

export function explainEvent(traced: EventFate, ctx: WhyContext): Explanation {
  const fate = inTimeOrder(traced);
  const s = settingsOf(ctx);
  const env: Env = { ctx, s, clock: clockFor(fate, ctx, s) };
  switch (fate.kind) {
    case 'counted':
      return ctx.semantics === 'spark' ? sparkCounted(fate, env) : flinkCounted(fate, env);
    case 'late':
      return ctx.semantics === 'spark' ? sparkLate(fate, env) : flinkLate(fate, env);
    case 'filtered':
      return filtered(fate, env);
    case 'no-time':
      return noTime(fate, env);
    case 'no-gap':
      return noGap(fate, env);
    case 'passed':
      return passed(fate, env);
    case 'no-window':
      return noWindow(fate, env);
  }
}

const byStart = (a: GroupRef, b: GroupRef): number => (a.windowStart ?? 0) - (b.windowStart ?? 0);

/** The same fate with its windows listed earliest first (the trace lists them as they came). */
function inTimeOrder(fate: EventFate): EventFate {
  const late = (drops: readonly LateDrop[]): LateDrop[] =>
    [...drops].sort((a, b) => byStart(a.group, b.group));
  if (fate.kind === 'counted') {
    return { ...fate, groups: [...fate.groups].sort(byStart), late: late(fate.late) };
  }
  return fate.kind === 'late' ? { ...fate, late: late(fate.late) } : fate;
}

/** Every time an explanation may print, so the clock picks one precision for them all. */
function clockFor(fate: EventFate, ctx: WhyContext, s: WhySettings): Clock {
  const groups = fate.kind === 'counted' ? fate.groups : [];
  const drops = fate.kind === 'counted' || fate.kind === 'late' ? fate.late : [];
  const bounds = [...groups, ...drops.map((d) => d.group)].flatMap((g) => [
    g.windowStart,
    g.windowEnd,
  ]);
  const eventTime = 'eventTime' in fate ? fate.eventTime : null;
  const derived: (number | null)[] = [];
  if (ctx.semantics === 'flink') {
    // end − 1 and end − 1 + allowed lateness: Flink's bounds, to the millisecond.
    for (const g of groups) {
      if (g.windowEnd !== null)
        derived.push(g.windowEnd - 1, g.windowEnd - 1 + s.allowedLatenessMs);
    }
    if (eventTime !== null) derived.push(eventTime + s.allowedLatenessMs);
  } else if (s.window.type === 'session' && s.window.gap.kind === 'fixed' && eventTime !== null) {
    derived.push(eventTime + s.window.gap.gapMs);
  }
  return new Clock(
    ctx.semantics,
    [eventTime, ...bounds],
    [ctx.watermarkInForce, ...drops.flatMap((d) => [d.bound, d.watermark]), ...derived],
  );
}

function engineName(env: Env): string {
  return env.ctx.semantics === 'spark' ? 'Spark' : 'Flink';
}

function filtered(f: Extract<EventFate, { kind: 'filtered' }>, env: Env): Explanation {
  return {
    headline: 'Filtered out',
    details: [
      `Filtered out: ${f.field} is ${JSON.stringify(f.actual ?? null)}, the query keeps ${JSON.stringify(f.expected ?? null)}.`,
      env.ctx.semantics === 'spark'
        ? 'The filter runs first: the event reaches no window and does not move the watermark.'
        : "The filter runs after the source: the event reaches no window, but its time still counts toward the watermark (Flink's watermark generator sits at the source).",
    ],
  };
}

function noTime(f: Extract<EventFate, { kind: 'no-time' }>, env: Env): Explanation {
  const value =
    f.value === null || f.value === undefined
      ? 'null'
      : `${JSON.stringify(f.value)}, not a timestamp`;
  const need =
    env.s.window.type === 'none' ? 'every element needs a timestamp' : 'a window needs a time';
  return {
    headline: 'No event time',
    details: [
      `No event time: field ${f.field} is ${value}, so ${engineName(env)} drops it (${need}).`,
      'Without a time it does not move the watermark either.',
    ],
  };
}

function noGap(f: Extract<EventFate, { kind: 'no-gap' }>, env: Env): Explanation {
  const gap = env.s.window.type === 'session' ? env.s.window.gap : null;
  const what =
    f.gapMs !== null
      ? `its gap is ${duration(f.gapMs)}`
      : gap !== null && gap.kind !== 'fixed'
        ? `the gap read from field ${gap.field} is missing or <= 0`
        : 'its gap is missing';
  return {
    headline: 'No session gap',
    details: [
      `No session gap: ${what}, so Spark drops it (a session needs a gap > 0).`,
      ...eventLine(f.eventTime, undefined, env),
    ],
  };
}

function passed(f: Extract<EventFate, { kind: 'passed' }>, env: Env): Explanation {
  return {
    headline: 'Passed through',
    details: [
      'Passed through: the query has no aggregation, so Spark outputs each event as it arrives.',
      ...eventLine(f.eventTime, undefined, env),
      ...(env.s.delayMs === null
        ? []
        : [
            'A watermark drops late rows only where Spark keeps state (aggregations); a plain selection keeps every row.',
          ]),
    ],
  };
}

function noWindow(f: Extract<EventFate, { kind: 'no-window' }>, env: Env): Explanation {
  const w = env.s.window;
  const why =
    w.type === 'sliding' ? ` (slide ${duration(w.slideMs)} > size ${duration(w.sizeMs)})` : '';
  return {
    headline: 'In no window',
    details: [
      `Falls in no window${why}: the windows leave gaps between them and its time is in one, so ${engineName(env)} drops it.`,
      ...eventLine(f.eventTime, undefined, env),
    ],
  };
}
