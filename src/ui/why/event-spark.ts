// Spark's side of an event's fate in words: counted in which windows, or dropped as late by
// which comparison (window_end, session_end or the raw event time against the watermark).
import type { EventFate, LateDrop } from '../../engine/trace';
import {
  eventLine,
  place,
  sessionLine,
  slidingLine,
  sparkWatermarkLine,
  type Env,
} from './event-env';
import type { Explanation } from './explain-event';
import { duration, list } from './why-format';

type Counted = Extract<EventFate, { kind: 'counted' }>;

export function sparkCounted(f: Counted, env: Env): Explanation {
  const { s, clock } = env;
  const session = s.window.type === 'session';
  const into = `${session ? 'session ' : ''}${list(f.groups.map((g) => place(g, env)))}`;
  let headline = `Counted in ${into}`;
  let main: string;
  if (f.late.length > 0) {
    const refused = f.late.map(
      (d) =>
        `${place(d.group, env)} (ended ${clock.time(d.bound)} <= watermark ${clock.watermark(d.watermark)})`,
    );
    headline += `; too late for ${list(f.late.map((d) => place(d.group, env)))}`;
    main = `Counted in ${into}; too late for ${list(refused)}: Spark judges lateness per window, not per event.`;
  } else {
    main = `Counted in ${into}: ${notLate(f, env)}`;
  }
  return {
    headline,
    details: [
      main,
      ...eventLine(f.eventTime, f.groups[0], env),
      ...slidingLine(f.groups.length + f.late.length, env),
      ...sessionLine(env),
      ...sparkWatermarkLine(env),
    ],
  };
}

/** Why no group refused the event, with the comparison that let it in. */
function notLate(f: Counted, env: Env): string {
  const { s, clock, ctx } = env;
  const wm = ctx.watermarkInForce;
  const inForce = `the watermark ${clock.watermark(wm)} in force for this batch`;
  const windowed = f.groups[0]?.windowStart !== null;
  if (!windowed && s.groupBy.includes(s.time) && f.eventTime !== null && wm !== null) {
    const t = clock.time(f.eventTime);
    return `its event time ${t} is after ${inForce} (${s.time} ${t} > watermark ${clock.watermark(wm)}).`;
  }
  if (!windowed) return 'with no window the group never closes, and nothing is late for it.';
  if (s.delayMs === null || wm === null)
    return 'without a watermark Spark never drops data as late.';
  const w = s.window;
  if (w.type === 'session') {
    if (w.gap.kind !== 'fixed' || f.eventTime === null) {
      return `its own session [event time, event time + gap) ends after ${inForce}.`;
    }
    const own = f.eventTime + w.gap.gapMs;
    return `its own session ${clock.span(f.eventTime, own)} ends after ${inForce} (session_end ${clock.time(own)} > watermark ${clock.watermark(wm)}).`;
  }
  if (s.outputMode === 'complete')
    return 'complete mode keeps every window and drops nothing as late.';
  const end = Math.min(...f.groups.map((g) => g.windowEnd ?? Infinity));
  return f.groups.length > 1
    ? `each of its windows ends after ${inForce} (earliest window_end ${clock.time(end)} > watermark ${clock.watermark(wm)}).`
    : `its window ends after ${inForce} (window_end ${clock.time(end)} > watermark ${clock.watermark(wm)}).`;
}

function sparkLateSentence(late: readonly LateDrop[], eventTime: number, env: Env): string {
  const { clock, s } = env;
  const [first] = late;
  if (first === undefined) return 'Dropped as late.';
  const wm = clock.watermark(first.watermark);
  const g = first.group;
  switch (first.rule) {
    case 'session_end <= watermark':
      return `Dropped as late: its own session ${place(g, env)} (event time + gap ${duration(first.bound - (g.windowStart ?? first.bound))}) ended at or before the watermark ${wm} in force for this batch (session_end ${clock.time(first.bound)} <= watermark ${wm}).`;
    case 'event_time <= watermark': {
      const t = clock.time(eventTime);
      return `Dropped as late: its event time ${t} is at or before the watermark ${wm} in force for this batch (${s.time} ${t} <= watermark ${wm}).`;
    }
    default:
      if (late.length === 1) {
        return `Dropped as late: its window ${place(g, env)} ended at or before the watermark ${wm} in force for this batch (window_end ${clock.time(first.bound)} <= watermark ${wm}).`;
      }
      return `Dropped as late: each of its windows ended at or before the watermark ${wm} in force for this batch (${late
        .map(
          (d) =>
            `${place(d.group, env)}: window_end ${clock.time(d.bound)} <= watermark ${clock.watermark(d.watermark)}`,
        )
        .join('; ')}).`;
  }
}

const SPARK_RULE_NOTE: Readonly<Record<LateDrop['rule'], string>> = {
  'window_end <= watermark':
    'Spark judges lateness per window, not per event: a window is closed to input once its end <= the watermark.',
  'session_end <= watermark':
    'Spark checks the session an event opens on its own, [t, t + gap), before any merging, in every output mode.',
  'event_time <= watermark':
    'Grouped on the raw event-time column, a row is late when its time <= the watermark.',
  'window_end - 1 + allowed_lateness <= watermark': '',
};

export function sparkLate(f: Extract<EventFate, { kind: 'late' }>, env: Env): Explanation {
  const rule = f.late[0]?.rule;
  return {
    headline: 'Dropped as late',
    details: [
      sparkLateSentence(f.late, f.eventTime, env),
      ...eventLine(f.eventTime, f.late[0]?.group, env),
      ...(rule === undefined ? [] : [SPARK_RULE_NOTE[rule]]),
      ...slidingLine(f.late.length, env),
      ...sparkWatermarkLine(env),
    ],
  };
}
