// A stream-stream join as Flink SQL: one Kafka table per input with its own WATERMARK FOR, an
// interval join (equal keys, BETWEEN on the time attributes) in a view, then the window TVF
// over the view. What Flink SQL cannot express (semi joins, no time range) is the reason.
import type { JoinSpec, JoinType } from '../engine/join-types';
import { FLINK_PROGRAM, FLINK_TYPES, flinkHeader, kafkaWith, lifecycleComments } from './flink-sql';
import { sqlInterval } from './interval';
import { joinSides, topicOf, type JoinSide } from './join-schema';
import { flinkId } from './names';
import { selectStatement } from './sql-select';
import type { CodeInput, Program } from './types';

const JOINS: Readonly<Record<Exclude<JoinType, 'leftSemi'>, string>> = {
  inner: 'JOIN',
  leftOuter: 'LEFT JOIN',
  rightOuter: 'RIGHT JOIN',
  fullOuter: 'FULL OUTER JOIN',
};

function unsupported(spec: JoinSpec, sides: readonly JoinSide[]): string | null {
  if (spec.type === 'leftSemi')
    return 'Flink SQL has no semi interval join: WHERE EXISTS (SELECT … FROM clicks …) runs as a regular join, whose state the time range never cleans.';
  if (spec.between === null)
    return 'Flink SQL: without a time range this is a regular join, whose state is never cleaned and whose result has no time attribute left for a window. Add a range (join.between) to get an interval join.';
  if (spec.left.delayMs === null || spec.right.delayMs === null)
    return "Flink SQL: an event-time interval join needs a watermark on both tables; give each input's watermark a delay.";
  const epoch = sides.find((s) =>
    s.columns.some((c) => c.name === s.input.time && c.type === 'epochMs'),
  );
  if (epoch !== undefined)
    return `Flink SQL: "${epoch.input.time}" holds epoch milliseconds; declare a computed column TO_TIMESTAMP_LTZ(${epoch.input.time}, 3) with the WATERMARK on it, then join as for ISO times.`;
  return null;
}

function table(side: JoinSide): string[] {
  const t = flinkId(side.input.time);
  const delay = side.input.delayMs ?? 0;
  return [
    `CREATE TABLE ${flinkId(side.input.name)} (`,
    ...side.columns.map((c) => `  ${flinkId(c.name)} ${FLINK_TYPES[c.type]},`),
    `  WATERMARK FOR ${t} AS ${delay === 0 ? t : `${t} - ${sqlInterval(delay)}`}`,
    ...kafkaWith(topicOf(side.input)),
  ];
}

/** `t + INTERVAL '30' SECOND`, `t - INTERVAL '5' SECOND`, or `t`. */
function shifted(time: string, ms: number): string {
  if (ms === 0) return time;
  return `${time} ${ms < 0 ? '-' : '+'} ${sqlInterval(Math.abs(ms))}`;
}

function joinComment(spec: JoinSpec, windowed: boolean, kept: string, cast: string): string[] {
  const l = spec.left.name;
  const r = spec.right.name;
  const tail: Readonly<Record<JoinType, string[]>> = {
    inner: ["-- the join's state once the watermark shows it can no longer match."],
    leftOuter: [
      "-- the join's state once the watermark shows it can no longer match; a LEFT JOIN then emits an",
      `-- unmatched row of ${l} with NULLs.`,
    ],
    rightOuter: [
      "-- the join's state once the watermark shows it can no longer match; a RIGHT JOIN then emits an",
      `-- unmatched row of ${r} with NULLs.`,
    ],
    fullOuter: [
      "-- the join's state once the watermark shows it can no longer match; a FULL OUTER JOIN then",
      '-- emits an unmatched row of either side with NULLs.',
    ],
    leftSemi: [],
  };
  return [
    '-- An interval join: equal keys and a time range between the two time attributes. A row leaves',
    ...tail[spec.type],
    ...(windowed
      ? [
          `-- ${kept} stays a time attribute for the window (the other time becomes a plain`,
          '-- timestamp), and the join holds its output watermark back by the range, so a window waits for',
          '-- the last possible match.',
        ]
      : [`-- Only one time attribute may stay in the result: ${cast} becomes a plain timestamp.`]),
  ];
}

export function flinkJoin(input: CodeInput, spec: JoinSpec): Program {
  const q = input.query;
  const { left, right } = joinSides(q, spec, input.sample);
  const why = unsupported(spec, [left, right]);
  if (why !== null) return { ...FLINK_PROGRAM, code: null, reason: why };
  const b = spec.between ?? { lowerMs: 0, upperMs: 0 };
  const L = flinkId(spec.left.name);
  const R = flinkId(spec.right.name);
  // One time attribute stays (the one the window uses, else the left's); the other is cast.
  const keepRight = q.time === spec.right.time && q.time !== spec.left.time;
  const castTime = keepRight ? spec.left.time : spec.right.time;
  const item = (qual: string, name: string): string =>
    name === castTime && (qual === L) === keepRight
      ? `CAST(${qual}.${flinkId(name)} AS TIMESTAMP_LTZ(3)) AS ${flinkId(name)}`
      : `${qual}.${flinkId(name)}`;
  const leftNames = left.columns.map((c) => c.name);
  const items = [
    ...leftNames.map((n) => item(L, n)),
    ...right.columns.filter((c) => !leftNames.includes(c.name)).map((c) => item(R, c.name)),
  ];
  const lt = `${L}.${flinkId(spec.left.time)}`;
  const on = spec.on.map(([a, c]) => `${L}.${flinkId(a)} = ${R}.${flinkId(c)}`);
  const range = `${R}.${flinkId(spec.right.time)} BETWEEN ${shifted(lt, b.lowerMs)} AND ${shifted(lt, b.upperMs)}`;
  const conditions = [...on, range];
  const windowed = q.window.type !== 'none';
  const aggregating = windowed || q.groupBy.length > 0 || q.aggregates.length > 0;
  const policy =
    spec.policy === 'min'
      ? [
          '-- minus the delay (Flink SQL adds no − 1 ms). The join runs with the smaller of the two, as',
          '-- Spark\'s default "min" policy does.',
        ]
      : [
          '-- minus the delay (Flink SQL adds no − 1 ms). The join runs with the smaller of the two: Flink',
          '-- has no "max" policy like the page\'s, so fewer rows are late here.',
        ];
  const lines = [
    ...flinkHeader(input.name),
    '',
    '-- One table per input, each on its own topic with its own watermark: the largest time so far',
    ...policy,
    ...table(left),
    '',
    ...table(right),
    '',
    ...joinComment(spec, windowed, keepRight ? spec.right.time : spec.left.time, castTime),
    'CREATE TEMPORARY VIEW joined AS',
    'SELECT',
    ...items.map((x, i) => `  ${x}${i < items.length - 1 ? ',' : ''}`),
    `FROM ${L} ${JOINS[spec.type as Exclude<JoinType, 'leftSemi'>]} ${R}`,
    `  ON ${conditions.join('\n  AND ')};`,
    '',
    ...(aggregating
      ? [
          ...lifecycleComments(q),
          `${selectStatement(q, { id: flinkId, table: 'joined', time: q.time }).join('\n')};`,
        ]
      : ['SELECT * FROM joined;']),
  ];
  return { ...FLINK_PROGRAM, code: `${lines.join('\n')}\n`, reason: null };
}
