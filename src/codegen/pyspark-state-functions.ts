// The state function of a per-key state query as Python for applyInPandasWithState: the
// built-ins (running_total, session) written out as the engine runs them, or for custom code
// a skeleton to port the JavaScript into.
import type { StatefulSpec } from '../engine/state-types';
import { pyString } from './names';

export interface FunctionContext {
  readonly spec: StatefulSpec;
  /** The grouping fields, in order (the key tuple's elements). */
  readonly keys: readonly string[];
  /** The event-time column the function reads, and whether it holds epoch ms. */
  readonly time: string | null;
  readonly epochMs: boolean;
}

const CALLED = [
  '    # Spark calls this for each key with rows in the batch, then for each key whose timeout has',
  '    # passed (state.hasTimedOut, no rows).',
];

/** `"user": [key[0]], ` pairs for the key columns. */
function keyItems(keys: readonly string[]): string[] {
  return keys.map((k, i) => `${pyString(k)}: [key[${String(i)}]]`);
}

function frame(items: readonly string[], indent: string): string[] {
  const one = `${indent}yield pd.DataFrame({${items.join(', ')}})`;
  if (one.length <= 100) return [one];
  return [
    `${indent}yield pd.DataFrame({`,
    ...items.map((x) => `${indent}    ${x},`),
    `${indent}})`,
  ];
}

/** The helper turning an event time from pandas into epoch ms. */
export function epochMsHelper(epochMs: boolean): string[] {
  return epochMs
    ? [
        'def epoch_ms(t):',
        '    # The event time, already in epoch milliseconds.',
        '    return int(t)',
      ]
    : [
        'def epoch_ms(t):',
        '    # A timestamp as pandas hands it over (UTC, the session time zone) in epoch milliseconds.',
        '    return int(t.value // 1_000_000)',
      ];
}

function eventTimeout(latest: string, ms: number): string[] {
  return [
    `    # Event time: ${msWords(ms)} after the latest event, never before the watermark (Spark refuses that).`,
    '    watermark = state.getCurrentWatermarkMs()',
    `    state.setTimeoutTimestamp(max((watermark if ${latest} is None else ${latest}) + ${String(ms)}, watermark))`,
  ];
}

function msWords(ms: number): string {
  return ms % 1000 === 0 ? `${String(ms / 1000)} seconds` : `${String(ms)} ms`;
}

function runningTotal(c: FunctionContext): string[] {
  const s = c.spec;
  const field = pyString(s.field ?? '');
  const out = (indent: string): string[] =>
    frame([...keyItems(c.keys), `${pyString(s.as)}: [total]`], indent);
  const ms = s.timeoutMs ?? 0;
  const eventTime = s.timeout === 'event' ? c.time : null;
  const byEvent = eventTime !== null;
  const lines = ['def running_total(key, pdfs, state):'];
  if (s.timeout === 'none')
    lines.push(
      '    # Spark calls this for each key with rows in the batch; the total is kept for good.',
    );
  else {
    lines.push(
      CALLED[0] ?? '',
      s.api === 'mapGroupsWithState'
        ? '    # passed (state.hasTimedOut, no rows). The timeout writes the final total and forgets it.'
        : '    # passed (state.hasTimedOut, no rows). The timeout forgets the total: it starts again at 0.',
      '    if state.hasTimedOut:',
    );
    if (s.api === 'mapGroupsWithState')
      lines.push(
        '        total = state.get[0]',
        '        state.remove()',
        ...out('        '),
        '        return',
      );
    else lines.push('        state.remove()', '        return');
  }
  lines.push('    total = state.get[0] if state.exists else 0.0');
  if (byEvent) lines.push('    latest = None');
  lines.push('    for pdf in pdfs:', `        total += float(pdf[${field}].sum())`);
  if (byEvent)
    lines.push(
      `        times = pdf[${pyString(eventTime)}].dropna()`,
      '        if len(times) > 0:',
      '            t = epoch_ms(times.max())',
      '            latest = t if latest is None else max(latest, t)',
    );
  lines.push('    state.update((total,))');
  if (s.timeout === 'processing') lines.push(`    state.setTimeoutDuration(${String(ms)})`);
  if (byEvent) lines.push(...eventTimeout('latest', ms));
  lines.push(...out('    '));
  return lines;
}

function session(c: FunctionContext): string[] {
  const s = c.spec;
  const ms = s.timeoutMs ?? 0;
  const fields = ['start', 'last', 'count'].map((f) => `${pyString(f)}: [${f}]`);
  const lines = [
    'def session(key, pdfs, state):',
    ...CALLED.slice(0, 1),
    '    # passed (state.hasTimedOut, no rows). A session is its first and last event time (epoch',
    '    # ms) and its row count; the timeout ends it and writes it with expired = True.',
    '    if state.hasTimedOut:',
    '        start, last, count = state.get',
    '        state.remove()',
    ...frame([...keyItems(c.keys), ...fields, '"expired": [True]'], '        '),
    '        return',
    '    start, last, count = state.get if state.exists else (None, None, 0)',
    '    for pdf in pdfs:',
    `        times = pdf[${pyString(c.time ?? '')}].dropna()`,
    '        if len(times) > 0:',
    '            first_ms, last_ms = epoch_ms(times.min()), epoch_ms(times.max())',
    '            start = first_ms if start is None else min(start, first_ms)',
    '            last = last_ms if last is None else max(last, last_ms)',
    '        count += len(pdf)',
    '    state.update((start, last, count))',
  ];
  if (s.timeout === 'processing') lines.push(`    state.setTimeoutDuration(${String(ms)})`);
  else lines.push(...eventTimeout('last', ms));
  if (s.api === 'mapGroupsWithState')
    lines.push(...frame([...keyItems(c.keys), ...fields, '"expired": [False]'], '    '));
  return lines;
}

function custom(): string[] {
  return [
    'def update(key, pdfs, state):',
    ...CALLED,
    '    # The page keeps the state as JSON: here it is one JSON text, state.get[0].',
    '    value = json.loads(state.get[0]) if state.exists else None',
    '    if state.hasTimedOut:',
    "        # Port the function's timeout branch here.",
    '        return',
    '    rows = pd.concat(list(pdfs), ignore_index=True)',
    '    # Port the rest here: state.update((json.dumps(value),)), state.remove(),',
    '    # state.setTimeoutDuration(ms) or state.setTimeoutTimestamp(ms), and',
    "    # yield pd.DataFrame(...) with the output_schema's columns.",
    '    yield from ()',
  ];
}

/** The function's name and its Python lines. */
export function stateFunction(c: FunctionContext): { name: string; lines: string[] } {
  switch (c.spec.function) {
    case 'running_total':
      return { name: 'running_total', lines: runningTotal(c) };
    case 'session':
      return { name: 'session', lines: session(c) };
    case 'custom':
      return { name: 'update', lines: custom() };
  }
}

/** Whether the function needs epoch_ms. */
export function needsEpochMs(spec: StatefulSpec): boolean {
  return (
    spec.function === 'session' || (spec.function === 'running_total' && spec.timeout === 'event')
  );
}
