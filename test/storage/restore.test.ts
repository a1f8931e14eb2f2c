// restore*() on its own, table-driven: each damaged field is repaired with its default (and the
// repair named) or the record is rejected with a reason; garbage never throws.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PREFERENCES,
  restoreCheckpoint,
  restoreInput,
  restorePreferences,
  restoreProgress,
  restoreRun,
} from '../../src/storage';
import { generatedRun, importedRun, preferences, progress, scenario, scenarioRun } from './harness';

const GARBAGE: readonly unknown[] = [
  undefined,
  null,
  42,
  'text',
  true,
  [],
  [1, 2],
  {},
  new Date(0),
  { id: 5 },
];

describe('restoreRun', () => {
  it.each(GARBAGE)('rejects %j without throwing', (raw) => {
    const result = restoreRun(raw);
    expect(result.ok).toBe(false);
  });

  it('keeps a good run as it is, with no repairs', () => {
    for (const run of [scenarioRun(), generatedRun(), importedRun()])
      expect(restoreRun(run)).toEqual({ ok: true, value: run, repairs: [] });
  });

  it.each([
    ['name', 12, 'Untitled run', 'name was 12'],
    ['semantics', 'storm', 'spark', 'semantics was "storm"'],
    ['position', -1, 0, 'position was -1'],
    ['position', 2.5, 0, 'position was 2.5'],
    ['position', '3', 0, 'position was "3"'],
    ['updatedAt', Number.NaN, 0, 'updatedAt was NaN'],
    ['updatedAt', undefined, 0, 'updatedAt was missing'],
  ] as const)('repairs %s = %j to %j', (field, bad, fixed, note) => {
    const good = generatedRun();
    const result = restoreRun({ ...good, [field]: bad });
    expect(result).toEqual({ ok: true, value: { ...good, [field]: fixed }, repairs: [note] });
  });

  it('takes a scenario run’s missing name, semantics and query from its scenario', () => {
    const result = restoreRun({ ...scenarioRun(), name: null, semantics: 1, query: 'x' });
    expect(result).toMatchObject({
      ok: true,
      value: { name: scenario.name, semantics: 'spark', query: scenario.query },
    });
  });

  it.each([
    ['no id', { ...generatedRun(), id: '' }, 'a run needs an id'],
    ['a query that is not an object', { ...generatedRun(), query: [] }, 'query must be an object'],
    ['no input', { ...generatedRun(), input: undefined }, 'input must be an object'],
  ])('rejects a run with %s', (_, raw, reason) => {
    expect(restoreRun(raw)).toEqual({
      ok: false,
      reason: expect.stringContaining(reason) as string,
    });
  });

  it('drops unknown fields', () => {
    const result = restoreRun({ ...generatedRun(), rows: [1, 2, 3] });
    expect(result.ok && 'rows' in result.value).toBe(false);
  });
});

describe('restoreInput', () => {
  it.each([
    [{ kind: 'stream' }, 'input.kind must be'],
    [{ kind: 'scenario', scenario: { query: {} } }, 'the scenario cannot be read'],
    [{ kind: 'scenario', scenario: { ...scenario, batches: 'x' } }, 'needs "batches"'],
    [{ kind: 'generated', settings: {} }, 'seed must be an integer, got missing'],
    [{ kind: 'generated', seed: '42', settings: {} }, 'seed must be an integer'],
    [{ kind: 'generated', seed: Infinity, settings: {} }, 'seed must be an integer'],
    [{ kind: 'imported', events: {} }, 'imported events must be a list'],
  ])('rejects %j', (raw, reason) => {
    const result = restoreInput(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('repairs generator settings that are not an object, keeping the seed', () => {
    expect(restoreInput({ kind: 'generated', seed: 7, settings: 'fast' })).toEqual({
      ok: true,
      value: { kind: 'generated', seed: 7, settings: {} },
      repairs: ['input.settings was "fast"'],
    });
  });
});

describe('restoreCheckpoint', () => {
  const json = '{"version":1,"semantics":"flink"}';
  const good = { runId: 'r', position: 4, json, bytes: json.length, createdAt: 99 };

  it('parses the snapshot text back', () => {
    expect(restoreCheckpoint(good)).toEqual({
      ok: true,
      value: {
        runId: 'r',
        position: 4,
        snapshot: { version: 1, semantics: 'flink' },
        bytes: json.length,
        createdAt: 99,
      },
      repairs: [],
    });
  });

  it.each<[unknown, string]>([
    ...GARBAGE.map((raw): [unknown, string] => [raw, '']),
    [{ ...good, runId: 3 }, 'runId was 3'],
    [{ ...good, position: -1 }, 'position was -1'],
    [{ ...good, json: { version: 1 } }, 'the snapshot was an object'],
    [{ ...good, json: '{"version": 1' }, 'not valid JSON'],
    [{ ...good, json: 'null' }, 'the snapshot was null'],
    [{ ...good, json: '"text"' }, 'the snapshot was "text"'],
  ])('rejects %j', (raw, reason) => {
    const result = restoreCheckpoint(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('recomputes a wrong size and defaults a missing time', () => {
    const result = restoreCheckpoint({ ...good, bytes: 'big', createdAt: undefined });
    expect(result).toMatchObject({
      ok: true,
      value: { bytes: json.length, createdAt: 0 },
      repairs: ['bytes was "big"', 'createdAt was missing'],
    });
  });
});

describe('restoreProgress', () => {
  it('keeps good progress', () => {
    expect(restoreProgress(progress)).toEqual({ ok: true, value: progress, repairs: [] });
  });

  it.each(GARBAGE)('rejects %j', (raw) => {
    expect(restoreProgress(raw).ok).toBe(false);
  });

  it('repairs each field and keeps the answers that are answers', () => {
    const result = restoreProgress({
      lessonId: 'l',
      step: -4,
      answers: { a: 'x', b: Number.POSITIVE_INFINITY, c: [1], d: 2, e: false },
      completed: 1,
    });
    expect(result).toEqual({
      ok: true,
      value: {
        lessonId: 'l',
        step: 0,
        answers: { a: 'x', d: 2, e: false },
        completed: false,
        updatedAt: 0,
      },
      repairs: [
        'the answer to "b" was Infinity',
        'the answer to "c" was a list',
        'step was -4',
        'completed was 1',
        'updatedAt was missing',
      ],
    });
  });
});

describe('restorePreferences', () => {
  it('gives the defaults, with nothing to report, when none were saved', () => {
    expect(restorePreferences(undefined)).toEqual({ value: DEFAULT_PREFERENCES, repairs: [] });
  });

  it('keeps good preferences', () => {
    expect(restorePreferences(preferences)).toEqual({ value: preferences, repairs: [] });
  });

  it.each([null, 42, 'dark', [], [preferences]])('resets %j to the defaults', (raw) => {
    const result = restorePreferences(raw);
    expect(result.value).toEqual(DEFAULT_PREFERENCES);
    expect(result.repairs).toHaveLength(1);
  });

  it.each([
    ['theme', 'neon'],
    ['reducedMotion', true],
    ['speed', 0],
    ['speed', -3],
    ['speed', Number.NaN],
    ['speed', 1e9],
    ['lastRunId', 12],
    ['lastLessonId', {}],
    ['codeDraft', 'return 1;'],
    ['codeDraft', { base: 'return 1;' }],
    ['codeDraft', { base: 1, code: 'return 2;' }],
  ] as const)('repairs %s = %j to its default', (field, bad) => {
    const result = restorePreferences({ ...preferences, [field]: bad });
    expect(result.value).toEqual({ ...preferences, [field]: DEFAULT_PREFERENCES[field] });
    expect(result.repairs).toHaveLength(1);
    expect(result.repairs[0]).toMatch(new RegExp(`^${field} was `));
  });

  it('fills fields saved before they existed, silently', () => {
    expect(restorePreferences({ theme: 'light' })).toEqual({
      value: { ...DEFAULT_PREFERENCES, theme: 'light' },
      repairs: [],
    });
  });
});
