// What the page shows of one step, worked out from the engine's report: the table's columns and
// rows, the caption, and the numbers beside it. Pure, so it is tested without a browser.
import { formatTime } from '../engine/event-time';
import { outputColumns } from '../engine/output-columns';
import { parseQuery } from '../engine/query-parse';
import type { Row, Semantics } from '../engine/types';
import type { Step } from '../worker/simulation';
import { queryColumns, resultColumns } from './result-table';

export interface StepFact {
  readonly label: string;
  readonly value: string;
}

export interface StepView {
  /** "Batch 4" (Spark, counted from 0 as Spark does) or "Record 12" (Flink). */
  readonly title: string;
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
  /** Rows of groups this step created or changed (highlighted in the table). */
  readonly changed: readonly Row[];
  readonly facts: readonly StepFact[];
  /** The events this step took in. */
  readonly input: readonly Row[];
  /** Flink: records this step sent to the late side output. */
  readonly lateOutput: readonly Row[];
}

const time = (ms: number | null): string =>
  ms === null ? 'none yet' : ms === Infinity ? 'end of input (+∞)' : formatTime(ms);

/** `columns`: the query's output columns (see queryColumns), or null to take them from the rows. */
export function stepView(
  step: Step,
  outputMode: string,
  columns: readonly string[] | null,
): StepView {
  if (step.kind === 'spark') {
    const r = step.result;
    const index = step.position - 1;
    return {
      title: `Batch ${String(index)}`,
      caption: `Batch ${String(index)} output · ${outputMode} mode`,
      columns: columns ?? resultColumns(r.rows),
      rows: r.rows,
      // In complete mode the table holds every group: mark those this batch changed. In update
      // and append mode every output row is a change, so nothing stands out.
      changed:
        outputMode === 'complete'
          ? step.trace.windows
              .filter((w) => w.kind === 'created' || w.kind === 'updated' || w.kind === 'merged')
              .map((w) => w.value)
          : [],
      input: step.input,
      lateOutput: [],
      facts: [
        { label: 'watermark in force', value: time(r.watermark) },
        { label: 'next watermark', value: time(step.trace.watermarkAfter) },
        { label: 'late groups dropped', value: String(r.dropped) },
        { label: 'late events', value: String(r.droppedEvents) },
        { label: 'state rows', value: String(r.stateRows) },
      ],
    };
  }
  const index = step.position - 1;
  return {
    title: `Record ${String(index)}`,
    caption: `Record ${String(index)}: windows fired`,
    columns: columns ?? resultColumns(step.emissions),
    rows: step.emissions,
    changed: [],
    input: [step.element],
    lateOutput: step.late,
    facts: [
      { label: 'watermark', value: time(step.trace.watermarkAfter) },
      { label: 'to late side output', value: String(step.late.length) },
      { label: 'windows in state', value: String(step.trace.stateWindows) },
    ],
  };
}

/** The output columns of a run's query for the table header; null when they come from the rows. */
export function tableColumns(query: unknown, semantics: Semantics): string[] | null {
  try {
    return queryColumns(outputColumns(parseQuery(query, semantics)));
  } catch {
    return null;
  }
}

/** The fields a query reads besides time (grouping, filter, aggregates), for event labels. */
export function queryFields(query: unknown, semantics: Semantics): string[] {
  try {
    const q = parseQuery(query, semantics);
    const fields = [
      // A joined event shows its input and its join keys (what pairs it with the other input).
      ...(q.join === undefined ? [] : ['$input', ...q.join.on.flat()]),
      ...q.groupBy,
      ...Object.keys(q.filter ?? {}),
      ...q.aggregates.flatMap((a) => [
        ...(a.field === null ? [] : [a.field]),
        ...Object.keys(a.where ?? {}),
      ]),
    ];
    return [...new Set(fields)].filter((f) => f !== q.time);
  } catch {
    return [];
  }
}
