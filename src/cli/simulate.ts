// `npm run simulate -- [--json | --check] FILE...`: runs scenario files through the engine and
// prints each batch as Spark's console sink would (default), one JSON line per file (--json),
// or a comparison with the file's `expected` (--check, exit 1 on any difference).
import { readFileSync } from 'node:fs';
import { compareResult } from '../engine/compare';
import { formatTime } from '../engine/event-time';
import { outputColumns } from '../engine/output-columns';
import { parseQuery } from '../engine/query-parse';
import { parseScenario, runScenario, type Scenario, type ScenarioResult } from '../engine/scenario';
import type { SparkBatchResult } from '../engine/types';
import { batchHeading, renderTable } from './console-table';
import { nodeStateRunner } from './node-state-runner';

type Mode = 'table' | 'json' | 'check';

const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file (check the path)',
  EACCES: 'permission denied',
  EISDIR: 'it is a folder; name the .json files in it, e.g. folder/*.json',
};

const USAGE = 'usage: npm run simulate -- [--json | --check] FILE.json...';

function load(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    const why = READ_ERRORS[code] ?? (err as Error).message;
    throw new Error(`cannot read ${file}: ${why}`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  try {
    return parseScenario(json);
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`, { cause: err });
  }
}

function describeStats(b: SparkBatchResult): string {
  const parts: string[] = [];
  if (b.watermark !== null) parts.push(`watermark ${formatTime(b.watermark)}`);
  if (b.dropped > 0) {
    const events = `${String(b.droppedEvents)} event${b.droppedEvents === 1 ? '' : 's'} counted nowhere`;
    parts.push(
      `dropped ${String(b.dropped)} late group row${b.dropped === 1 ? '' : 's'} (${events})`,
    );
  }
  parts.push(`state ${String(b.stateRows)} row${b.stateRows === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

function printTables(file: string, scenario: Scenario, result: ScenarioResult): void {
  console.log(`== ${scenario.name} (${file})`);
  if ('error' in result) {
    console.log(`refused: ${result.error}\n`);
    return;
  }
  const columns = outputColumns(parseQuery(scenario.query, scenario.semantics));
  if ('emissions' in result) {
    printFlink(scenario, result, columns);
    return;
  }
  result.batches.forEach((b, i) => {
    console.log(batchHeading(i));
    console.log(renderTable(b.rows, columns));
    console.log(`${describeStats(b)}\n`);
  });
}

/** Flink mode: after each element that emitted something, what it fired and what went late. */
function printFlink(
  scenario: Scenario,
  result: Extract<ScenarioResult, { emissions: unknown }>,
  columns: readonly string[] | null,
): void {
  (scenario.stream ?? []).forEach((element, after) => {
    const rows = result.emissions.filter((e) => e.after === after).map((e) => e.row);
    const late = result.late.filter((l) => l.after === after).map((l) => l.event);
    if (rows.length === 0 && late.length === 0) return;
    console.log(`after element ${String(after)}: ${describeElement(element)}`);
    if (rows.length > 0) console.log(renderTable(rows, columns));
    for (const event of late) console.log(`late side output: ${JSON.stringify(event)}`);
    console.log('');
  });
  console.log(
    `${String(result.emissions.length)} rows emitted, ${String(result.late.length)} late records\n`,
  );
}

function describeElement(element: Readonly<Record<string, unknown>>): string {
  if (element.$end === true) return '$end (watermark +∞)';
  if ('$watermark' in element) {
    const ms = Number(element.$watermark);
    return `$watermark ${Number.isFinite(ms) ? formatTime(ms) : String(element.$watermark)}`;
  }
  return JSON.stringify(element);
}

function main(args: readonly string[]): number {
  const flags = args.filter((a) => a.startsWith('--'));
  const files = args.filter((a) => !a.startsWith('--'));
  const unknown = flags.filter((f) => f !== '--json' && f !== '--check');
  if (unknown.length > 0 || files.length === 0 || flags.length > 1) {
    console.error(unknown.length > 0 ? `unknown option ${unknown.join(' ')}\n${USAGE}` : USAGE);
    return 2;
  }
  const mode: Mode = flags[0] === '--json' ? 'json' : flags[0] === '--check' ? 'check' : 'table';
  let failures = 0;
  for (const file of files) {
    let scenario: Scenario;
    try {
      scenario = load(file);
    } catch (err) {
      failures++;
      const message = (err as Error).message;
      if (mode === 'json') console.log(JSON.stringify({ file, error: message }));
      else console.log(`ERROR ${message}`);
      continue;
    }
    const result = runScenario(scenario, { customRunner: (spec) => nodeStateRunner(spec) });
    if (mode === 'json') {
      console.log(JSON.stringify({ file, result }));
    } else if (mode === 'table') {
      printTables(file, scenario, result);
    } else if (scenario.expected === null) {
      failures++;
      console.log(`FAIL ${file}: it has no "expected" to check against`);
    } else {
      const diff = compareResult(scenario.expected, result);
      if (diff.length > 0) failures++;
      console.log(`${diff.length === 0 ? 'PASS' : 'FAIL'} ${file}`);
      for (const line of diff) console.log(`    ${line}`);
    }
  }
  if (mode === 'check')
    console.log(`\n${String(files.length - failures)} passed, ${String(failures)} failed`);
  return failures > 0 ? 1 : 0;
}

// `simulate ... | head` closes the pipe early: stop quietly instead of crashing.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

process.exitCode = main(process.argv.slice(2));
