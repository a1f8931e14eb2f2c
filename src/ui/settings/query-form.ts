// The settings form's model: the fields a learner changes, read from a run's query and written
// back into it (aggregates, filter and derived columns are kept as they are), and checked the
// way the engine will check them, so an invalid value never reaches the worker.
import { parseDuration } from '../../engine/duration';
import { FlinkEngine } from '../../engine/flink';
import { FlinkParameterError } from '../../engine/flink-refusals';
import { parseQuery, QueryError } from '../../engine/query-parse';
import { SparkEngine } from '../../engine/spark';
import { SparkAnalysisError } from '../../engine/spark-refusals';
import { SparkStateEngine } from '../../engine/spark-state';
import type { Semantics } from '../../engine/types';

export type WindowType = 'tumbling' | 'sliding' | 'session' | 'none';
export type OutputMode = 'append' | 'update' | 'complete';

export interface QueryForm {
  readonly windowType: WindowType;
  readonly size: string;
  readonly slide: string;
  readonly offset: string;
  readonly gap: string;
  /** Empty: no watermark. */
  readonly watermark: string;
  readonly outputMode: OutputMode;
  readonly allowedLateness: string;
  readonly triggerInterval: string;
  /** Grouping fields, comma-separated. */
  readonly groupBy: string;
}

export type FormField = keyof QueryForm | 'form';

type Json = Record<string, unknown>;

const text = (v: unknown, fallback = ''): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? `${String(v)} ms` : fallback;

export function formFromQuery(query: Json): QueryForm {
  const w = (query.window ?? { type: 'none' }) as Json;
  const watermark = query.watermark as Json | null | undefined;
  const type = w.type;
  return {
    windowType: type === 'tumbling' || type === 'sliding' || type === 'session' ? type : 'none',
    size: text(w.size, '1 minute'),
    slide: text(w.slide, text(w.size, '1 minute')),
    offset: text(w.offset, '0 seconds'),
    gap: typeof w.gap === 'string' || typeof w.gap === 'number' ? text(w.gap) : '30 seconds',
    watermark: watermark === null || watermark === undefined ? '' : text(watermark.delay),
    outputMode:
      query.outputMode === 'update' || query.outputMode === 'complete'
        ? query.outputMode
        : 'append',
    allowedLateness: text(query.allowedLateness, '0 seconds'),
    triggerInterval: text(query.triggerInterval, '10 seconds'),
    groupBy: Array.isArray(query.groupBy) ? query.groupBy.join(', ') : '',
  };
}

/** The query with the form's fields written in; everything else is kept from `base`. */
export function queryFromForm(form: QueryForm, base: Json): Json {
  const window: Json =
    form.windowType === 'none'
      ? { type: 'none' }
      : form.windowType === 'session'
        ? {
            type: 'session',
            gap:
              base.window &&
              (base.window as Json).type === 'session' &&
              typeof (base.window as Json).gap === 'object'
                ? (base.window as Json).gap
                : form.gap.trim(),
          }
        : form.windowType === 'tumbling'
          ? { type: 'tumbling', size: form.size.trim(), offset: form.offset.trim() }
          : {
              type: 'sliding',
              size: form.size.trim(),
              slide: form.slide.trim(),
              offset: form.offset.trim(),
            };
  return {
    ...base,
    window,
    groupBy: form.groupBy
      .split(',')
      .map((f) => f.trim())
      .filter((f) => f !== ''),
    watermark: form.watermark.trim() === '' ? null : { delay: form.watermark.trim() },
    outputMode: form.outputMode,
    allowedLateness: form.allowedLateness.trim(),
    triggerInterval: form.triggerInterval.trim(),
  };
}

/** Which form field a query path or an engine refusal is about. */
function fieldOf(path: string, message: string): FormField {
  const byPath: [string, FormField][] = [
    ['window.size', 'size'],
    ['window.slide', 'slide'],
    ['window.offset', 'offset'],
    ['window.gap', 'gap'],
    ['window', 'windowType'],
    ['watermark', 'watermark'],
    ['outputMode', 'outputMode'],
    ['allowedLateness', 'allowedLateness'],
    ['groupBy', 'groupBy'],
    ['triggerInterval', 'triggerInterval'],
  ];
  for (const [prefix, field] of byPath) if (path.startsWith(prefix)) return field;
  const m = message.toLowerCase();
  if (m.includes('window duration') || m.includes('size'))
    return m.includes('slide') ? 'slide' : 'size';
  if (m.includes('slide duration')) return 'slide';
  if (m.includes('start time') || m.includes('offset')) return 'offset';
  if (m.includes('session') && m.includes('global aggregation')) return 'groupBy';
  if (m.includes('output mode')) return 'outputMode';
  if (m.includes('delay threshold') || m.includes('maxoutoforderness')) return 'watermark';
  if (m.includes('allowed lateness')) return 'allowedLateness';
  if (m.includes('gap')) return 'gap';
  return 'form';
}

export type Checked =
  | { readonly ok: true; readonly query: Json }
  | { readonly ok: false; readonly field: FormField; readonly message: string };

/** Builds the query and checks it exactly as the engine would; the first problem wins. */
export function checkForm(form: QueryForm, base: Json, semantics: Semantics): Checked {
  const query = queryFromForm(form, base);
  if (semantics === 'spark') {
    let ms: number;
    try {
      ms = parseDuration(form.triggerInterval);
    } catch (err) {
      return { ok: false, field: 'triggerInterval', message: (err as Error).message };
    }
    if (ms <= 0)
      return {
        ok: false,
        field: 'triggerInterval',
        message: 'must be longer than 0, such as "10 seconds"',
      };
  }
  try {
    const q = parseQuery(query, semantics);
    // A runner that is never called: the state engine's constructor only checks the query.
    if (semantics === 'spark' && q.stateful) new SparkStateEngine(q, { runner: { run: () => [] } });
    else if (semantics === 'spark') new SparkEngine(q);
    else new FlinkEngine(q);
    return { ok: true, query };
  } catch (err) {
    if (err instanceof QueryError)
      return {
        ok: false,
        field: fieldOf(err.field, err.message),
        message: err.message.replace(/^query\.[\w.[\]]*: /, ''),
      };
    if (err instanceof SparkAnalysisError || err instanceof FlinkParameterError)
      return { ok: false, field: fieldOf('', err.message), message: err.message };
    throw err;
  }
}
