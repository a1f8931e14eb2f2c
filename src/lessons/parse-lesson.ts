// Reads a lesson's index.md (lessons/README.md is the format) into a Lesson, or every problem
// found, each naming the lesson file, the step and the field: "lessons/01-x/index.md, step 2
// "Batch 1": question.answer: …".
import type { Semantics } from '../engine/types';
import { splitFrontMatter } from './front-matter';
import { splitSections } from './sections';
import { isObject, readStep } from './step-fields';
import { SETTINGS, type Lesson, type LessonStep, type Parsed, type Setting } from './types';

const ID = /^(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `id` is the lesson's folder name ("01-why-windows"); `text` the index.md. */
export function parseLesson(id: string, text: string): Parsed<Lesson> {
  const file = `lessons/${id}/index.md`;
  const errors: string[] = [];
  const fail = (message: string): void => {
    errors.push(`${file}: ${message}`);
  };
  const number = ID.exec(id)?.[1];
  if (number === undefined)
    fail('the folder name must be NN-slug: two digits, a dash, lower-case words joined by dashes');

  const front = splitFrontMatter(text);
  front.errors.forEach(fail);
  const f = front.fields;
  const text_ = (key: string, required: boolean): string | null => {
    const v = f[key];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    if (v !== undefined || required) fail(`front matter ${key}: must be non-empty text`);
    return null;
  };
  const title = text_('title', true);
  const summary = text_('summary', true);
  const source = text_('source', false);
  const widget = text_('widget', false);
  const semantics = f.semantics;
  if (semantics !== 'spark' && semantics !== 'flink')
    fail('front matter semantics: must be spark or flink');
  const changeable = readChangeable(f.changeable, fail);
  const known = new Set(['title', 'summary', 'semantics', 'source', 'changeable', 'widget']);
  for (const key of Object.keys(f))
    if (!known.has(key)) fail(`front matter ${key}: unknown key (known: ${[...known].join(', ')})`);

  const raw = splitSections(front.body);
  if (raw.steps.length === 0) fail('has no steps: each step starts with a "## " heading');
  const steps: LessonStep[] = [];
  raw.steps.forEach((s, i) => {
    const where = `step ${String(i + 1)} ${JSON.stringify(s.title)}`;
    if (s.json === null) {
      fail(`${where}: has no \`\`\`step block with its settings as JSON`);
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(s.json);
    } catch (err) {
      fail(`${where}: the step block is not valid JSON (${(err as Error).message})`);
      return;
    }
    if (!isObject(json)) {
      fail(`${where}: the step block must be a JSON object such as {"show": 0}`);
      return;
    }
    const problems: string[] = [];
    const step = readStep(json, s.title, s.narration, problems);
    for (const p of problems) fail(`${where}: ${p}`);
    if (step) steps.push(step);
  });

  if (errors.length > 0 || title === null || summary === null) return { ok: false, errors };
  return {
    ok: true,
    value: {
      id,
      number: Number(number),
      title,
      summary,
      semantics: semantics as Semantics,
      source,
      changeable,
      widget,
      intro: raw.intro,
      steps,
    },
  };
}

function readChangeable(v: unknown, fail: (m: string) => void): Setting[] {
  if (v === undefined) return [];
  const isSetting = (s: unknown): s is Setting => SETTINGS.some((k) => k === s);
  if (!Array.isArray(v) || !v.every(isSetting)) {
    fail(`front matter changeable: must be a JSON list of settings among ${SETTINGS.join(', ')}`);
    return [];
  }
  return v;
}
