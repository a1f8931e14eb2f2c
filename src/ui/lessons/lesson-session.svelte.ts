// One open lesson: which step the learner is on, the answers given, and keeping the run in step
// with the lesson (its scenario and query, the batch each step shows, the compared run). Progress
// is saved through the worker after every move and answer.
import { goalMet, type Lesson, type LessonStep, type ProbeValue } from '../../lessons';
import type { Answer, JsonObject } from '../../storage';
import type { RunSpec } from '../../worker/run-manager';
import { lessonLink } from '../address';
import { newRunId, type LessonClient, type SimulationClient } from '../simulation-client.svelte';

/** The run spec of a lesson's scenario under `query` (default: the scenario's own). */
export function lessonSpec(lesson: Lesson, scenario: JsonObject, query?: JsonObject): RunSpec {
  return {
    name: lesson.title,
    semantics: lesson.semantics,
    query: query ?? (scenario.query as JsonObject),
    input: { kind: 'scenario', scenario },
  };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export class LessonSession {
  index = $state(0);
  answers = $state<Record<string, Answer>>({});
  completed = $state(false);
  /** The engine's value for each answered question, by step index. */
  values = $state<Record<number, { ok: true; value: ProbeValue } | { ok: false; error: string }>>(
    {},
  );
  /** The try task's goal value under the learner's settings, and whether it holds. */
  tryValue = $state<ProbeValue | undefined>(undefined);
  ready = $state(false);

  readonly step: LessonStep;

  constructor(
    readonly lesson: Lesson,
    readonly scenario: JsonObject,
    private readonly client: SimulationClient,
    private readonly lessons: LessonClient,
  ) {
    this.step = $derived(lesson.steps[this.index] ?? (lesson.steps[0] as LessonStep));
  }

  get runPrefix(): string {
    return `lesson-${this.lesson.id}-`;
  }

  /** Opens the lesson where `step` says, or where the learner left off. */
  async begin(step: number | null): Promise<void> {
    const saved = await this.lessons.loadProgress(this.lesson.id);
    this.answers = { ...(saved?.answers ?? {}) };
    this.completed = saved?.completed ?? false;
    const last = this.lesson.steps.length - 1;
    const at = Math.min(last, Math.max(0, step ?? saved?.step ?? 0));
    const spec = lessonSpec(this.lesson, this.scenario);
    if (this.client.view === null) await this.client.start(spec, this.runPrefix + newRunId());
    if (!this.client.view?.runId.startsWith(this.runPrefix))
      await this.client.open(spec, this.runPrefix + newRunId());
    await this.goTo(at);
    this.ready = true;
  }

  isAnswered(index: number): boolean {
    return this.answers[String(index)] !== undefined;
  }

  isTried(index: number): boolean {
    return this.answers[`try-${String(index)}`] === true;
  }

  /** Moves to step `index`: saves it, puts the run where the step shows, and its compare. */
  async goTo(index: number): Promise<void> {
    this.index = index;
    this.tryValue = undefined;
    history.replaceState(null, '', lessonLink(this.lesson.id, index));
    await this.save();
    const step = this.lesson.steps[index];
    if (step === undefined) return;
    const query = this.scenario.query as JsonObject;
    const view = this.client.view;
    if (view && view.semantics !== this.lesson.semantics)
      await this.client.setSemantics(this.lesson.semantics);
    if (this.client.view && !same(this.client.view.query, query)) await this.client.setQuery(query);
    if (step.compare !== null) {
      const { semantics, ...fields } = step.compare;
      await this.client.compareWith(
        { ...query, ...fields },
        semantics === 'spark' || semantics === 'flink' ? semantics : undefined,
      );
    } else if (this.client.view?.compare) await this.client.compareWith(null);
    await this.client.seek(step.show + 1);
    if (step.question && this.isAnswered(index)) await this.reveal(index);
  }

  /** Records the answer to the current step's question and fetches the engine's value. */
  async answer(answer: Answer): Promise<void> {
    const index = this.index;
    this.answers = { ...this.answers, [String(index)]: answer };
    await this.reveal(index);
    await this.save();
  }

  private async reveal(index: number): Promise<void> {
    const step = this.lesson.steps[index];
    if (!step?.question) return;
    const value = await this.lessons.probe(this.scenario, step.question.answer, step.show);
    this.values = { ...this.values, [index]: value };
  }

  /** Checks the try task on the run's current settings; saves it once the goal holds. */
  async checkTry(): Promise<void> {
    const view = this.client.view;
    const index = this.index;
    const task = this.lesson.steps[index]?.try;
    if (!view || !task) return;
    const scenario = { ...this.scenario, semantics: view.semantics, query: view.query };
    const probed = await this.lessons.probe(
      scenario,
      task.goal.probe,
      this.lesson.steps[index]?.show ?? 0,
    );
    if (index !== this.index) return;
    this.tryValue = probed.ok ? probed.value : undefined;
    if (probed.ok && goalMet(probed.value, task.goal.equals) && !this.isTried(index)) {
      this.answers = { ...this.answers, [`try-${String(index)}`]: true };
      await this.save();
    }
  }

  async finish(): Promise<void> {
    this.completed = true;
    await this.save();
  }

  /** The same scenario as a free run, under the settings on screen, at the same step. */
  async openInFreePlay(): Promise<void> {
    const view = this.client.view;
    const spec = lessonSpec(this.lesson, this.scenario, view?.query);
    await this.client.open(view ? { ...spec, semantics: view.semantics } : spec);
    await this.client.seek(this.step.show + 1);
  }

  private save(): Promise<void> {
    return this.lessons.saveProgress({
      lessonId: this.lesson.id,
      step: this.index,
      answers: $state.snapshot(this.answers),
      completed: this.completed,
    });
  }
}
