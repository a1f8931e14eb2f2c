// The words and numbers the "why?" explanations share: the run's settings read from its query,
// UTC clock times at the precision the numbers need, durations, keys and aggregate values.
import { formatTime } from '../../engine/event-time';
import { parseQuery } from '../../engine/query-parse';
import type { OutputMode, Row, Semantics, WindowSpec } from '../../engine/types';
import { cellText } from '../result-table';

export interface WhyContext {
  readonly semantics: Semantics;
  /** The run's query as written (raw JSON: watermark delay, allowedLateness, window…). */
  readonly query: unknown;
  /** Spark: the watermark the batch ran with; Flink: the one before the record (null: none, −∞). */
  readonly watermarkInForce: number | null;
  /** The step's title as the step view writes it: "Batch 3", "Record 12". */
  readonly stepTitle: string;
}

/** What the explanations need of the query, normalised (durations in ms). */
export interface WhySettings {
  readonly time: string;
  readonly window: WindowSpec;
  readonly groupBy: readonly string[];
  readonly delayMs: number | null;
  readonly allowedLatenessMs: number;
  readonly outputMode: OutputMode;
  readonly lateOutput: boolean;
  readonly noDataBatches: boolean;
}

export function settingsOf(ctx: Pick<WhyContext, 'query' | 'semantics'>): WhySettings {
  try {
    const q = parseQuery(ctx.query, ctx.semantics);
    return {
      time: q.time ?? 'time',
      window: q.window,
      groupBy: q.groupBy,
      delayMs: q.watermarkDelayMs,
      allowedLatenessMs: q.allowedLatenessMs,
      outputMode: q.outputMode,
      lateOutput: q.lateOutput,
      noDataBatches: q.noDataMicroBatches,
    };
  } catch {
    // The page only shows runs whose query the engine took; this is a last resort.
    return {
      time: 'time',
      window: { type: 'none' },
      groupBy: [],
      delayMs: null,
      allowedLatenessMs: 0,
      outputMode: 'append',
      lateOutput: true,
      noDataBatches: true,
    };
  }
}

const DAY_MS = 86_400_000;
const dayOf = (ms: number): number => Math.floor(ms / DAY_MS);

/**
 * Formats the times of one explanation alike: "12:10" when every number is a whole minute,
 * else "12:10:05" (with ".999" only where there are ms); the date only for a time on another
 * day than the explanation's subject (its event or window), or when the subject spans days.
 */
export class Clock {
  private readonly minutes: boolean;
  private readonly days: ReadonlySet<number>;

  /** `subject`: the event's or window's own times; `others`: every other time to be shown. */
  constructor(
    private readonly semantics: Semantics,
    subject: readonly (number | null | undefined)[],
    others: readonly (number | null | undefined)[] = [],
  ) {
    const finite = (t: number | null | undefined): t is number =>
      typeof t === 'number' && Number.isFinite(t);
    const own = subject.filter(finite);
    this.minutes = [...own, ...others.filter(finite)].every((t) => t % 60_000 === 0);
    const days = new Set(own.filter((t) => t !== 0).map(dayOf));
    if (days.size === 0) days.add(0);
    this.days = days;
  }

  time(ms: number): string {
    if (!Number.isFinite(ms)) return ms > 0 ? '+∞' : '−∞';
    const full = formatTime(ms);
    const clock = this.minutes ? full.slice(11, 16) : full.slice(11);
    return this.days.size > 1 || !this.days.has(dayOf(ms))
      ? `${full.slice(0, 10)} ${clock}`
      : clock;
  }

  /** "12:00–12:10" (half-open: the end is not in the window). */
  span(start: number, end: number): string {
    return `${this.time(start)}–${this.time(end)}`;
  }

  watermark(ms: number | null): string {
    if (ms === null) return this.semantics === 'flink' ? '−∞ (none yet)' : 'none';
    if (ms === Infinity) return '+∞ (end of input)';
    return this.isSparkStart(ms) ? '0' : this.time(ms);
  }

  /** " (Spark's starting value)" after a watermark of 0 among times of another day. */
  startNote(ms: number | null): string {
    return ms !== null && this.isSparkStart(ms) ? " (Spark's starting value)" : '';
  }

  /** Spark's watermark starts at 0: no reason to print 1970 beside today's times. */
  private isSparkStart(ms: number): boolean {
    return this.semantics === 'spark' && ms === 0 && !this.days.has(0);
  }
}

const UNITS: readonly (readonly [string, number])[] = [
  ['day', DAY_MS],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1000],
];

/** "10 min", "5 s", "1 min 30 s", "250 ms", "2 days". */
export function duration(ms: number): string {
  if (ms === 0) return '0 s';
  let rest = Math.abs(ms);
  const parts: string[] = [];
  for (const [name, size] of UNITS) {
    if (rest >= size) {
      const n = Math.floor(rest / size);
      rest -= n * size;
      parts.push(`${String(n)} ${name === 'day' && n !== 1 ? 'days' : name}`);
    }
  }
  if (rest > 0) parts.push(`${String(rest)} ms`);
  return (ms < 0 ? '−' : '') + parts.join(' ');
}

/** "a", "a and b", "a, b and c". */
export function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

function valueWord(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** "user_id = u1, device = mobile" from the grouping values ('' without grouping). */
export function keyText(values: readonly unknown[], s: WhySettings, clock: Clock): string {
  if (values.length !== s.groupBy.length) return values.map(valueWord).join(' · ');
  return s.groupBy
    .map((field, i) => {
      const v = values[i];
      const shown = field === s.time && typeof v === 'number' ? clock.time(v) : valueWord(v);
      return `${field} = ${shown}`;
    })
    .join(', ');
}

/** The grouping values of a timeline window, whose key is its values joined with " · ". */
export function keyValues(key: string, s: WhySettings): unknown[] {
  if (s.groupBy.length === 0) return [];
  const parts = key.split(' · ');
  if (parts.length !== s.groupBy.length) return [key];
  return parts.map((p, i) => (s.groupBy[i] === s.time && /^-?\d+$/.test(p) ? Number(p) : p));
}

/** The aggregate columns of a result row: "n = 3, ctr = 0.5" ('' when there are none). */
export function valueText(row: Row, s: WhySettings): string {
  return Object.keys(row)
    .filter((c) => c !== 'window_start' && c !== 'window_end' && !s.groupBy.includes(c))
    .map((c) => `${c} = ${cellText(row, c)}`)
    .join(', ');
}
