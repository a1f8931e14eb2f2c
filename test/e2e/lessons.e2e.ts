// Lessons in real Chromium: the index reached from the header, lesson 1 and lesson 5 completed by
// answering every question with the value its scenario's `expected` holds (a wrong answer is
// said to be wrong), each try task done, and progress kept across a reload.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SparkBatchResult } from '../../src/engine/types';
import {
  evaluateProbe,
  isRightChoice,
  parseLesson,
  type Lesson,
  type Probe,
  type ProbeValue,
} from '../../src/lessons';
import { launchChromium, openPage } from './browser';

const ROOT = resolve(import.meta.dirname, '../..');

/** A batch as a scenario's `expected` writes it: every field but `rows` may be left out. */
type ExpectedBatch = Pick<SparkBatchResult, 'rows'> & Partial<SparkBatchResult>;
interface Expected {
  readonly batches: readonly ExpectedBatch[];
}
interface LessonFiles {
  readonly lesson: Lesson;
  readonly batches: readonly (readonly unknown[])[];
  readonly expected: Expected;
}

function read(id: string): LessonFiles {
  const parsed = parseLesson(id, readFileSync(resolve(ROOT, 'lessons', id, 'index.md'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const scenario = JSON.parse(
    readFileSync(resolve(ROOT, 'lessons', id, 'scenario.json'), 'utf8'),
  ) as { batches: unknown[][]; expected: Expected };
  return { lesson: parsed.value, batches: scenario.batches, expected: scenario.expected };
}

/**
 * The right answer from the scenario's `expected` (worked out by hand), never from the page.
 * An event's fate is read from its batch's `droppedEvents` (or `dropped`): 0 means every event
 * was counted.
 */
function expectedValue(files: LessonFiles, probe: Probe, show: number): ProbeValue {
  const batch = files.expected.batches[show];
  if (batch === undefined) throw new Error(`expected has no batch ${String(show)}`);
  if (probe.kind === 'fate') {
    const before = files.batches.slice(0, show).flat().length;
    const size = files.batches[show]?.length ?? 0;
    if (
      probe.event < before ||
      probe.event >= before + size ||
      (batch.droppedEvents ?? batch.dropped) !== 0
    )
      throw new Error(
        `fate ${String(probe.event)} cannot be read from expected batch ${String(show)}`,
      );
    return 'counted';
  }
  const full = { dropped: 0, droppedEvents: 0, stateRows: 0, watermark: null, ...batch };
  const out = evaluateProbe(probe, { semantics: 'spark', batch: full, fates: [] });
  if (!out.ok) throw new Error(out.error);
  return out.value;
}

/** The setting a try task asks for, per lesson (the action, not the answer). */
const TRY_SETTINGS: Record<string, Record<string, string>> = {
  '01-why-windows': { Size: '2 minutes' },
  '05-watermarks-update-mode': { 'Watermark delay': '20 minutes' },
};

const stepHeading = (page: Page, k: number, n: number): Promise<void> =>
  page.getByText(`Step ${String(k)} of ${String(n)}`, { exact: true }).waitFor();

/** Answers the current step's question: right, or (when `wrong`) wrong on purpose. */
async function answer(
  page: Page,
  files: LessonFiles,
  index: number,
  wrong: boolean,
): Promise<void> {
  const step = files.lesson.steps[index];
  const q = step?.question;
  if (!step || !q) return;
  const value = expectedValue(files, q.answer, step.show);
  if (q.kind === 'number') {
    await page.getByLabel(q.prompt).fill(String(wrong ? Number(value) + 1 : value));
  } else {
    const choice = q.choices.find((c) => isRightChoice(c, value) !== wrong);
    if (!choice) throw new Error(`no choice for ${JSON.stringify(value)}`);
    await page.getByRole('radio', { name: choice.label, exact: true }).check();
  }
  await page.getByRole('button', { name: 'Check' }).click();
  const said = page.getByRole('status').filter({ hasText: /the engine says/ });
  await expect.poll(() => said.innerText()).toMatch(wrong ? /^Not quite/ : /^Right/);
}

async function tryTask(page: Page, files: LessonFiles, index: number): Promise<void> {
  if (!files.lesson.steps[index]?.try) return;
  for (const [label, value] of Object.entries(TRY_SETTINGS[files.lesson.id] ?? {}))
    await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByText('Done: the goal holds', { exact: false }).waitFor({ timeout: 10_000 });
}

/** Plays the lesson from step `from` to the end; `wrongAt`: a step answered wrong on purpose. */
async function play(page: Page, files: LessonFiles, from = 0, wrongAt = -1): Promise<void> {
  const n = files.lesson.steps.length;
  for (let i = from; i < n; i++) {
    await stepHeading(page, i + 1, n);
    await answer(page, files, i, i === wrongAt);
    await tryTask(page, files, i);
    await page.getByRole('button', { name: i === n - 1 ? 'Finish lesson' : 'Next step' }).click();
  }
  await page.getByText('Lesson complete.').waitFor();
}

describe('lessons', () => {
  let browser: Browser | null = null;
  const url = inject('siteUrl');

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    browser = null;
  });

  it('completes lesson 1 (a wrong answer said wrong) and lesson 5, keeping progress across reloads', async () => {
    if (!browser) throw new Error('Chromium did not start');
    const { page, errors } = await openPage(browser, { width: 1280, height: 900 });
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: 'Lessons', exact: true }).click();
    await page.getByRole('heading', { name: 'Lessons', exact: true }).waitFor();

    const one = read('01-why-windows');
    await page.getByRole('link', { name: /^Lesson 1: / }).click();
    await page.getByRole('heading', { name: one.lesson.title }).waitFor();
    // A step with a question hides its result until the learner answers.
    // (The run view loads after the heading; wait for it rather than read it at once.)
    await expect
      .poll(() => page.getByText('The result is hidden until you answer.').count(), {
        timeout: 10_000,
      })
      .toBe(1);
    await play(page, one, 0, 0);

    const five = read('05-watermarks-update-mode');
    await page.goto(`${url}#lesson=${five.lesson.id}`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: five.lesson.title }).waitFor();
    const n = five.lesson.steps.length;
    for (const i of [0, 1]) {
      await stepHeading(page, i + 1, n);
      await answer(page, five, i, false);
      await page.getByRole('button', { name: 'Next step' }).click();
    }
    await stepHeading(page, 3, n);

    // A reload comes back to the same lesson and step, the answers kept.
    await page.reload({ waitUntil: 'networkidle' });
    await stepHeading(page, 3, n);
    await page.getByRole('button', { name: 'Previous step' }).click();
    await stepHeading(page, 2, n);
    await expect
      .poll(() =>
        page
          .getByRole('status')
          .filter({ hasText: /the engine says/ })
          .innerText(),
      )
      .toMatch(/^Right/);
    await page.getByRole('button', { name: 'Next step' }).click();

    // The index shows each lesson's progress and the way back.
    await page.getByRole('link', { name: 'Lessons', exact: true }).click();
    const card = (k: number) =>
      page.getByRole('link', { name: new RegExp(`^Lesson ${String(k)}: `) });
    await expect.poll(() => card(1).innerText()).toContain('Done');
    await expect.poll(() => card(5).innerText()).toContain(`Step 3 of ${String(n)}`);
    await expect.poll(() => card(2).innerText()).toContain('Not started');
    await page.screenshot({
      path: resolve(ROOT, 'test-results/lessons-index.png'),
      fullPage: true,
    });
    await page.getByRole('link', { name: /^Continue lesson 5/ }).waitFor();
    // The free-play page offers the way back too.
    await page.getByRole('link', { name: 'Free play', exact: true }).click();
    await page.getByRole('link', { name: /^Continue lesson 5: .*\(step 3 of/ }).click();
    await play(page, five, 2);

    await page.reload({ waitUntil: 'networkidle' });
    await page.getByText('Lesson complete.').waitFor();
    await page.screenshot({
      path: resolve(ROOT, 'test-results/lesson-5-done.png'),
      fullPage: true,
    });
    await page.goto(`${url}#lessons`, { waitUntil: 'networkidle' });
    await expect.poll(() => card(5).innerText()).toContain('Done');

    // Free play opens the same scenario with every setting unlocked.
    await page.goto(`${url}#lesson=${one.lesson.id}&step=2`, { waitUntil: 'networkidle' });
    await stepHeading(page, 2, one.lesson.steps.length);
    await page.getByRole('button', { name: 'Open in free play' }).click();
    await page.getByRole('heading', { name: one.lesson.title, level: 2 }).waitFor();
    expect(await page.getByLabel('Watermark delay', { exact: true }).isEnabled()).toBe(true);
    await page.close();
    expect(errors).toEqual([]);
  });
});
