// A Spark window's story in words: created, changed, output (as its output mode does), evicted
// when the watermark reached its end, and for one still open the event that would close it.
import type { WindowEnv } from './window-env';
import { duration } from './why-format';

/** "its end 12:10", or for a group on the raw event time "its ts 12:05". */
function boundText({ w, s, clock, pointTime }: WindowEnv): { bound: number; text: string } | null {
  if (w.end !== null) return { bound: w.end, text: `its end ${clock.time(w.end)}` };
  if (pointTime !== null)
    return { bound: pointTime, text: `its ${s.time} ${clock.time(pointTime)}` };
  return null;
}

/** "Emitted in batch 3 when the watermark reached 12:11 ≥ its end 12:10", from that step's watermarks. */
function closing(verb: string, index: number, env: WindowEnv): string {
  const { clock, at } = env;
  const b = boundText(env);
  const st = env.step(index);
  if (b === null || st === undefined) return `${verb} ${at(index)}`;
  if (st.watermarkBefore !== null && b.bound <= st.watermarkBefore) {
    return `${verb} ${at(index)}, which ran with the watermark ${clock.watermark(st.watermarkBefore)} ≥ ${b.text}`;
  }
  if (st.watermarkAfter !== null && b.bound <= st.watermarkAfter) {
    return `${verb} ${at(index)} when the watermark reached ${clock.watermark(st.watermarkAfter)} ≥ ${b.text} (in the no-data batch Spark ran after it)`;
  }
  return `${verb} ${at(index)}`;
}

function openOutput({ w, s, name }: WindowEnv): string {
  switch (s.outputMode) {
    case 'append':
      return 'Not output yet: append mode outputs it once, final, when the watermark reaches its end.';
    case 'complete':
      return `Complete mode outputs it in every batch from ${name(w.firstStep)} on.`;
    case 'update':
      return w.lastStep > w.firstStep
        ? `Update mode outputs it in each batch where it receives input (first in ${name(w.firstStep)}, most recently in ${name(w.lastStep)}).`
        : `Update mode outputs it in each batch where it receives input (so far in ${name(w.firstStep)}).`;
  }
}

export function sparkLifecycle(env: WindowEnv): string[] {
  const { w, clock, at, name, grownInto } = env;
  if (grownInto?.start != null && grownInto.end !== null) {
    const next = clock.span(grownInto.start, grownInto.end);
    return w.status === 'merged'
      ? [
          `Merged ${at(w.lastStep)} into session ${next} (sessions of one key that overlap or touch merge).`,
        ]
      : [
          `Grew into session ${next} ${at(grownInto.firstStep)}: a later event of this key extended it, so this entry is an earlier shape of that session.`,
        ];
  }
  switch (w.status) {
    case 'emitted':
      return [
        `${closing('Emitted', w.outputSteps.at(-1) ?? w.lastStep, env)}, then evicted: append mode outputs a window once, final.`,
      ];
    case 'evicted':
      return [
        `Update mode output it in each batch where it received input, from ${name(w.firstStep)} on.`,
        `${closing('Evicted', w.lastStep, env)}: update mode drops it from state without another output.`,
      ];
    case 'merged':
      return [`Merged ${at(w.lastStep)} into a larger session of this key.`];
    default:
      return [
        ...(w.lastStep > w.firstStep ? [`Last changed ${at(w.lastStep)}.`] : []),
        openOutput(env),
      ];
  }
}

function shows(env: WindowEnv): string {
  return env.s.outputMode === 'complete'
    ? 'complete mode shows it in every batch'
    : 'update mode shows it in each batch where it receives input';
}

export function sparkClosesWhen(env: WindowEnv): string | null {
  const { w, s, clock } = env;
  if (w.status !== 'open') return null;
  const b = boundText(env);
  if (b === null)
    return `Never closes: a group with no window stays in state for ever; ${shows(env)}.`;
  if (s.delayMs === null) {
    return `Never closes: without a watermark Spark keeps it in state for ever; ${shows(env)}.`;
  }
  if (s.outputMode === 'complete' && s.window.type !== 'session') {
    return 'Never closes: complete mode keeps every window in state for ever and shows it in every batch.';
  }
  const unless =
    s.window.type === 'session' ? ' (unless an event of this key extends the session first)' : '';
  const base = w.end !== null ? 'end' : s.time;
  const then =
    s.outputMode === 'update'
      ? 'in update mode it then leaves the state without another output'
      : s.noDataBatches
        ? 'in append mode it is output in that batch'
        : 'in append mode it is output in the next batch that has data (no-data batches are off)';
  return `Closes when the watermark reaches ${b.text}${unless}: an event of any key at ${clock.time(b.bound + s.delayMs)} or later (${base} + watermark delay ${duration(s.delayMs)}) would move the watermark there; ${then}.`;
}
