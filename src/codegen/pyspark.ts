// The query as a PySpark Structured Streaming program (Spark 4): a Kafka source with an explicit
// schema, withWatermark, window / session_window, groupBy/agg, outputMode and a console sink.
// A query Spark refuses gets Spark's reason instead of code.
import { checkSparkQuery, isAggregation, SparkAnalysisError } from '../engine/spark-refusals';
import type { AggregateSpec, FieldEquals, Query, WindowSpec } from '../engine/types';
import { pysparkExpr } from './expr';
import { sparkInterval } from './interval';
import { pyCol, pyLiteral, pyString } from './names';
import { header, PYSPARK_PROGRAM, sink, source, SPARK_TYPES } from './pyspark-common';
import { derivedTimeName, inputColumns, usesTime } from './schema';
import type { CodeInput, Program } from './types';

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

/**
 * The chain after the watermark: groupBy (window and keys), agg, the window's bounds as columns,
 * and derived columns. `time` is the column windows are assigned by (null: no window).
 */
export function aggregationChain(q: Query, time: string | null): string[] {
  const chain: string[] = [];
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
  return chain;
}

export function pyspark(input: CodeInput): Program {
  const q = input.query;
  const base = PYSPARK_PROGRAM;
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
  chain.push(...aggregationChain(q, time));
  const lines = [
    ...header(
      input,
      columns.map((c) => SPARK_TYPES[c.type]),
    ),
    ...(q.noDataMicroBatches
      ? []
      : ['spark.conf.set("spark.sql.streaming.noDataMicroBatches.enabled", "false")']),
    ...source(columns),
    '',
    ...(chain.length === 0
      ? ['result = events']
      : ['result = (', '    events', ...chain.map((c) => `    ${c}`), ')']),
    '',
    ...sink(sparkOutputMode(q), input.triggerMs),
  ];
  return { ...base, code: `${lines.join('\n')}\n`, reason: null };
}
