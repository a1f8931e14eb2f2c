// Lessons 9 (per-key state) and 12 (a join) in real Chromium: every question answered with the
// value the lesson's probe reads from its scenario run in Node (never a number typed here), the
// state table or the join lanes shown with each revealed step, the compared runs of lesson 9,
// both try tasks done; unrun state code kept across a reload; screenshots for a person to look at.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isRightChoice, parseLesson, probeScenario, type Lesson } from '../../src/lessons';
import { launchChromium, openPage } from './browser';

const ROOT = resolve(import.meta.dirname, '../..');
const SLOW = { timeout: 10_000 };

interface LessonFiles {
  readonly lesson: Lesson;
  readonly scenario: unknown;
}

function read(id: string): LessonFiles {
  const parsed = parseLesson(id, readFileSync(resolve(ROOT, 'lessons', id, 'index.md'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const scenario: unknown = JSON.parse(
    readFileSync(resolve(ROOT, 'lessons', id, 'scenario.json'), 'utf8'),
  );
  return { lesson: parsed.value, scenario };
}

/** What the learner does for each try task (the action; the page says whether it is enough). */
const TRY_SETTINGS: Record<string, Record<string, string>> = {
  '09-running-totals-and-timeouts': { 'Group by': 'transactionId' },
  '12-impressions-joined-with-clicks': { 'clicks delay': '8 seconds' },
};

const stepHeading = (page: Page, k: number, n: number): Promise<void> =>
  page.getByText(`Step ${String(k)} of ${String(n)}`, { exact: true }).waitFor();

/** Answers the step's question with the value its probe reads from the scenario in Node. */
async function answer(page: Page, files: LessonFiles, index: number): Promise<void> {
  const step = files.lesson.steps[index];
  const q = step?.question;
  if (!step || !q) return;
  const probed = probeScenario(files.scenario, q.answer, step.show);
  if (!probed.ok) throw new Error(probed.error);
  if (q.kind === 'number') await page.getByLabel(q.prompt).fill(String(probed.value));
  else {
    const choice = q.choices.find((c) => isRightChoice(c, probed.value));
    if (!choice) throw new Error(`no choice for ${JSON.stringify(probed.value)}`);
    await page.getByRole('radio', { name: choice.label, exact: true }).check();
  }
  await page.getByRole('button', { name: 'Check' }).click();
  const said = page.getByRole('status').filter({ hasText: /the engine says/ });
  await expect.poll(() => said.innerText()).toMatch(/^Right/);
}

/** What a revealed step of the lesson shows beside the result table. */
async function seeStage(page: Page, files: LessonFiles, index: number): Promise<void> {
  const step = files.lesson.steps[index];
  if (!step) return;
  if (files.lesson.id.startsWith('12')) {
    const title = `impressions ⋈ clicks: Batch ${String(step.show)}`;
    await page.getByRole('heading', { name: title }).waitFor(SLOW);
    await page.getByRole('img', { name: /^impressions and clicks by event time/ }).waitFor();
  } else {
    await page.getByRole('heading', { name: 'Per-key state after this batch' }).waitFor(SLOW);
  }
  if (step.compare) await page.getByRole('article', { name: /^Compared run/ }).waitFor(SLOW);
}

async function play(page: Page, files: LessonFiles): Promise<void> {
  const n = files.lesson.steps.length;
  for (let i = 0; i < n; i++) {
    await stepHeading(page, i + 1, n);
    await answer(page, files, i);
    await seeStage(page, files, i);
    if (files.lesson.steps[i]?.try) {
      for (const [label, value] of Object.entries(TRY_SETTINGS[files.lesson.id] ?? {}))
        await page.getByLabel(label, { exact: true }).fill(value);
      await page.getByText('Done: the goal holds', { exact: false }).waitFor(SLOW);
    }
    await page.getByRole('button', { name: i === n - 1 ? 'Finish lesson' : 'Next step' }).click();
  }
  await page.getByText('Lesson complete.').waitFor();
}

describe('lessons with per-key state and a join', () => {
  let browser: Browser | null = null;
  const url = inject('siteUrl');

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    browser = null;
  });

  it.each(['09-running-totals-and-timeouts', '12-impressions-joined-with-clicks'])(
    'plays lesson %s answering every question and doing its try task',
    async (id) => {
      if (!browser) throw new Error('Chromium did not start');
      const files = read(id);
      const { page, errors } = await openPage(browser, { width: 1280, height: 900 });
      await page.goto(`${url}#lesson=${id}`, { waitUntil: 'networkidle' });
      await page.getByRole('heading', { name: files.lesson.title }).waitFor();
      await play(page, files);
      await page.close();
      expect(errors).toEqual([]);
    },
  );

  it('lesson 9’s timeout step shows the compared run writing the final totals', async () => {
    if (!browser) throw new Error('Chromium did not start');
    const { page, errors } = await openPage(browser, { width: 1280, height: 900 });
    const files = read('09-running-totals-and-timeouts');
    const at = files.lesson.steps.findIndex((s) => s.show === 4 && s.question);
    await page.goto(`${url}#lesson=${files.lesson.id}&step=${String(at + 1)}`, {
      waitUntil: 'networkidle',
    });
    await answer(page, files, at);
    const compared = page.getByRole('article', { name: /^Compared run/ });
    await expect.poll(() => compared.innerText(), SLOW).toMatch(/user1\s+120/);
    expect(await compared.innerText()).toMatch(/user2\s+80/);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('compares a join with other input delays, and per-key state with another timeout', async () => {
    if (!browser) throw new Error('Chromium did not start');
    const { page, errors } = await openPage(browser, { width: 1280, height: 900 });
    await page.goto(url, { waitUntil: 'networkidle' });
    const form = page.locator('details', { hasText: 'Compare with another setting' });
    await page.selectOption('#preset', 'join-ctr-scenario');
    await page.getByRole('button', { name: 'Next batch' }).click();
    await form.locator('summary').click();
    const choice = form.getByLabel('Compare with');
    expect(await choice.locator('option').allInnerTexts()).not.toContain(
      'the other engine (Spark ↔ Flink)',
    );
    await choice.selectOption('watermark');
    await form.getByLabel('clicks delay').fill('1 minute');
    await form.getByLabel('clicks delay').press('Enter');
    await form.getByLabel('clicks delay').blur();
    const compared = page.getByRole('article', {
      name: /^Compared run: Delays: .*clicks 1 minute/,
    });
    await compared.waitFor(SLOW);

    await page.selectOption('#preset', 'state-running-totals');
    await page.getByRole('heading', { name: /Running totals per user/ }).waitFor();
    await choice.selectOption('timeout');
    await form.locator('select[data-field="timeoutKind"]').selectOption('processing');
    await page
      .getByRole('article', { name: 'Compared run: Processing-time timeout 30 seconds' })
      .waitFor(SLOW);
    expect(await page.getByText(/query\.|refused/i).count()).toBe(0);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('keeps state code typed and not run across a reload', async () => {
    if (!browser) throw new Error('Chromium did not start');
    const { page, errors } = await openPage(browser, { width: 1280, height: 900 });
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.getByLabel('Input').selectOption('state-running-totals');
    await page.getByRole('heading', { name: /Running totals per user/ }).waitFor();
    await page.getByLabel('Function', { exact: true }).selectOption('custom');
    const editor = page.getByLabel('State function code');
    await editor.waitFor();
    // The starter code is the run's once "Run this code" has nothing new to run.
    const run = page.getByRole('button', { name: 'Run this code' });
    await expect.poll(() => run.isDisabled(), SLOW).toBe(true);
    const typed = '// mine\nreturn { seen: values.length };\n';
    await editor.fill(typed);
    await page.getByText('Edited: not run yet.').waitFor();
    await page.waitForTimeout(600); // the draft is saved once the typing pauses
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByText('Edited: not run yet.').waitFor(SLOW);
    expect(await page.getByLabel('State function code').inputValue()).toBe(typed);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('saves screenshots of lessons 9 and 12 at 360 and 1280 px, light and dark', async () => {
    if (!browser) throw new Error('Chromium did not start');
    const shots: [string, number][] = [
      ['09-running-totals-and-timeouts', 6], // the compared event-time timeout, state table
      ['12-impressions-joined-with-clicks', 4], // the try task beside batch 2's lanes
    ];
    for (const [id, step] of shots)
      for (const width of [360, 1280])
        for (const colorScheme of ['light', 'dark'] as const) {
          const { page, errors } = await openPage(browser, { width, height: 900, colorScheme });
          await page.goto(`${url}#lesson=${id}&step=${String(step)}`, {
            waitUntil: 'networkidle',
          });
          await page.getByText(`Step ${String(step)} of`, { exact: false }).waitFor();
          const files = read(id);
          await seeStage(page, files, step - 1);
          await page.waitForTimeout(900); // let the chart's motion settle
          await page.screenshot({
            path: resolve(
              ROOT,
              `test-results/lesson-${id.slice(0, 2)}-${String(width)}-${colorScheme}.png`,
            ),
            fullPage: true,
          });
          await page.close();
          expect(errors).toEqual([]);
        }
  });
});
