// The front page's demo: one shared golden scenario (clicks per user in 1-minute tumbling
// windows), run by the engine in the page, reshaped into what the batch cards show.
import { parseScenario, runScenario, type ScenarioResult } from '../engine/index';
import demoScenario from './demo-scenario.json';
import { resultColumns, type ResultRow } from './result-table';

export interface DemoBatch {
  readonly index: number;
  /** The events that arrived in this micro-batch. */
  readonly input: readonly ResultRow[];
  readonly watermark: number | null;
  readonly rows: readonly ResultRow[];
  readonly dropped: number;
  readonly stateRows: number;
}

export type DemoRun =
  | {
      readonly ok: true;
      readonly name: string;
      readonly outputMode: string;
      readonly columns: readonly string[];
      readonly batches: readonly DemoBatch[];
    }
  | { readonly ok: false; readonly name: string; readonly error: string };

export const DEMO_SCENARIO = demoScenario;

/** Runs the demo; a parse or engine error becomes `{ ok: false }` with its message. */
export function runDemo(): DemoRun {
  const json = demoScenario;
  const { name } = json;
  let result: ScenarioResult;
  try {
    result = runScenario(parseScenario(json));
  } catch (error) {
    return { ok: false, name, error: error instanceof Error ? error.message : String(error) };
  }
  if ('error' in result) return { ok: false, name, error: result.error };
  const batches = result.batches.map((batch, index): DemoBatch => ({
    index,
    input: json.batches[index] ?? [],
    watermark: batch.watermark,
    rows: batch.rows,
    dropped: batch.dropped,
    stateRows: batch.stateRows,
  }));
  const columns = resultColumns(batches.flatMap((batch) => batch.rows));
  return { ok: true, name, outputMode: json.query.outputMode, columns, batches };
}
