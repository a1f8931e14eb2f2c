// Says in words what happened to one window, from the run's timeline (built from the engine's
// trace): when it was created, output, evicted or cleared, its latest value, and for a window
// still open what would close it. The timeline keeps first, last and output steps, not every update.
import type { Timeline, TimelineWindow } from '../../worker/timeline';
import { flinkClosesWhen, flinkLifecycle } from './window-flink';
import { windowEnv, type WindowEnv } from './window-env';
import { sparkClosesWhen, sparkLifecycle } from './window-spark';
import { valueText, type WhyContext } from './why-format';

export interface WindowExplanation {
  /** "Window 12:00–12:10 (user = a): emitted". */
  readonly headline: string;
  /** Its story in order: created, changed, output, evicted or cleared, its value. */
  readonly lifecycle: readonly string[];
  /** For a window still open: what would close (Spark) or fire (Flink) it; null otherwise. */
  readonly closesWhen: string | null;
}

export function explainWindow(
  window: TimelineWindow,
  timeline: Timeline,
  ctx: WhyContext,
): WindowExplanation {
  const env = windowEnv(window, timeline, ctx);
  const spark = ctx.semantics === 'spark';
  return {
    headline: `${label(env)}: ${statusWord(env)}`,
    lifecycle: [
      ...origin(env),
      ...(spark ? sparkLifecycle(env) : flinkLifecycle(env)),
      ...valueLine(env),
    ],
    closesWhen: env.grownInto !== null ? null : spark ? sparkClosesWhen(env) : flinkClosesWhen(env),
  };
}

function label({ w, s, clock, key }: WindowEnv): string {
  if (w.start === null || w.end === null) return key === '' ? 'Running total' : `Group ${key}`;
  const what = s.window.type === 'session' ? 'Session' : 'Window';
  return `${what} ${clock.span(w.start, w.end)}${key === '' ? '' : ` (${key})`}`;
}

function statusWord({ w, grownInto }: WindowEnv): string {
  if (grownInto !== null && w.status === 'open') return 'extended';
  if (w.status === 'cleared') return w.outputSteps.length > 0 ? 'fired and cleared' : 'cleared';
  return w.status;
}

/** Created, or (a session) begun as a smaller one that later events extended or merged. */
function origin(env: WindowEnv): string[] {
  const { w, at, clock, grewFrom } = env;
  if (grewFrom?.start == null || grewFrom.end === null) {
    return [`Created ${at(w.firstStep)}.`];
  }
  return [
    `Began ${at(grewFrom.firstStep)} as session ${clock.span(grewFrom.start, grewFrom.end)}; later events of this key extended or merged it into this one ${at(w.firstStep)}.`,
  ];
}

function valueLine({ w, s, grownInto, ctx }: WindowEnv): string[] {
  if (w.value === null) return [];
  const text = valueText(w.value, s);
  if (text === '') return [];
  const which =
    grownInto !== null || w.status === 'merged'
      ? 'Value before it became part of the larger session'
      : w.status === 'open'
        ? 'Value now'
        : w.status === 'emitted'
          ? 'Output value (final)'
          : w.status === 'evicted'
            ? 'Value when evicted'
            : ctx.semantics === 'flink' && w.status === 'fired'
              ? 'Value at its latest firing'
              : 'Last value';
  return [`${which}: ${text}.`];
}
