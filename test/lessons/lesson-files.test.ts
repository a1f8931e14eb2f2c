// Every lessons/*/index.md against its scenario: it parses, its semantics is the scenario's, each
// question's answer is computable on the engine's run (and exactly one choice is right), each try
// goal reads a value, and every `show` is within the input.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/engine/scenario';
import {
  evaluateProbe,
  goalMet,
  parseLesson,
  rightChoices,
  stepOutput,
  type Lesson,
} from '../../src/lessons';

const LESSONS = resolve(import.meta.dirname, '../../lessons');

const folders = existsSync(LESSONS)
  ? readdirSync(LESSONS).filter((d) => existsSync(join(LESSONS, d, 'index.md')))
  : [];

/** Every problem a lesson has against its scenario, one line each. */
function problems(lesson: Lesson, scenarioJson: unknown): string[] {
  const out: string[] = [];
  const scenario = parseScenario(scenarioJson);
  const file = `lessons/${lesson.id}/index.md`;
  if (scenario.semantics !== lesson.semantics)
    out.push(`${file}: semantics ${lesson.semantics}, scenario ${scenario.semantics}`);
  const length = scenario.batches?.length ?? scenario.stream?.length ?? 0;
  lesson.steps.forEach((step, i) => {
    const where = `${file}, step ${String(i + 1)} ${JSON.stringify(step.title)}`;
    if (step.show >= length) {
      out.push(`${where}: show ${String(step.show)} is past the input (${String(length)})`);
      return;
    }
    const output = stepOutput(scenario, step.show);
    const q = step.question;
    if (q) {
      const v = evaluateProbe(q.answer, output);
      if (!v.ok) out.push(`${where}: question.answer: ${v.error}`);
      else if (q.kind === 'number' && typeof v.value !== 'number')
        out.push(`${where}: question.answer gives ${JSON.stringify(v.value)}, not a number`);
      else if (q.kind === 'choice' && rightChoices(q.choices, v.value) !== 1)
        out.push(
          `${where}: question.choices: ${String(rightChoices(q.choices, v.value))} choices equal the answer ${JSON.stringify(v.value)}; exactly one must`,
        );
    }
    if (step.try) {
      const v = evaluateProbe(step.try.goal.probe, output);
      if (!v.ok) out.push(`${where}: try.goal.probe: ${v.error}`);
      else if (goalMet(v.value, step.try.goal.equals))
        out.push(`${where}: try.goal already holds with the lesson's own settings`);
    }
    const h = step.highlight;
    if (h?.kind === 'event') {
      const events = scenario.batches?.flat().length ?? length;
      if (h.index >= events)
        out.push(`${where}: highlight.event ${String(h.index)} is past the input`);
    }
  });
  return out;
}

describe('lessons/*/index.md', () => {
  it.each(folders)('%s', (id) => {
    const parsed = parseLesson(id, readFileSync(join(LESSONS, id, 'index.md'), 'utf8'));
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    if (!parsed.ok) return;
    const scenarioFile = join(LESSONS, id, 'scenario.json');
    expect(existsSync(scenarioFile), `${scenarioFile} is missing`).toBe(true);
    const json: unknown = JSON.parse(readFileSync(scenarioFile, 'utf8'));
    expect(problems(parsed.value, json)).toEqual([]);
  });
});
