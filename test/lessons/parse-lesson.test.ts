// The lesson parser on inline fixtures: front matter, steps, step JSON, and messages that name
// the file, the step and the field.
import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../src/lessons';
import { splitFrontMatter } from '../../src/lessons/front-matter';

const GOOD = `---
title: Late dog
summary: A dog arrives late.
semantics: spark
changeable: ["watermark"]
---

Intro with **bold**.

## Batch 0

\`\`\`step
{ "show": 0, "highlight": { "key": { "word": "dog" } },
  "question": { "kind": "number", "prompt": "How many dogs?",
                "answer": { "cell": { "where": { "word": "dog" }, "column": "count" } } } }
\`\`\`

One dog.

## Batch 1

\`\`\`python
## not a heading inside code
\`\`\`

\`\`\`step
{ "show": 1, "compare": { "outputMode": "complete" },
  "question": { "kind": "choice", "prompt": "Late?",
                "choices": [{ "label": "yes", "value": "late" }, { "label": "no", "value": "counted" }],
                "answer": { "fate": 1 } },
  "try": { "prompt": "Count it", "goal": { "probe": { "droppedEvents": true }, "equals": 0 } } }
\`\`\`
`;

describe('parseLesson', () => {
  it('reads the front matter, the intro and each step', () => {
    const parsed = parseLesson('04-late-dog', GOOD);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const l = parsed.value;
    expect(l).toMatchObject({
      id: '04-late-dog',
      number: 4,
      title: 'Late dog',
      semantics: 'spark',
      changeable: ['watermark'],
      widget: null,
      source: null,
    });
    expect(l.intro).toBe('Intro with **bold**.');
    expect(l.steps.map((s) => s.title)).toEqual(['Batch 0', 'Batch 1']);
    expect(l.steps[0]).toMatchObject({
      show: 0,
      highlight: { kind: 'key', key: { word: 'dog' } },
      question: { kind: 'number', answer: { kind: 'cell', column: 'count' } },
      narration: 'One dog.',
    });
    const second = l.steps[1];
    expect(second?.narration).toContain('## not a heading inside code');
    expect(second?.compare).toEqual({ outputMode: 'complete' });
    expect(second?.question).toMatchObject({ kind: 'choice', answer: { kind: 'fate', event: 1 } });
    expect(second?.try?.goal).toEqual({ probe: { kind: 'droppedEvents' }, equals: 0 });
  });

  it.each([
    ['title: x', 'front matter summary: must be non-empty text'],
    ['semantics: beam', 'front matter semantics: must be spark or flink'],
    ['changeable: ["colour"]', 'front matter changeable: must be a JSON list'],
    ['changeable: [oops', 'front matter line 2: changeable is not valid JSON'],
    ['colour: red', 'front matter colour: unknown key'],
  ])('names the front matter field: %s', (line, message) => {
    const text = `---\n${line}\n---\n## S\n\`\`\`step\n{"show": 0}\n\`\`\`\n`;
    const parsed = parseLesson('01-x', text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.join('\n')).toContain(`lessons/01-x/index.md: ${message}`);
  });

  const lesson = (step: string): string =>
    `---\ntitle: T\nsummary: S\nsemantics: spark\n---\n## First\n\`\`\`step\n${step}\n\`\`\`\n`;

  it.each([
    ['{"show": -1}', 'show: must be a batch index'],
    ['{"show": 0, "colour": 1}', 'colour: unknown field'],
    ['{"show": 0', 'the step block is not valid JSON'],
    [
      '{"show": 0, "question": {"kind": "number", "prompt": "?", "answer": {"cells": 1}}}',
      'question.answer: unknown probe "cells"',
    ],
    [
      '{"show": 0, "question": {"kind": "number", "prompt": "?", "answer": {"cell": {"where": {}, "column": "c"}}}}',
      'question.answer.cell.where: must be an object',
    ],
    [
      '{"show": 0, "question": {"kind": "number", "prompt": "?", "answer": {"cell": {"where": {"a": 1}}}}}',
      'question.answer.cell.column: must name an output column',
    ],
    [
      '{"show": 0, "question": {"kind": "choice", "prompt": "?", "choices": [{"label": "a", "value": 1}], "answer": {"rows": true}}}',
      'question.choices: must list at least two',
    ],
    [
      '{"show": 0, "question": {"kind": "choice", "prompt": "?", "choices": [{"label": "a", "value": 1}, {"label": "", "value": 2}], "answer": {"rows": true}}}',
      'question.choices[1].label: must be non-empty text',
    ],
    [
      '{"show": 0, "question": {"kind": "guess", "prompt": "?", "answer": {"rows": true}}}',
      'question.kind: must be "number" or "choice"',
    ],
    [
      '{"show": 0, "try": {"prompt": "p", "goal": {"probe": {"rows": true}}}}',
      'try.goal.equals: must be',
    ],
    ['{"show": 0, "highlight": {"window": [5, 1]}}', 'highlight.window: must be [startMs, endMs]'],
    ['{"show": 0, "compare": []}', 'compare: must be an object'],
  ])('names the step and the field: %s', (step, message) => {
    const parsed = parseLesson('01-x', lesson(step));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.errors.join('\n')).toContain(
        `lessons/01-x/index.md: step 1 "First": ${message}`,
      );
  });

  it('asks for steps and for a step block', () => {
    const none = parseLesson('01-x', '---\ntitle: T\nsummary: S\nsemantics: spark\n---\nNo steps.');
    expect(none.ok ? [] : none.errors).toEqual([
      'lessons/01-x/index.md: has no steps: each step starts with a "## " heading',
    ]);
    const bare = parseLesson(
      '01-x',
      '---\ntitle: T\nsummary: S\nsemantics: spark\n---\n## A\ntext',
    );
    expect(bare.ok ? '' : bare.errors.join()).toContain('step 1 "A": has no ```step block');
  });

  it('refuses a folder name that is not NN-slug', () => {
    const parsed = parseLesson('late dog', GOOD);
    expect(parsed.ok ? '' : parsed.errors.join()).toContain('the folder name must be NN-slug');
  });
});

describe('splitFrontMatter', () => {
  it('reads JSON values and plain strings', () => {
    const f = splitFrontMatter('---\na: 12\nb: "x: y"\nc: plain: text\nd: {"k": [1]}\n---\nbody');
    expect(f.fields).toEqual({ a: 12, b: 'x: y', c: 'plain: text', d: { k: [1] } });
    expect(f.body).toBe('body');
    expect(f.errors).toEqual([]);
  });
  it('needs the opening and the closing line', () => {
    expect(splitFrontMatter('title: x').errors[0]).toContain('must start with');
    expect(splitFrontMatter('---\ntitle: x\n').errors[0]).toContain('no closing');
  });
});
