// What the player says in words: right or wrong after a check, with the engine's value, and
// what a compared run changes.
import { isRightChoice, isRightNumber, type ProbeValue, type Question } from '../../lessons';
import type { Answer } from '../../storage';

export interface Feedback {
  readonly right: boolean;
  /** "Right: the engine says 2." / "Not quite: you said 3; the engine says 2." */
  readonly text: string;
}

/** The engine's value as the learner reads it: the right choice's label, a number, "no row". */
export function valueText(question: Question, value: ProbeValue): string {
  if (question.kind === 'choice') {
    const right = question.choices.find((c) => isRightChoice(c, value));
    if (right) return right.label;
  }
  if (value === null) return 'no such row';
  if (typeof value === 'number' && !Number.isInteger(value))
    return String(Math.round(value * 10_000) / 10_000);
  return String(value);
}

function answerText(question: Question, answer: Answer): string {
  if (question.kind === 'choice' && typeof answer === 'number')
    return question.choices[answer]?.label ?? String(answer);
  return String(answer);
}

export function feedbackFor(question: Question, answer: Answer, value: ProbeValue): Feedback {
  const right =
    question.kind === 'number'
      ? isRightNumber(String(answer), value)
      : typeof answer === 'number' &&
        question.choices[answer] !== undefined &&
        isRightChoice(question.choices[answer], value);
  const engine = valueText(question, value);
  return right
    ? { right, text: `Right: the engine says ${engine}.` }
    : {
        right,
        text: `Not quite: you said ${answerText(question, answer)}; the engine says ${engine}.`,
      };
}

/** A setting's value in words: `{"type": "none"}` → "none", `{"delay": "5 minutes"}` → "5 minutes". */
function settingText(value: unknown): string {
  if (value === null) return 'none';
  if (typeof value !== 'object') return JSON.stringify(value).replace(/^"|"$/g, '');
  const v = value as Record<string, unknown>;
  const parts = [
    v.type,
    v.size,
    typeof v.slide === 'string' ? `every ${v.slide}` : undefined,
    v.gap,
    v.delay,
  ];
  const words = parts.filter((p): p is string => typeof p === 'string');
  return words.length > 0 ? words.join(' ') : JSON.stringify(value);
}

/** Per-key state in words: "running_total, event-time timeout 1 hour". */
function statefulText(value: unknown): string {
  if (typeof value !== 'object' || value === null) return settingText(value);
  const v = value as { function?: unknown; timeout?: { kind?: unknown; duration?: unknown } };
  const kind = v.timeout?.kind;
  const after = typeof v.timeout?.duration === 'string' ? ` ${v.timeout.duration}` : '';
  const timeout =
    kind === 'processing' || kind === 'event' ? `${kind}-time timeout${after}` : 'no timeout';
  return `${typeof v.function === 'string' ? v.function : 'state'}, ${timeout}`;
}

/** The heading of a step's compared run: "Compared: window none, outputMode update". */
export function compareText(compare: Readonly<Record<string, unknown>>): string {
  const changes = Object.entries(compare).map(
    ([k, v]) => `${k} ${k === 'stateful' ? statefulText(v) : settingText(v)}`,
  );
  return `Compared: ${changes.join(', ')}`;
}
