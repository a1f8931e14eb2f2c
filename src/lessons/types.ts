// A lesson as the app uses it, after parsing and validation: front matter, steps, and the probes
// that read a value from the engine's output for a step (questions and try tasks are checked by them).
import type { Semantics } from '../engine/types';

/** A value a probe reads and a choice or goal names: JSON scalars. */
export type ProbeValue = string | number | boolean | null;

/** What one probe reads from a step's output (see lessons/README.md, "probe"). */
export type Probe =
  | {
      readonly kind: 'cell';
      readonly where: Readonly<Record<string, ProbeValue>>;
      readonly column: string;
    }
  | { readonly kind: 'rows' }
  | { readonly kind: 'watermark' }
  | { readonly kind: 'dropped' }
  | { readonly kind: 'droppedEvents' }
  | { readonly kind: 'stateRows' }
  | { readonly kind: 'fate'; readonly event: number };

export interface Choice {
  readonly label: string;
  readonly value: ProbeValue;
}

export type Question =
  | { readonly kind: 'number'; readonly prompt: string; readonly answer: Probe }
  | {
      readonly kind: 'choice';
      readonly prompt: string;
      readonly choices: readonly Choice[];
      readonly answer: Probe;
    };

export interface TryTask {
  readonly prompt: string;
  readonly goal: { readonly probe: Probe; readonly equals: ProbeValue };
}

export type Highlight =
  | { readonly kind: 'key'; readonly key: Readonly<Record<string, ProbeValue>> }
  | { readonly kind: 'window'; readonly start: number; readonly end: number }
  | { readonly kind: 'event'; readonly index: number }
  | { readonly kind: 'watermark' };

/** Settings a lesson may unlock (front matter `changeable`). */
export const SETTINGS = [
  'window',
  'watermark',
  'outputMode',
  'allowedLateness',
  'trigger',
  'groupBy',
  'aggregates',
  'semantics',
] as const;
export type Setting = (typeof SETTINGS)[number];

export interface LessonStep {
  readonly title: string;
  /** Spark: 0-based batch shown after the step; Flink: 0-based stream index to stop after. */
  readonly show: number;
  readonly highlight: Highlight | null;
  /** Query fields changed for a second run shown side by side. */
  readonly compare: Readonly<Record<string, unknown>> | null;
  readonly question: Question | null;
  readonly try: TryTask | null;
  /** Markdown. */
  readonly narration: string;
}

export interface Lesson {
  /** The folder name, e.g. "05-watermarks-update". */
  readonly id: string;
  /** From the NN prefix: the lesson's place in the curriculum. */
  readonly number: number;
  readonly title: string;
  readonly summary: string;
  readonly semantics: Semantics;
  readonly source: string | null;
  readonly changeable: readonly Setting[];
  readonly widget: string | null;
  /** Markdown before the first step. */
  readonly intro: string;
  readonly steps: readonly LessonStep[];
}

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly string[] };
