// Flink's parameter checks, in Flink's words: window assigners, allowed lateness and the
// bounded-out-of-orderness watermark refuse bad values when the job is built.
import type { Query } from './types';

export class FlinkParameterError extends Error {}

export function checkFlinkQuery(q: Query): void {
  const refuse = (message: string): never => {
    throw new FlinkParameterError(message);
  };
  const w = q.window;
  if (w.type === 'tumbling' && (w.sizeMs <= 0 || Math.abs(w.offsetMs) >= w.sizeMs)) {
    refuse('TumblingEventTimeWindows parameters must satisfy abs(offset) < size');
  }
  if (w.type === 'sliding' && (w.sizeMs <= 0 || Math.abs(w.offsetMs) >= w.slideMs)) {
    refuse('SlidingEventTimeWindows parameters must satisfy abs(offset) < slide and size > 0');
  }
  if (w.type === 'session' && w.gap.kind === 'fixed' && w.gap.gapMs <= 0) {
    refuse('EventTimeSessionWindows parameters must satisfy 0 < size');
  }
  if (q.allowedLatenessMs < 0) refuse('The allowed lateness cannot be negative.');
  if (q.watermarkDelayMs !== null && q.watermarkDelayMs < 0) {
    refuse('maxOutOfOrderness cannot be negative: the watermark delay must not be negative.');
  }
}
