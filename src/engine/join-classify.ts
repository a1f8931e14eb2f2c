// The first step of a join batch: each input row to its side, or dropped with its reason (no
// input of that name, no event time, a null key where a match is needed, or late for its side).
import type { JoinTraceRecorder } from './join-trace';
import type { SideReader } from './join-rows';
import type { JoinSide, JoinSpec } from './join-types';
import type { MultiWatermark } from './join-watermarks';
import type { Event } from './types';

export interface Pending {
  readonly index: number;
  readonly event: Event;
  readonly time: number;
  readonly key: unknown;
  readonly nullKey: boolean;
}

/** Splits the input by side, dropping rows without time, with a null key or late. */
export function classify(
  events: readonly Event[],
  spec: JoinSpec,
  readers: readonly [SideReader, SideReader],
  wm: MultiWatermark | null,
  trace: JoinTraceRecorder | null,
): { left: Pending[]; right: Pending[]; late: number } {
  const left: Pending[] = [];
  const right: Pending[] = [];
  const preserves = (side: JoinSide): boolean =>
    spec.type === 'fullOuter' || spec.type === (side === 'left' ? 'leftOuter' : 'rightOuter');
  let late = 0;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as Event;
    const name = e.$input;
    const side: JoinSide | null =
      name === spec.left.name ? 'left' : name === spec.right.name ? 'right' : null;
    if (side === null) {
      trace?.fate(i, { kind: 'unknown-input', value: name ?? null });
      continue;
    }
    const reader = side === 'left' ? readers[0] : readers[1];
    const time = reader.timeOf(e);
    if (time === null) {
      trace?.fate(i, {
        kind: 'no-time',
        field: reader.input.time,
        value: e[reader.input.time] ?? null,
      });
      continue;
    }
    const nullField = reader.nullKeyField(e);
    // Spark infers `key IS NOT NULL` below the watermark for a side whose rows need a match.
    if (nullField !== null && !preserves(side)) {
      trace?.fate(i, { kind: 'null-key', side, field: nullField });
      continue;
    }
    wm?.observe(spec.inputs.indexOf(reader.input), time);
    if (wm !== null && reader.input.delayMs !== null && time <= wm.lastBatch) {
      late++;
      trace?.fate(i, {
        kind: 'late',
        side,
        eventTime: time,
        rule: 'event_time <= watermark',
        watermark: wm.lastBatch,
      });
      continue;
    }
    const pending = {
      index: i,
      event: e,
      time,
      key: reader.keyOf(e),
      nullKey: nullField !== null,
    };
    (side === 'left' ? left : right).push(pending);
  }
  return { left, right, late };
}
