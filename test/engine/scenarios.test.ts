// Every scenario file is a golden test: ../shared/scenarios (the team's), test/scenarios (ours)
// and lessons/*/scenario.json. On a mismatch the run is written to
// test-results/actual/NAME.actual.json and the differences are listed.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareResult } from '../../src/engine/compare';
import { parseScenario, runScenario } from '../../src/engine/scenario';
import { nodeStateRunner } from '../../src/cli/node-state-runner';

const ROOT = resolve(import.meta.dirname, '../..');
const SHARED = resolve(ROOT, '../shared/scenarios');
const OURS = join(ROOT, 'test/scenarios');
const LESSONS = join(ROOT, 'lessons');

function jsonFiles(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => join(dir, f))
    : [];
}

function lessonScenarios(): string[] {
  if (!existsSync(LESSONS)) return [];
  return readdirSync(LESSONS)
    .map((d) => join(LESSONS, d, 'scenario.json'))
    .filter((f) => existsSync(f));
}

function check(file: string): void {
  const scenario = parseScenario(JSON.parse(readFileSync(file, 'utf8')));
  const result = runScenario(scenario, { customRunner: (spec) => nodeStateRunner(spec) });
  const diff = compareResult(scenario.expected, result);
  if (diff.length > 0) {
    const out = join(ROOT, 'test-results/actual');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(out, basename(file).replace(/\.json$/, '.actual.json')),
      `${JSON.stringify(result, null, 1)}\n`,
    );
  }
  expect(diff, `${scenario.name}\n${diff.join('\n')}`).toEqual([]);
}

describe('shared scenarios (../shared/scenarios)', () => {
  it('are there to check', () => {
    expect(
      existsSync(SHARED),
      `${SHARED} is missing: clone this repository next to the team's shared/ folder`,
    ).toBe(true);
  });

  it.each(jsonFiles(SHARED).map((f) => [basename(f), f]))('%s', (_name, file) => {
    check(file);
  });
});

describe('our scenarios (test/scenarios)', () => {
  const files = jsonFiles(OURS);
  it('are at least 30', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });
  it.each(files.map((f) => [basename(f), f]))('%s', (_name, file) => {
    check(file);
  });
});

const lessons = lessonScenarios();
if (lessons.length > 0) {
  describe('lesson scenarios (lessons/*/scenario.json)', () => {
    it.each(lessons.map((f) => [f.slice(LESSONS.length + 1), f]))('%s', (_name, file) => {
      check(file);
    });
  });
}
