// Reads one step's JSON into a LessonStep, collecting every problem with the field it is in
// ("question.answer.cell.column: …"), so a lesson author fixes them all in one go.
import type { Choice, Highlight, LessonStep, Probe, ProbeValue, Question, TryTask } from './types';

type Obj = Readonly<Record<string, unknown>>;

export const isObject = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const isProbeValue = (v: unknown): v is ProbeValue =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || Number.isFinite(v);

const isIndex = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

const SIMPLE_PROBES = ['rows', 'watermark', 'dropped', 'droppedEvents', 'stateRows'] as const;

const PROBE_HELP =
  'a probe is {"cell": {"where": {...}, "column": "..."}}, {"rows": true}, {"watermark": true}, {"dropped": true}, {"droppedEvents": true}, {"stateRows": true} or {"fate": N}';

function scalarMap(v: unknown, at: string, problems: string[]): Record<string, ProbeValue> | null {
  if (!isObject(v) || Object.keys(v).length === 0) {
    problems.push(`${at}: must be an object of field values, such as {"user_id": "user1"}`);
    return null;
  }
  const bad = Object.entries(v).find(([, value]) => !isProbeValue(value));
  if (bad) {
    problems.push(`${at}.${bad[0]}: must be a string, number, boolean or null`);
    return null;
  }
  return v as Record<string, ProbeValue>;
}

export function readProbe(v: unknown, at: string, problems: string[]): Probe | null {
  if (!isObject(v) || Object.keys(v).length !== 1) {
    problems.push(`${at}: ${PROBE_HELP}`);
    return null;
  }
  const [name, arg] = Object.entries(v)[0] ?? ['', null];
  if (name === 'cell') {
    if (!isObject(arg)) {
      problems.push(`${at}.cell: must be {"where": {...}, "column": "..."}`);
      return null;
    }
    const where = scalarMap(arg.where, `${at}.cell.where`, problems);
    if (typeof arg.column !== 'string' || arg.column === '')
      problems.push(`${at}.cell.column: must name an output column, such as "count"`);
    return where && typeof arg.column === 'string' && arg.column !== ''
      ? { kind: 'cell', where, column: arg.column }
      : null;
  }
  if (name === 'fate') {
    if (isIndex(arg)) return { kind: 'fate', event: arg };
    problems.push(`${at}.fate: must be the index (0-based) of an input event`);
    return null;
  }
  const simple = SIMPLE_PROBES.find((p) => p === name);
  if (simple === undefined) {
    problems.push(`${at}: unknown probe "${name}"; ${PROBE_HELP}`);
    return null;
  }
  if (arg !== true) problems.push(`${at}.${name}: must be true`);
  return { kind: simple };
}

function readChoices(v: unknown, at: string, problems: string[]): Choice[] | null {
  if (!Array.isArray(v) || v.length < 2) {
    problems.push(`${at}: must list at least two choices, each {"label": "...", "value": ...}`);
    return null;
  }
  const choices: Choice[] = [];
  v.forEach((c: unknown, i) => {
    const here = `${at}[${String(i)}]`;
    if (!isObject(c) || typeof c.label !== 'string' || c.label.trim() === '')
      problems.push(`${here}.label: must be non-empty text`);
    else if (!('value' in c) || !isProbeValue(c.value))
      problems.push(`${here}.value: must be a string, number, boolean or null`);
    else choices.push({ label: c.label, value: c.value });
  });
  return choices.length === v.length ? choices : null;
}

function readQuestion(v: unknown, problems: string[]): Question | null {
  if (!isObject(v)) {
    problems.push('question: must be an object with "kind", "prompt" and "answer"');
    return null;
  }
  const prompt = typeof v.prompt === 'string' && v.prompt.trim() !== '' ? v.prompt : null;
  if (prompt === null) problems.push('question.prompt: must be non-empty text');
  const answer = readProbe(v.answer, 'question.answer', problems);
  if (v.kind === 'number') return prompt && answer ? { kind: 'number', prompt, answer } : null;
  if (v.kind === 'choice') {
    const choices = readChoices(v.choices, 'question.choices', problems);
    return prompt && answer && choices ? { kind: 'choice', prompt, choices, answer } : null;
  }
  problems.push('question.kind: must be "number" or "choice"');
  return null;
}

function readTry(v: unknown, problems: string[]): TryTask | null {
  if (!isObject(v)) {
    problems.push('try: must be {"prompt": "...", "goal": {"probe": PROBE, "equals": VALUE}}');
    return null;
  }
  const prompt = typeof v.prompt === 'string' && v.prompt.trim() !== '' ? v.prompt : null;
  if (prompt === null) problems.push('try.prompt: must be non-empty text');
  if (!isObject(v.goal)) {
    problems.push('try.goal: must be {"probe": PROBE, "equals": VALUE}');
    return null;
  }
  const probe = readProbe(v.goal.probe, 'try.goal.probe', problems);
  const equals = v.goal.equals;
  if (!('equals' in v.goal) || !isProbeValue(equals)) {
    problems.push('try.goal.equals: must be a string, number, boolean or null');
    return null;
  }
  return prompt && probe ? { prompt, goal: { probe, equals } } : null;
}

function readHighlight(v: unknown, problems: string[]): Highlight | null {
  const help =
    'highlight: must be {"key": {...}}, {"window": [startMs, endMs]}, {"event": N} or {"watermark": true}';
  if (!isObject(v) || Object.keys(v).length !== 1) {
    problems.push(help);
    return null;
  }
  if ('key' in v) {
    const key = scalarMap(v.key, 'highlight.key', problems);
    return key ? { kind: 'key', key } : null;
  }
  if ('window' in v) {
    const w = v.window;
    if (Array.isArray(w) && w.length === 2 && w.every(Number.isInteger) && w[0] < w[1])
      return { kind: 'window', start: w[0] as number, end: w[1] as number };
    problems.push('highlight.window: must be [startMs, endMs] with start < end');
    return null;
  }
  if ('event' in v) {
    if (isIndex(v.event)) return { kind: 'event', index: v.event };
    problems.push('highlight.event: must be the index (0-based) of an input event');
    return null;
  }
  if (v.watermark === true) return { kind: 'watermark' };
  problems.push(help);
  return null;
}

const KNOWN = new Set(['show', 'highlight', 'compare', 'question', 'try']);

/** The step's settings from its JSON; problems are pushed without the lesson/step prefix. */
export function readStep(
  json: Obj,
  title: string,
  narration: string,
  problems: string[],
): LessonStep | null {
  const start = problems.length;
  for (const key of Object.keys(json))
    if (!KNOWN.has(key)) problems.push(`${key}: unknown field (known: ${[...KNOWN].join(', ')})`);
  if (!isIndex(json.show))
    problems.push('show: must be a batch index (spark) or a stream index (flink), 0 or more');
  const compare = json.compare ?? null;
  if (compare !== null && (!isObject(compare) || Object.keys(compare).length === 0))
    problems.push(
      'compare: must be an object of query fields to change, such as {"outputMode": "update"}',
    );
  const highlight = json.highlight === undefined ? null : readHighlight(json.highlight, problems);
  const question = json.question === undefined ? null : readQuestion(json.question, problems);
  const task = json.try === undefined ? null : readTry(json.try, problems);
  if (problems.length > start || !isIndex(json.show)) return null;
  return {
    title,
    show: json.show,
    highlight,
    compare: compare as Obj | null,
    question,
    try: task,
    narration,
  };
}
