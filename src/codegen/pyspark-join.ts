// A stream-stream join as PySpark: one Kafka topic per input, withWatermark on each, the join
// with its equal keys and time range in one expr, the join type, then the aggregation (if any)
// as for a single input. Spark's refusals come back as the reason.
import { checkJoinQuery } from '../engine/join-refusals';
import type { JoinSpec, JoinType } from '../engine/join-types';
import { SparkAnalysisError } from '../engine/spark-refusals';
import { sparkInterval } from './interval';
import { joinSides, topicOf, type JoinSide } from './join-schema';
import { pyString } from './names';
import { aggregationChain, sparkOutputMode } from './pyspark';
import { header, PYSPARK_PROGRAM, sink, SPARK_TYPES, structType } from './pyspark-common';
import type { CodeInput, Program } from './types';

const JOIN_TYPES: Readonly<Record<JoinType, string>> = {
  inner: 'inner',
  leftOuter: 'left_outer',
  rightOuter: 'right_outer',
  fullOuter: 'full_outer',
  leftSemi: 'left_semi',
};

const PY_RESERVED = new Set(
  'and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield None True False spark F query result joined read_topic'.split(
    ' ',
  ),
);

/** A Python variable for an input: its name made an identifier, never a keyword or ours. */
function pyName(name: string, taken: string | null = null): string {
  let v = name.replace(/[^A-Za-z0-9_]/g, '_');
  if (v === '' || /^[0-9]/.test(v)) v = `input_${v}`;
  while (PY_RESERVED.has(v) || v === taken) v = `${v}_`;
  return v;
}

/** A name in Spark SQL text: plain, or in backticks. */
function sqlName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replaceAll('`', '``')}\``;
}

/** `t + interval 30 seconds`, `t - interval 5 seconds`, or `t`. */
function shifted(time: string, ms: number): string {
  if (ms === 0) return time;
  return `${time} ${ms < 0 ? '-' : '+'} interval ${sparkInterval(Math.abs(ms))}`;
}

function condition(spec: JoinSpec, l: string, r: string): string[] {
  const lq = (f: string): string => `${sqlName(l)}.${sqlName(f)}`;
  const rq = (f: string): string => `${sqlName(r)}.${sqlName(f)}`;
  const parts = spec.on.map(([a, b]) => `${lq(a)} = ${rq(b)}`);
  const b = spec.between;
  if (b !== null) {
    const lt = lq(spec.left.time);
    parts.push(`${rq(spec.right.time)} >= ${shifted(lt, b.lowerMs)}`);
    parts.push(`${rq(spec.right.time)} <= ${shifted(lt, b.upperMs)}`);
  }
  return parts.map((p, i) => `        ${p}${i < parts.length - 1 ? ' AND' : ''}`);
}

function readSide(side: JoinSide, v: string): string {
  const t = side.input.time;
  const epoch = side.columns.some((c) => c.name === t && c.type === 'epochMs');
  // Epoch milliseconds become a timestamp in place: withWatermark and the range need one.
  const toTime = epoch ? `.withColumn(${pyString(t)}, F.timestamp_millis(${pyString(t)}))` : '';
  const wm =
    side.input.delayMs === null
      ? ''
      : `.withWatermark(${pyString(t)}, ${pyString(sparkInterval(side.input.delayMs))})`;
  return `${v} = read_topic(${pyString(topicOf(side.input))}, ${v}_schema)${toTime}${wm}`;
}

function watermarkComment(spec: JoinSpec): string[] {
  if (spec.left.delayMs === null || spec.right.delayMs === null) return [];
  return spec.policy === 'min'
    ? [
        "# Each input has its own watermark; the query runs with the smallest of them (Spark's default",
        '# spark.sql.streaming.multipleWatermarkPolicy, "min"), so the slower input is not made late.',
      ]
    : [
        '# Each input has its own watermark; the query runs with the largest of them (the "max" policy',
        '# set above): rows of the slower input may be dropped as late.',
      ];
}

function joinComment(spec: JoinSpec): string[] {
  if (spec.between !== null && spec.left.delayMs !== null && spec.right.delayMs !== null)
    return [
      '# Equal keys and a time range. With a watermark on both sides, the range tells Spark when a row',
      '# can no longer match: it then leaves the join state (an outer join writes it with NULLs).',
    ];
  return [
    '# Equal keys without a time range and a watermark on both sides: the join state keeps every row.',
  ];
}

function refusal(input: CodeInput, spec: JoinSpec): string | null {
  try {
    checkJoinQuery(input.query, spec);
    return null;
  } catch (err) {
    if (err instanceof SparkAnalysisError) return `Spark refuses this query: ${err.message}`;
    throw err;
  }
}

export function pysparkJoin(input: CodeInput, spec: JoinSpec): Program {
  const q = input.query;
  const refused = refusal(input, spec);
  if (refused !== null) return { ...PYSPARK_PROGRAM, code: null, reason: refused };
  const { left, right } = joinSides(q, spec, input.sample);
  const l = pyName(spec.left.name);
  const r = pyName(spec.right.name, l);
  const schema = (v: string, side: JoinSide): string[] => {
    const [first, ...rest] = structType(side.columns);
    return [`${v}_schema = ${first ?? ''}`, ...rest];
  };
  const chain = aggregationChain(q, q.time);
  const lines = [
    ...header(
      input,
      [...left.columns, ...right.columns].map((c) => SPARK_TYPES[c.type]),
    ),
    ...(spec.policy === 'max'
      ? ['spark.conf.set("spark.sql.streaming.multipleWatermarkPolicy", "max")']
      : []),
    ...(q.noDataMicroBatches
      ? []
      : ['spark.conf.set("spark.sql.streaming.noDataMicroBatches.enabled", "false")']),
    '',
    '',
    'def read_topic(topic, schema):',
    '    # One JSON event per Kafka message, one topic per input (see the notes beside this code).',
    '    return (',
    '        spark.readStream.format("kafka")',
    '        .option("kafka.bootstrap.servers", "localhost:9092")',
    '        .option("subscribe", topic)',
    '        .option("startingOffsets", "earliest")',
    '        .load()',
    '        .select(F.from_json(F.col("value").cast("string"), schema).alias("e"))',
    '        .select("e.*")',
    '    )',
    '',
    '',
    ...schema(l, left),
    ...schema(r, right),
    '',
    ...watermarkComment(spec),
    readSide(left, l),
    readSide(right, r),
    '',
    ...joinComment(spec),
    `joined = ${l}.alias(${pyString(spec.left.name)}).join(`,
    `    ${r}.alias(${pyString(spec.right.name)}),`,
    '    F.expr("""',
    ...condition(spec, spec.left.name, spec.right.name),
    '    """),',
    `    ${pyString(JOIN_TYPES[spec.type])},`,
    ')',
    '',
    ...(chain.length === 0
      ? ['result = joined']
      : ['result = (', '    joined', ...chain.map((c) => `    ${c}`), ')']),
    '',
    ...sink(sparkOutputMode(q), input.triggerMs),
  ];
  return { ...PYSPARK_PROGRAM, code: `${lines.join('\n')}\n`, reason: null };
}
