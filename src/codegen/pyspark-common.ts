// The parts every PySpark program shares: the header with its imports, the Kafka source with an
// explicit schema, and the console sink.
import { sparkInterval } from './interval';
import { pyString } from './names';
import type { Column } from './schema';
import type { CodeInput } from './types';

export const SPARK_TYPES: Readonly<Record<Column['type'], string>> = {
  string: 'StringType',
  long: 'LongType',
  double: 'DoubleType',
  boolean: 'BooleanType',
  timestamp: 'TimestampType',
  epochMs: 'LongType',
};

export const PYSPARK_PROGRAM = {
  id: 'pyspark',
  label: 'PySpark',
  language: 'python',
  fileName: 'windowscope_query.py',
} as const;

/** The comment, imports and session. `typeNames` are pyspark.sql.types names beyond the struct's. */
export function header(
  input: CodeInput,
  typeNames: readonly string[],
  extra: { readonly pandas?: boolean; readonly json?: boolean } = {},
): string[] {
  const types = [...new Set(['StructField', 'StructType', ...typeNames])].sort();
  return [
    `# ${input.name}`,
    '# PySpark Structured Streaming (Spark 4), written by Windowscope from the query on its page.',
    '# Run: spark-submit --packages org.apache.spark:spark-sql-kafka-0-10_2.13:4.0.0 windowscope_query.py',
    ...(extra.pandas
      ? ['# applyInPandasWithState needs pandas and pyarrow wherever Spark runs Python.']
      : []),
    ...(extra.json ? ['import json'] : []),
    ...(extra.pandas ? ['import pandas as pd'] : []),
    'from pyspark.sql import SparkSession',
    'from pyspark.sql import functions as F',
    ...(extra.pandas ? ['from pyspark.sql.streaming.state import GroupStateTimeout'] : []),
    `from pyspark.sql.types import ${types.join(', ')}`,
    '',
    'spark = SparkSession.builder.appName("windowscope").getOrCreate()',
    'spark.conf.set("spark.sql.session.timeZone", "UTC")',
  ];
}

/** A StructType literal, one field per line. */
export function structType(columns: readonly Column[]): string[] {
  return [
    'StructType([',
    ...columns.map((c) => `    StructField(${pyString(c.name)}, ${SPARK_TYPES[c.type]}()),`),
    '])',
  ];
}

/** `schema = ...` and `events = ...` reading the one topic of a single-input query. */
export function source(columns: readonly Column[]): string[] {
  const [first, ...rest] = structType(columns);
  return [
    '',
    `schema = ${first ?? ''}`,
    ...rest,
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

/** `query = result.writeStream...` to the console, and the wait. */
export function sink(mode: string, triggerMs: number | null | undefined): string[] {
  return [
    'query = (',
    '    result.writeStream',
    `    .outputMode(${pyString(mode)})`,
    ...(triggerMs ? [`    .trigger(processingTime=${pyString(sparkInterval(triggerMs))})`] : []),
    '    .format("console")',
    '    .option("truncate", False)',
    '    .start()',
    ')',
    'query.awaitTermination()',
  ];
}
