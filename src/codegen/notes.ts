// What differs between the generated programs and the engine on the page, and how to put the
// exported events on a Kafka topic (key suggested from the grouping, commands for both tools).
import { formatDuration } from '../engine/duration';
import type { Query } from '../engine/types';
import { topicOf } from './join-schema';
import type { KafkaHint } from './types';

export function differences(q: Query): string[] {
  const notes: string[] = [];
  if (q.semantics === 'spark') {
    notes.push(
      'The page runs the scenario’s micro-batches as given; on a cluster a trigger batches whatever has arrived, so which events share a batch, and so which are late, can differ.',
    );
    if (q.join !== undefined)
      notes.push(
        `Spark's watermarks are the same as here: each input's largest event time minus its delay, the global one their ${q.join.policy}, moved at the end of each batch. The exported events go to one topic per input (split by "$input").`,
      );
    else if (q.watermarkDelayMs !== null)
      notes.push(
        `Spark's watermark is the same as here: the largest event time so far minus ${formatDuration(q.watermarkDelayMs)}, moved at the end of each batch.`,
      );
    if (q.stateful !== null)
      notes.push(
        'applyInPandasWithState is the Python form of flatMapGroupsWithState: the same calls, state and timeouts as here, with rows as pandas DataFrames. A processing-time timeout fires at the first trigger after it, on a real clock.',
      );
  } else {
    notes.push(
      'The page’s Flink mode follows the DataStream API: watermark = largest time − delay − 1 ms after every record. Flink SQL’s WATERMARK FOR has no − 1 ms and is emitted periodically (pipeline.auto-watermark-interval, 200 ms).',
    );
    if (q.watermarkDelayMs === null)
      notes.push(
        'This scenario moves the watermark with markers ($watermark), which a real source cannot send: the programs declare a watermark of their own.',
      );
    if (q.allowedLatenessMs > 0)
      notes.push(
        `Allowed lateness (${formatDuration(q.allowedLatenessMs)}) exists only in the DataStream API: Flink SQL and Spark drop rows the watermark has passed.`,
      );
    notes.push(
      'PySpark runs micro-batches, not one record at a time: windows close at the end of a batch.',
    );
  }
  if (q.derived.some((d) => d.expr.includes('/')))
    notes.push(
      'Division by zero gives NULL here. Spark 4 runs with ANSI mode on, where `/` by zero fails (DIVIDE_BY_ZERO): the PySpark code uses try_divide, the SQL NULLIF.',
    );
  return notes;
}

/** A join reads one topic per input: the export is split by `$input` with jq. */
function joinKafkaHint(q: Query): KafkaHint {
  const inputs = q.join?.inputs ?? [];
  const file = 'windowscope-events.jsonl';
  const topics = inputs.map((i) => ({ name: i.name, topic: topicOf(i) }));
  return {
    topic: topics.map((t) => t.topic).join(' and '),
    keyField: null,
    fileName: file,
    commands: [
      ...topics.map(
        (t) => `kafka-topics.sh --bootstrap-server localhost:9092 --create --topic ${t.topic}`,
      ),
      ...topics.map(
        (t) =>
          `jq -c 'select(."$input" == ${JSON.stringify(t.name)})' ${file} | kafka-console-producer.sh --bootstrap-server localhost:9092 --topic ${t.topic}`,
      ),
    ],
  };
}

export function kafkaHint(q: Query): KafkaHint {
  if (q.join !== undefined) return joinKafkaHint(q);
  const keyField = q.groupBy[0] ?? null;
  const topic = 'events';
  const create = `kafka-topics.sh --bootstrap-server localhost:9092 --create --topic ${topic}`;
  if (keyField === null) {
    const file = 'windowscope-events.jsonl';
    return {
      topic,
      keyField,
      fileName: file,
      commands: [
        create,
        `kafka-console-producer.sh --bootstrap-server localhost:9092 --topic ${topic} < ${file}`,
        `kcat -P -b localhost:9092 -t ${topic} -l ${file}`,
      ],
    };
  }
  const file = 'windowscope-events-keyed.txt';
  return {
    topic,
    keyField,
    fileName: file,
    commands: [
      create,
      `kafka-console-producer.sh --bootstrap-server localhost:9092 --topic ${topic} --property parse.key=true --property key.separator=$'\\t' < ${file}`,
      `kcat -P -b localhost:9092 -t ${topic} -K $'\\t' -l ${file}`,
    ],
  };
}
