// "Why?" for a row of a join: dropped as late for its side, joined and held with the range it
// can still match and the watermark that evicts it, or evicted (with a null row or not). The
// verdicts and numbers are the join trace's; the sentences only name the rule.
import { formatClock } from '../../engine/event-time';
import type { JoinEventFate, JoinSide } from '../../engine/join-types';
import type { JoinStep } from '../../worker/join-run';
import { laneRows, type LaneRow } from './join-lanes';

export interface JoinExplanation {
  readonly headline: string;
  readonly about: string;
  readonly lines: readonly string[];
}

const clock = (ms: number): string => formatClock(ms);
const range = (r: readonly [number, number]): string => `[${clock(r[0])}, ${clock(r[1])}]`;

/** A row's one-line label: its input, time and the fields the join keys on. */
export function rowLabel(
  step: JoinStep,
  side: JoinSide,
  event: Readonly<Record<string, unknown>>,
): string {
  const s = step.sides[side];
  const t = event[s.time];
  const keys = step.keys[side].map((k) => {
    const v = event[k];
    return typeof v === 'string' ? v : JSON.stringify(v ?? null);
  });
  return [
    s.name.replace(/s$/, ''),
    ...keys,
    typeof t === 'string' ? clock(Date.parse(t)) : String(t),
  ].join(' · ');
}

function policyLine(step: JoinStep): string {
  const t = step.trace;
  const each = t.inputs
    .map((i) => `${i.name} ${i.watermark === null ? 'none yet' : clock(i.watermark)}`)
    .join(', ');
  return `The watermark is the ${t.policy} of the inputs' own watermarks (after this batch: ${each}); a batch judges lateness with the value the previous batch left.`;
}

/** A row of this batch's input that was dropped before the join. */
export function explainDropped(
  step: JoinStep,
  fate: JoinEventFate,
  label: string,
): JoinExplanation {
  const about = `Row ${label}`;
  if (fate.kind === 'late') {
    const side = step.sides[fate.side].name;
    return {
      headline: `Dropped as late for the ${side} side`,
      about,
      lines: [
        `dropped: its time ${clock(fate.eventTime)} is at or before the watermark ${clock(fate.watermark)} that ${side} rows are judged by (the global watermark this batch ran with; rule event_time <= watermark).`,
        `It still moved the ${side} input's own watermark (its max event time − delay), as Spark's late rows do.`,
        policyLine(step),
      ],
    };
  }
  if (fate.kind === 'null-key')
    return {
      headline: 'Dropped: a join key is null',
      about,
      lines: [
        `"${fate.field}" is null, so it can never be equal to anything (Spark filters such rows before the join).`,
      ],
    };
  if (fate.kind === 'no-time')
    return {
      headline: 'Dropped: no event time',
      about,
      lines: [`"${fate.field}" is ${JSON.stringify(fate.value)}, not a time.`],
    };
  if (fate.kind === 'unknown-input')
    return {
      headline: 'Dropped: not one of the inputs',
      about,
      lines: [
        `Its $input is ${JSON.stringify(fate.value)}; the query's inputs are ${step.sides.left.name} and ${step.sides.right.name}.`,
      ],
    };
  return { headline: 'Joined', about, lines: [] };
}

/** A row the trace names by id: what it matched this batch, and whether it is held or evicted. */
export function explainRow(step: JoinStep, row: LaneRow, label: string): JoinExplanation {
  const side = row.info.side;
  const me = step.sides[side].name;
  const other = step.sides[side === 'left' ? 'right' : 'left'].name;
  const t = step.trace;
  const matched = t.joined.filter((j) => (side === 'left' ? j.left : j.right) === row.info.id);
  const partners = matched.filter((j) => (side === 'left' ? j.right : j.left) !== null).length;
  const lines: string[] = [];
  if (partners > 0)
    lines.push(
      `Matched ${String(partners)} ${partners === 1 ? 'row' : 'rows'} from ${other} in this batch: equal keys, and the times within the join's range.`,
    );
  else if (row.fresh) lines.push(`No ${other} row in the state matched it on arrival.`);
  const b = row.buffered;
  if (row.state === 'held' && b !== null) {
    if (b.range !== null)
      lines.push(
        `Held in the ${me} state: it can still match rows from ${other} with times in ${range(b.range)}.`,
      );
    else
      lines.push(
        `Held in the ${me} state: with no time range it can match any later ${other} row with the same key.`,
      );
    lines.push(
      b.evictAt === null
        ? `Never evicted: the join gives no state watermark for the ${me} side, so this state grows.`
        : `It leaves the state when the watermark reaches ${clock(b.evictAt)} (watermark after this batch: ${t.watermarkAfter === null ? 'none' : clock(t.watermarkAfter)}).`,
    );
    lines.push(
      b.matched
        ? 'It has matched before, so an outer join will not give it a null row.'
        : 'It has not matched yet.',
    );
    return { headline: `Held in the ${me} state`, about: `Row ${label}`, lines };
  }
  if (row.state === 'evicted') {
    const e = t.evictions.find((x) => x.row.id === row.info.id);
    if (e)
      lines.push(
        `Evicted: its time ${clock(e.row.eventTime)} is at or before the ${me} state watermark ${clock(e.stateWatermark)}, so no ${other} row that can still arrive could match it.`,
      );
    lines.push(
      row.nullRow
        ? `It never matched: the outer join emitted it with null ${other} fields.`
        : e?.row.matched
          ? 'It had matched, so nothing more comes out for it.'
          : 'It never matched, and this join emits nothing for unmatched rows.',
    );
    return {
      headline: row.nullRow ? 'Evicted with a null row' : 'Evicted from the state',
      about: `Row ${label}`,
      lines,
    };
  }
  lines.push(
    step.trace.events.some((f) => f.kind === 'joined' && f.id === row.info.id && !f.buffered)
      ? 'Not kept in the state: a left semi row that matched is emitted once, and a row past its state watermark on arrival cannot match again.'
      : 'Not in the state after this batch.',
  );
  return { headline: partners > 0 ? 'Joined' : 'Not joined', about: `Row ${label}`, lines };
}

/** The `index`-th event of the batch's input, explained from the join trace (null: no fate). */
export function explainInput(
  step: JoinStep,
  index: number,
  input: readonly Readonly<Record<string, unknown>>[],
  processingTime: number,
): JoinExplanation | null {
  const fate = step.trace.events[index];
  const event = input[index];
  if (fate === undefined || event === undefined) return null;
  const side = 'side' in fate ? fate.side : 'left';
  const label = rowLabel(step, side, event);
  if (fate.kind !== 'joined') return explainDropped(step, fate, label);
  const row = laneRows(step, processingTime).find((r) => r.info.id === fate.id);
  return row ? explainRow(step, row, label) : null;
}

/** The time field of an event's input (the left input's when it names none). */
export function timeFieldOf(step: JoinStep, event: Readonly<Record<string, unknown>>): string {
  return event.$input === step.sides.right.name ? step.sides.right.time : step.sides.left.time;
}
