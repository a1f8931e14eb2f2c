// The query as a PySpark Structured Streaming program (Spark 4): a Kafka source with an explicit
// schema, withWatermark, window / session_window, groupBy/agg, outputMode and a console sink.
// A query Spark refuses gets Spark's reason instead of code.
import { checkSparkQuery, isAggregation, SparkAnalysisError } from '../engine/spark-refusals';
import type { AggregateSpec, FieldEquals, Query, WindowSpec } from '../engine/types';
import { pysparkExpr } from './expr';
import { sparkInterval } from './interval';
import { pyCol, pyLiteral, pyString } from './names';
import { derivedTimeName, inputColumns, usesTime, type Column } from './schema';
import type { CodeInput, Program } from './types';

const SPARK_TYPES: Readonly<Record<Column['type'], string>> = {
  string: 'StringType',
  long: 'LongType',
  double: 'DoubleType',
  boolean: 'BooleanType',
  timestamp: 'TimestampType',
  epochMs: 'LongType',
};

/** Spark's condition for field equalities, e.g. (F.col("a") == 1) & (F.col("b") == "x"). */
function condition(eq: FieldEquals): string {
  const parts = Object.entries(eq).map(([field, value]) =>
    value === null ? `${pyCol(field)}.isNull()` : `${pyCol(field)} == ${pyLiteral(value)}`,
  );
  return parts.length === 1 ? (parts[0] ?? '') : parts.map((p) => `(${p})`).join(' & ');
}

function aggregate(a: AggregateSpec): string {
  const value = a.field === null ? 'F.lit(1)' : pyCol(a.field);
  const input = a.where === null ? value : `F.when(${condition(a.where)}, ${value})`;
  const fn = a.fn === 'count_distinct' ? 'count_distinct' : a.fn;
  const arg = a.fn === 'count' && a.field === null && a.where === null ? '"*"' : input;
  return `F.${fn}(${arg}).alias(${pyString(a.as)})`;
}

function windowColumn(w: WindowSpec, time: string): { expr: string; struct: string } | null {
  const t = pyString(time);
  if (w.type === 'none') return null;
  if (w.type === 'session') {
    const g = w.gap;
    let gap: string;
    if (g.kind === 'fixed') gap = pyString(sparkInterval(g.gapMs));
    else if (g.kind === 'field')
      gap = `F.concat(${pyCol(g.field)}.cast("string"), F.lit(" milliseconds"))`;
    else {
      const cases = [...g.gapsMs].map(
        ([value, ms]) =>
          `.when(${pyCol(g.field)} == ${pyString(value)}, ${pyString(sparkInterval(ms))})`,
      );
      gap = `F${cases.join('')}${g.defaultMs === null ? '' : `.otherwise(${pyString(sparkInterval(g.defaultMs))})`}`;
    }
    return { expr: `F.session_window(${t}, ${gap})`, struct: 'session_window' };
  }
  const args = [t, pyString(sparkInterval(w.sizeMs))];
  if (w.type === 'sliding' || w.offsetMs !== 0) args.push(pyString(sparkInterval(w.slideMs)));
  // Spark's startTime is the engine's offset: windows start at epoch + startTime + k * slide.
  if (w.offsetMs !== 0) args.push(pyString(sparkInterval(w.offsetMs)));
  return { expr: `F.window(${args.join(', ')})`, struct: 'window' };
}

/** The output mode Spark runs: the query's, or for a Flink-mode query the closest one. */
export function sparkOutputMode(q: Query): Query['outputMode'] {
  if (q.semantics === 'spark') return q.outputMode;
  if (q.watermarkDelayMs !== null || !isAggregation(q)) return 'append';
  return q.window.type === 'session' ? 'complete' : 'update';
}

function refusal(q: Query): string | null {
  try {
    checkSparkQuery({ ...q, outputMode: sparkOutputMode(q) });
    return null;
  } catch (err) {
    if (!(err instanceof SparkAnalysisError)) throw err;
    const distinct = q.aggregates.find((a) => a.fn === 'count_distinct');
    const hint = distinct?.field
      ? ` In PySpark: F.approx_count_distinct(${pyString(distinct.field)}).alias(${pyString(distinct.as)}), an estimate (HyperLogLog++) that Spark can keep in streaming state.`
      : '';
    return `Spark refuses this query: ${err.message}${hint}`;
  }
}

function header(input: CodeInput, columns: readonly Column[]): string[] {
  const types = [
    ...new Set(['StructField', 'StructType', ...columns.map((c) => SPARK_TYPES[c.type])]),
  ];
  return [
    `# ${input.name}`,
    '# PySpark Structured Streaming (Spark 4), written by Windowscope from the query on its page.',
    '# Run: spark-submit --packages org.apache.spark:spark-sql-kafka-0-10_2.13:4.0.0 windowscope_query.py',
    'from pyspark.sql import SparkSession',
    'from pyspark.sql import functions as F',
    `from pyspark.sql.types import ${types.sort().join(', ')}`,
    '',
    'spark = SparkSession.builder.appName("windowscope").getOrCreate()',
    'spark.conf.set("spark.sql.session.timeZone", "UTC")',
  ];
}

function source(columns: readonly Column[]): string[] {
  return [
    '',
    'schema = StructType([',
    ...columns.map((c) => `    StructField(${pyString(c.name)}, ${SPARK_TYPES[c.type]}()),`),
    '])',
    '',
    '# One JSON event per Kafka message (see the notes beside this code for producing them).',
    '# To read the exported file instead: spark.readStream.schema(schema).json("events/")',
    'events = (',
    '    spark.readStream.format("kafka")',
    '    .option("kafka.bootstrap.servers", "localhost:9092")',
    '    .option("subscribe", "events")',
    '    .option("startingOffsets", "earliest")',
    '    .load()',
    '    .select(F.from_json(F.col("value").cast("string"), schema).alias("e"))',
    '    .select("e.*")',
    ')',
  ];
}

export function pyspark(input: CodeInput): Program {
  const q = input.query;
  const base = {
    id: 'pyspark',
    label: 'PySpark',
    language: 'python',
    fileName: 'windowscope_query.py',
  } as const;
  const refused = refusal(q);
  if (refused !== null) return { ...base, code: null, reason: refused };
  const columns = inputColumns(q, input.sample);
  const epoch = columns.find((c) => c.name === q.time && c.type === 'epochMs');
  const time = !usesTime(q) ? null : epoch ? derivedTimeName(columns) : q.time;
  const chain: string[] = [];
  if (q.filter !== null) chain.push(`.filter(${condition(q.filter)})`);
  if (epoch && time !== null)
    chain.push(`.withColumn(${pyString(time)}, F.timestamp_millis(${pyString(epoch.name)}))`);
  if (q.watermarkDelayMs !== null && time !== null)
    chain.push(`.withWatermark(${pyString(time)}, ${pyString(sparkInterval(q.watermarkDelayMs))})`);
  const win = time === null ? null : windowColumn(q.window, time);
  if (isAggregation(q)) {
    const keys = [...(win ? [win.expr] : []), ...q.groupBy.map(pyCol)];
    chain.push(keys.length === 0 ? '.groupBy()' : `.groupBy(${keys.join(', ')})`);
    const aggs =
      q.aggregates.length > 0 ? q.aggregates.map(aggregate) : ['F.count("*").alias("count")'];
    chain.push('.agg(', ...aggs.map((a) => `    ${a},`), ')');
    const out = [
      ...(win
        ? [
            `F.col("${win.struct}.start").alias("window_start")`,
            `F.col("${win.struct}.end").alias("window_end")`,
          ]
        : []),
      ...[...q.groupBy, ...q.aggregates.map((a) => a.as)].map(pyCol),
    ];
    if (win) chain.push('.select(', ...out.map((c) => `    ${c},`), ')');
  }
  for (const d of q.derived) chain.push(`.withColumn(${pyString(d.as)}, ${pysparkExpr(d.expr)})`);
  const trigger = input.triggerMs
    ? [`    .trigger(processingTime=${pyString(sparkInterval(input.triggerMs))})`]
    : [];
  const lines = [
    ...header(input, columns),
    ...(q.noDataMicroBatches
      ? []
      : ['spark.conf.set("spark.sql.streaming.noDataMicroBatches.enabled", "false")']),
    ...source(columns),
    '',
    ...(chain.length === 0
      ? ['result = events']
      : ['result = (', '    events', ...chain.map((c) => `    ${c}`), ')']),
    '',
    'query = (',
    '    result.writeStream',
    `    .outputMode(${pyString(sparkOutputMode(q))})`,
    ...trigger,
    '    .format("console")',
    '    .option("truncate", False)',
    '    .start()',
    ')',
    'query.awaitTermination()',
  ];
  return { ...base, code: `${lines.join('\n')}\n`, reason: null };
}
