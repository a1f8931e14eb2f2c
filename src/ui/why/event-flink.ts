// Flink's side of an event's fate in words: counted in which windows (and whether one fires
// again), or late by end − 1 + allowed lateness <= watermark and where it went.
import type { EventFate, LateDrop } from '../../engine/trace';
import {
  eventLine,
  flinkWatermarkLine,
  place,
  sessionLine,
  slidingLine,
  type Env,
} from './event-env';
import type { Explanation } from './explain-event';
import { duration, list } from './why-format';

function flinkLateClause(d: LateDrop, env: Env): string {
  const { clock } = env;
  return `${place(d.group, env)} (end − 1 + allowed lateness = ${clock.time(d.bound)} <= watermark ${clock.watermark(d.watermark)})`;
}

function flinkRules(env: Env): string {
  return `A window fires when the watermark reaches end − 1; an element is late for it once end − 1 + allowed lateness (${duration(env.s.allowedLatenessMs)}) <= the watermark.`;
}

export function flinkCounted(f: Extract<EventFate, { kind: 'counted' }>, env: Env): Explanation {
  const { s, clock, ctx } = env;
  const into = `${s.window.type === 'session' ? 'session ' : ''}${list(f.groups.map((g) => place(g, env)))}`;
  const wm = ctx.watermarkInForce;
  const windowed = f.groups[0]?.windowEnd !== null;
  let headline = `Counted in ${into}`;
  let main: string;
  const refires: string[] = [];
  if (f.late.length > 0) {
    headline += `; too late for ${list(f.late.map((d) => place(d.group, env)))}`;
    main = `Counted in ${into}; too late for ${list(f.late.map((d) => flinkLateClause(d, env)))}: Flink judges lateness per window.`;
  } else if (!windowed) {
    main = `Counted in ${into}: with no window Flink updates the group and emits its value on every element.`;
  } else if (wm === null) {
    main = `Counted in ${into}: no watermark yet (−∞), so nothing is late.`;
  } else {
    const bound =
      Math.min(...f.groups.map((g) => (g.windowEnd ?? Infinity) - 1)) + s.allowedLatenessMs;
    main = `Counted in ${into}: not late (${f.groups.length > 1 ? 'earliest ' : ''}end − 1 + allowed lateness = ${clock.time(bound)} > watermark ${clock.watermark(wm)}).`;
  }
  if (wm !== null) {
    for (const g of f.groups) {
      if (g.windowEnd === null || g.windowEnd - 1 > wm) continue;
      refires.push(
        `${place(g, env)} had already fired (end − 1 = ${clock.time(g.windowEnd - 1)} <= watermark ${clock.watermark(wm)}); within the allowed lateness of ${duration(s.allowedLatenessMs)} it takes the event and fires again at once.`,
      );
    }
  }
  return {
    headline,
    details: [
      main,
      ...refires,
      ...eventLine(f.eventTime, f.groups[0], env),
      ...slidingLine(f.groups.length + f.late.length, env),
      ...sessionLine(env),
      ...flinkWatermarkLine(env),
      ...(windowed ? [flinkRules(env)] : []),
    ],
  };
}

export function flinkLate(f: Extract<EventFate, { kind: 'late' }>, env: Env): Explanation {
  const { s, clock, ctx } = env;
  const side = f.sideOutput ?? s.lateOutput;
  const action = side ? 'sent to the late side output' : 'dropped silently (lateOutput is off)';
  const what = s.window.type === 'session' ? 'session' : f.late.length > 1 ? 'windows' : 'window';
  const main =
    f.late.length > 0
      ? `Late for ${what} ${list(f.late.map((d) => flinkLateClause(d, env)))}: ${action}.`
      : `Late: event time + allowed lateness = ${clock.time(f.eventTime + s.allowedLatenessMs)} <= watermark ${clock.watermark(ctx.watermarkInForce)}, and it falls in no window: ${action}.`;
  return {
    headline: side ? 'Late: sent to the side output' : 'Late: dropped',
    details: [
      main,
      ...eventLine(f.eventTime, f.late[0]?.group, env),
      ...flinkWatermarkLine(env),
      flinkRules(env),
    ],
  };
}
