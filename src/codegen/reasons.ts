// The programs a target cannot write, each with its reason: Flink SQL and Feldera SQL for per-key
// state (with a KeyedProcessFunction sketch for Flink), Feldera SQL for stream-stream joins.
import type { StatefulSpec } from '../engine/state-types';
import type { Query } from '../engine/types';
import { FLINK_PROGRAM } from './flink-sql';
import type { Program } from './types';

const FELDERA_PROGRAM = {
  id: 'feldera',
  label: 'Feldera SQL',
  language: 'sql',
  fileName: 'windowscope_feldera.sql',
} as const;

/** What the KeyedProcessFunction's processElement and onTimer do for this function. */
function sketch(s: StatefulSpec): { state: string; work: string; last: string; onTimer: string } {
  switch (s.function) {
    case 'running_total':
      return {
        state: 'a ValueState for the total',
        work: `adds ${s.field ?? 'the field'}, emits the total`,
        last: 'the latest event time',
        onTimer:
          s.api === 'mapGroupsWithState'
            ? 'onTimer emits the final total and clears the state'
            : 'onTimer clears the state',
      };
    case 'session':
      return {
        state: 'a ValueState for start, last and count',
        work: 'updates them',
        last: 'last',
        onTimer: 'onTimer emits the session with expired = true and clears the state',
      };
    case 'custom':
      return {
        state: 'a ValueState for your state',
        work: "runs your function's body",
        last: 'the time it chooses',
        onTimer: 'onTimer runs its hasTimedOut branch',
      };
  }
}

export function flinkStateReason(q: Query, s: StatefulSpec): Program {
  const k = sketch(s);
  const ms = s.timeoutMs === null ? 'the duration' : String(s.timeoutMs);
  let text = `Flink SQL has no per-key state of your own: SQL keeps state only inside its operators (windows, joins, OVER, MATCH_RECOGNIZE), with no timers a query can set. In the DataStream API this is a KeyedProcessFunction after keyBy(${q.groupBy.join(', ')}): ${k.state}; processElement `;
  if (s.timeout === 'none') text += `${k.work.replace(/, (?=[^,]*$)/, ' and ')}.`;
  else {
    const timer =
      s.timeout === 'processing'
        ? `registerProcessingTimeTimer(now + ${ms})`
        : `registerEventTimeTimer(${k.last} + ${ms})`;
    text += `${k.work}, deletes the key's previous timer and registers ctx.timerService().${timer}; ${k.onTimer}.`;
    if (s.timeout === 'event')
      text +=
        ' Flink fires an event-time timer once the watermark reaches it, Spark only once the watermark has passed it.';
  }
  return { ...FLINK_PROGRAM, code: null, reason: text };
}

export function felderaStateReason(): Program {
  return {
    ...FELDERA_PROGRAM,
    code: null,
    reason:
      'Feldera SQL has no per-key state with timeouts: a view is a query over all the rows so far, with no state or timers of your own.',
  };
}

export function felderaJoinReason(flinkWritten: boolean): Program {
  return {
    ...FELDERA_PROGRAM,
    code: null,
    reason: `Feldera SQL: not generated for stream-stream joins. Its views are maintained incrementally, so an outer join shows an unmatched row with NULLs at once and retracts it when a match comes, where Spark writes it once, on eviction. To try it, declare both tables with LATENESS on their time columns and ${flinkWritten ? 'paste the join from the Flink SQL tab' : 'write the join in SQL'}.`,
  };
}
