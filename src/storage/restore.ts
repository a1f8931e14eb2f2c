// Reading saved checkpoints, lesson progress and preferences back: never trust what was saved.
// Each restore*() repairs a record with defaults or rejects it with a reason; the engine checks a
// checkpoint's snapshot once more when it restores it.
import {
  describe,
  isBoolean,
  isNonEmptyString,
  isObject,
  isPosition,
  isStringOrNull,
  isTime,
  rejected,
  Repairs,
  type Restored,
} from './restore-util';
import type {
  Answer,
  CheckpointRecord,
  CodeDraft,
  MotionPreference,
  Preferences,
  ProgressRecord,
  Theme,
} from './types';

export const DEFAULT_PREFERENCES: Preferences = {
  theme: 'system',
  reducedMotion: 'system',
  speed: 1,
  lastRunId: null,
  lastLessonId: null,
  codeDraft: null,
};

/** Longer code is not a draft the editor made (the engine's sandbox runs far smaller). */
const MAX_DRAFT_CHARS = 200_000;
const isCode = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_DRAFT_CHARS;
const isDraft = (v: unknown): v is CodeDraft | null =>
  v === null || (isObject(v) && isCode(v.base) && isCode(v.code));

/** Speeds outside this range are a damaged record, not a choice the settings offer. */
const MAX_SPEED = 1_000_000;

const isTheme = (v: unknown): v is Theme => v === 'system' || v === 'light' || v === 'dark';
const isMotion = (v: unknown): v is MotionPreference =>
  v === 'system' || v === 'reduce' || v === 'no-preference';
const isSpeed = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= MAX_SPEED;
const isAnswer = (v: unknown): v is Answer =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/**
 * A stored checkpoint ({ runId, position, json, bytes, createdAt }, the snapshot kept as JSON
 * text) back to a record with the snapshot parsed. Rejected when the snapshot is not a JSON object.
 */
export function restoreCheckpoint(raw: unknown): Restored<CheckpointRecord> {
  if (!isObject(raw)) return rejected(`a checkpoint must be an object, got ${describe(raw)}`);
  if (!isNonEmptyString(raw.runId)) return rejected(`runId was ${describe(raw.runId)}`);
  if (!isPosition(raw.position)) return rejected(`position was ${describe(raw.position)}`);
  if (typeof raw.json !== 'string') return rejected(`the snapshot was ${describe(raw.json)}`);
  let snapshot: unknown;
  try {
    snapshot = JSON.parse(raw.json);
  } catch {
    return rejected('the snapshot is not valid JSON');
  }
  if (!isObject(snapshot)) return rejected(`the snapshot was ${describe(snapshot)}`);
  const repairs = new Repairs();
  const json = raw.json;
  const isLength = (v: unknown): v is number => v === json.length;
  const bytes = repairs.field('bytes', raw.bytes, isLength, json.length);
  const value: CheckpointRecord = {
    runId: raw.runId,
    position: raw.position,
    snapshot,
    bytes,
    createdAt: repairs.field('createdAt', raw.createdAt, isTime, 0),
  };
  return { ok: true, value, repairs: repairs.notes };
}

export function restoreProgress(raw: unknown): Restored<ProgressRecord> {
  if (!isObject(raw)) return rejected(`lesson progress must be an object, got ${describe(raw)}`);
  if (!isNonEmptyString(raw.lessonId)) return rejected(`lessonId was ${describe(raw.lessonId)}`);
  const repairs = new Repairs();
  const answers: Record<string, Answer> = {};
  if (isObject(raw.answers)) {
    for (const [question, answer] of Object.entries(raw.answers)) {
      if (isAnswer(answer)) answers[question] = answer;
      else repairs.note(`the answer to ${JSON.stringify(question)} was ${describe(answer)}`);
    }
  } else repairs.note(`answers was ${describe(raw.answers)}`);
  const value: ProgressRecord = {
    lessonId: raw.lessonId,
    step: repairs.field('step', raw.step, isPosition, 0),
    answers,
    completed: repairs.field('completed', raw.completed, isBoolean, false),
    updatedAt: repairs.field('updatedAt', raw.updatedAt, isTime, 0),
  };
  return { ok: true, value, repairs: repairs.notes };
}

/**
 * Preferences are never rejected: each damaged field falls back to its default, and a missing one
 * (saved before the field existed) does so silently.
 */
export function restorePreferences(raw: unknown): {
  readonly value: Preferences;
  readonly repairs: readonly string[];
} {
  if (raw === undefined) return { value: DEFAULT_PREFERENCES, repairs: [] };
  if (!isObject(raw))
    return { value: DEFAULT_PREFERENCES, repairs: [`preferences were ${describe(raw)}`] };
  const r = new Repairs();
  const d = DEFAULT_PREFERENCES;
  const value: Preferences = {
    theme: r.optional('theme', raw.theme, isTheme, d.theme),
    reducedMotion: r.optional('reducedMotion', raw.reducedMotion, isMotion, d.reducedMotion),
    speed: r.optional('speed', raw.speed, isSpeed, d.speed),
    lastRunId: r.optional('lastRunId', raw.lastRunId, isStringOrNull, d.lastRunId),
    lastLessonId: r.optional('lastLessonId', raw.lastLessonId, isStringOrNull, d.lastLessonId),
    codeDraft: r.optional('codeDraft', raw.codeDraft, isDraft, d.codeDraft),
  };
  return { value, repairs: r.notes };
}
