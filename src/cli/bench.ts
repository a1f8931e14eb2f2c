// `npm run bench -- [--json] [--events N]`: throughput and peak heap of the Spark engine on a
// generated clickstream (update mode, 1-minute watermark, trace off), each query next to a
// plain-Map baseline, a trace-on run at lesson scale, and a check that state stays bounded.
import { BENCH_QUERIES, sessionRefusal, TRACE_TARGET_EVENTS_PER_SEC } from './bench-queries';
import {
  liveHeapAt,
  measure,
  runBaseline,
  runSpark,
  toBatches,
  type Measurement,
  type RunResult,
  type StatePoint,
} from './bench-measure';
import { DEFAULT_STREAM, generateStream, summarize, type ClickEvent } from './bench-stream';
import { FLINK_QUERIES, measureFlink } from './bench-flink';
import { GENERATOR_TARGET, measureGenerator } from './bench-generator';
import { printJoinBench } from './bench-join';
import { printStateBench } from './bench-state';

const USAGE = 'usage: npm run bench -- [--json] [--events N]';
const BATCH_SIZE = 10_000;
/**
 * Runs per figure, the best kept: other work on this shared 2-core machine only ever slows a
 * run down. Two whole benches a minute apart differed by up to ×1.5 per figure with 3 runs,
 * and with 5 the tumbling figure still ranged 9.5–12.9M over three benches in ten minutes;
 * within one process five runs of it spanned 7.99–12.81M and of its plain-Map baseline
 * 7.41–9.48M. Nine runs cost the bench about six seconds.
 */
const RUNS = 9;
const TRACE_EVENTS = 100_000;
const WARM_UP_EVENTS = 200_000;
/** The state-bound check runs each query on a stream this many times longer, once. */
const LONG_FACTOR = 4;
/** Live heap at the end of the long stream may be at most this many times that at n events. */
const BOUNDED_RATIO = 1.5;

interface Options {
  readonly json: boolean;
  readonly events: number;
}

function parseArgs(args: readonly string[]): Options | string {
  let json = false;
  let events = DEFAULT_STREAM.events;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') json = true;
    else if (a === '--events') {
      const n = Number(args[++i]?.replace(/_/g, ''));
      if (!Number.isInteger(n) || n < BATCH_SIZE)
        return `--events needs a whole number ≥ ${String(BATCH_SIZE)}, such as 2000000`;
      events = n;
    } else return `unknown option ${String(a)}`;
  }
  return { json, events };
}

type Row = Measurement & {
  readonly query: string;
  readonly mode: 'spark' | 'baseline' | 'flink' | 'batches' | 'array';
  readonly target: number | null;
};

const rate = (n: number): string =>
  n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : `${(n / 1e3).toFixed(0)}k`;
const count = (n: number): string => n.toLocaleString('en-US');
const mb = (n: number): string => n.toFixed(1);
const COLUMNS = [16, 9, 10, 13, 10, 8];

function line(cells: readonly string[]): string {
  return cells
    .map((c, i) => (i === 0 || i === 1 ? c.padEnd(COLUMNS[i] ?? 0) : c.padStart(COLUMNS[i] ?? 0)))
    .join('  ')
    .trimEnd();
}

function tableRow(r: Row): string {
  const target = r.target === null ? '' : `≥ ${rate(r.target)}`;
  const mark = r.target === null ? '' : r.eventsPerSec >= r.target ? '✓' : '✗';
  const cells = [rate(r.eventsPerSec), mb(r.peakHeapMb), count(r.rowsOut), target, mark];
  return line([r.query, r.mode, ...cells]);
}

function jsonRow(r: Row): string {
  return JSON.stringify({
    query: r.query,
    mode: r.mode,
    events_per_sec: Math.round(r.eventsPerSec),
    peak_heap_mb: Math.round(r.peakHeapMb * 10) / 10,
  });
}

function describeStream(events: readonly ClickEvent[]): string {
  const s = summarize(events);
  const pct = (n: number): string => `${((100 * n) / s.events).toFixed(1)}%`;
  return [
    `${count(s.events)} events`,
    `${count(s.users)} users seen of ${count(DEFAULT_STREAM.users)}`,
    `${(s.spanMs / 60_000).toFixed(1)} min of event time`,
    `${pct(s.outOfOrder)} out of order`,
    `${pct(s.impressions)} impressions`,
    `${pct(s.clicks)} clicks`,
    `seed ${String(DEFAULT_STREAM.seed)}`,
  ].join(' · ');
}

/** The table's measurements: each query against its baseline, then tumbling with trace on. */
function measureAll(main: readonly ClickEvent[], emit: (r: Row) => void): void {
  const n = main.length;
  const batches = toBatches(main, BATCH_SIZE);
  const warmEvents = main.slice(0, Math.min(n, WARM_UP_EVENTS));
  const warmBatches = toBatches(warmEvents, BATCH_SIZE);
  for (const q of BENCH_QUERIES) {
    const spark = measure(
      n,
      RUNS,
      () => runSpark(q.query, warmBatches, false),
      () => runSpark(q.query, batches, false),
    );
    emit({ ...spark, query: q.name, mode: 'spark', target: q.targetEventsPerSec });
    const baseline = measure(
      n,
      RUNS,
      () => runBaseline(q.baseline, warmEvents, BATCH_SIZE),
      () => runBaseline(q.baseline, main, BATCH_SIZE),
    );
    emit({ ...baseline, query: q.name, mode: 'baseline', target: null });
  }
  const tumbling = BENCH_QUERIES.find((q) => q.name === 'tumbling');
  if (tumbling === undefined) throw new Error('the tumbling query is missing');
  const traceEvents = Math.min(n, TRACE_EVENTS);
  const traceBatches = toBatches(main.slice(0, traceEvents), BATCH_SIZE);
  const traceRun = (): RunResult => runSpark(tumbling.query, traceBatches, true);
  const trace = measure(traceEvents, RUNS, traceRun, traceRun);
  emit({ ...trace, query: 'tumbling-trace', mode: 'spark', target: TRACE_TARGET_EVENTS_PER_SEC });
  for (const q of FLINK_QUERIES) {
    const m = measureFlink(q, main, warmEvents, RUNS, BATCH_SIZE);
    emit({ ...m, query: q.name, mode: 'flink', target: q.target });
  }
}

/** The generator's figures, each measured in a process of its own (bench-generator.ts). */
function measureGenerators(n: number): Row[] {
  return (['batches', 'array'] as const).map((mode) => ({
    events: n,
    eventsPerSec: measureGenerator(mode, n, RUNS),
    peakHeapMb: 0,
    rowsOut: n,
    query: 'generator',
    mode,
    target: mode === 'batches' ? GENERATOR_TARGET : null,
  }));
}

/** Live heap and state rows after n events and at the end of the longer stream, per query. */
function printStateBound(stream: readonly ClickEvent[], n: number): void {
  const longN = stream.length;
  console.log(
    `state bounded by the watermark: live heap (after a full GC) and state rows, one run of ${count(longN)} events`,
  );
  console.log(
    '(state reaches its steady size after window + watermark delay: ~6 min of event time)',
  );
  const batches = toBatches(stream, BATCH_SIZE);
  for (const q of BENCH_QUERIES) {
    const [short, long] = liveHeapAt(q.query, batches, [n, longN]);
    if (short === undefined || long === undefined) continue;
    const ratio = long.liveHeapMb / Math.max(short.liveHeapMb, 1);
    const at = (p: StatePoint): string =>
      `after ${rate(p.events)}: ${mb(p.liveHeapMb).padStart(5)} MB, ${count(p.stateRows).padStart(6)} rows`;
    const mark = ratio <= BOUNDED_RATIO ? '✓' : '✗';
    console.log(`${q.name.padEnd(9)} ${at(short)}  ${at(long)}  heap ×${ratio.toFixed(2)} ${mark}`);
  }
}

/** Makes the stream, prints the table's head (unless JSON), then each engine measurement. */
function measureEngines(n: number, json: boolean, emit: (r: Row) => void): void {
  const stream = generateStream({ events: n });
  if (!json) {
    console.log(
      `Windowscope bench: Spark engine, update mode, 1-minute watermark, trace off, batches of ${count(BATCH_SIZE)}`,
    );
    console.log(`stream: ${describeStream(stream)}`);
    console.log(
      `each figure: best of ${String(RUNS)} runs after a warm-up; peak heap = max heapUsed after a batch − heapUsed before the run (MB = 2^20 bytes)`,
    );
    console.log('');
    console.log(line(['query', 'mode', 'events/s', 'peak heap MB', 'rows out', 'target']));
  }
  measureAll(stream, emit);
}

function main(args: readonly string[]): number {
  const options = parseArgs(args);
  if (typeof options === 'string') {
    console.error(`${options}\n${USAGE}`);
    return 2;
  }
  const { json, events: n } = options;
  const emit = (r: Row): void => console.log(json ? jsonRow(r) : tableRow(r));
  measureEngines(n, json, emit);
  for (const row of measureGenerators(n)) emit(row);
  if (json) return 0;
  console.log('');
  console.log(
    'rows out: rows the engine emitted over the run (update mode: each updated group, every batch)',
  );
  console.log(
    'baseline: one pass into Maps over the whole stream (no batches, no watermark, nothing dropped); rows out = groups in its answer',
  );
  console.log(
    `tumbling-trace: tumbling with trace on, first ${count(Math.min(n, TRACE_EVENTS))} events (lesson scale)`,
  );
  console.log(
    'flink: the same queries record by record (watermark max − 1 minute − 1 ms after each record), then $end; rows out = firings',
  );
  console.log(
    'generator: the seeded clickstream making the stream, in a process of its own; batches = taken 10,000 at a time as a simulation does (target), array = all kept at once',
  );
  const refusal = sessionRefusal();
  console.log(
    refusal === null
      ? 'session: append mode'
      : `session: append mode, because Spark refuses update mode for session windows: "${refusal}"`,
  );
  console.log('');
  // Generated only now, so the full collections between runs above do not trace it; the main
  // stream is its prefix.
  printStateBound(generateStream({ events: n * LONG_FACTOR }), n);
  printJoinBench();
  printStateBench();
  return 0;
}

process.exitCode = main(process.argv.slice(2));
