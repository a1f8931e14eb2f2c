// The page's side of the worker: starts it lazily, sends calls one at a time in order, and
// drops replies to calls made before the run was replaced (a generation number). When a move
// needs calls of the learner's state code, it runs them in the sandbox and retries, unseen.
import { proxy, wrap, type Remote } from 'comlink';
import type { Probe, Probed } from '../lessons';
import type { ProgressRecord } from '../storage';
import type { ProgressUpdate } from '../worker/lesson-progress';
import type { RunSpec, RunView } from '../worker/run-manager';
import type { Timeline } from '../worker/timeline';
import type { Reply, SimulationApi } from '../worker/simulation.worker';
import type { StateNeeds } from '../worker/state-step';
import type { StateSandbox } from './sandbox/state-sandbox';

type Api = Remote<SimulationApi>;
/** Events past which the chart takes a timeline in a task of its own. */
const BIG_TIMELINE = 20_000;
/** How a move stopped for the sandbox is taken up again: a move to where it was going. */
type Retry = (api: Api, target: number) => Promise<Reply<RunView>>;
const seekTo: Retry = (api, target) => api.seek(target);

export class SimulationClient {
  view = $state.raw<RunView | null>(null);
  /** The last refused action, in words (a query the engine refuses, a bad file). */
  error = $state<string | null>(null);
  /** Storage notices: working in memory, old checkpoints pruned. */
  notice = $state<string | null>(null);
  busy = $state(false);
  /** The chart's data for the current position; refreshed after every move. */
  timeline = $state.raw<Timeline | null>(null);

  #api: Remote<SimulationApi> | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #generation = 0;
  #pending = 0;
  #sandbox: StateSandbox | null = null;
  /** Set by cancel(): a long move stops asking the sandbox. */
  #cancelled = false;
  #stopped = (): boolean => this.#cancelled;

  #worker(): Remote<SimulationApi> {
    if (this.#api === null) {
      // Vite bundles the worker only from exactly this inline `new Worker(new URL(…,
      // import.meta.url))` form, so the URL cannot move to a variable; it is not state, so
      // Svelte's reactive URL has no place here.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      const worker = new Worker(new URL('../worker/simulation.worker.ts', import.meta.url), {
        type: 'module',
      });
      this.#api = wrap<SimulationApi>(worker);
      void this.#api.onNotice(proxy((message: string) => (this.notice = message)));
    }
    return this.#api;
  }

  /** Runs calls strictly in order; a reply from before the last `open` is ignored. */
  #call(
    work: (api: Remote<SimulationApi>) => Promise<Reply<RunView>>,
    retry: Retry = seekTo,
  ): Promise<boolean> {
    const generation = this.#generation;
    this.#pending++;
    this.busy = true;
    const result = this.#queue.then(async () => {
      try {
        const api = this.#worker();
        this.#cancelled = false;
        let reply = await work(api);
        while (!reply.ok && reply.needs && generation === this.#generation && !this.#stopped())
          reply = await this.#answer(api, reply.needs, retry);
        if (generation !== this.#generation) return false;
        if (!reply.ok) {
          this.error = reply.error;
          // A failing call of the learner's code stops a move where it got to: show that.
          if (reply.view) {
            this.view = reply.view;
            await this.#refreshTimeline(generation);
          }
          return false;
        }
        this.error = null;
        this.view = reply.value;
        await this.#refreshTimeline(generation);
        return true;
      } finally {
        this.busy = --this.#pending > 0;
      }
    });
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** Runs what the learner's code was asked in the sandbox, hands it back, and retries the move. */
  async #answer(api: Api, needs: StateNeeds, retry: Retry): Promise<Reply<RunView>> {
    try {
      // Loaded the first time a run has custom state code: most pages never need it.
      this.#sandbox ??= new (await import('./sandbox/state-sandbox')).StateSandbox();
      const results = await this.#sandbox.run(needs.code, needs.calls);
      const given = await api.provideStateResults(needs.code, needs.calls, results);
      if (!given.ok) return given;
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    return retry(api, needs.target);
  }

  /** A big run's windows come in pages after the rest, each message read in a short task. */
  async #refreshTimeline(generation: number): Promise<void> {
    const api = this.#worker();
    const reply = await api.timeline();
    if (!reply.ok) return;
    const { windowTotal, ...timeline } = reply.value;
    const windows = [...timeline.windows];
    while (windows.length < windowTotal && generation === this.#generation) {
      const page = await api.timelineWindows(windows.length);
      if (page.length === 0) break;
      for (const w of page) windows.push(w);
    }
    // The chart takes a big timeline in a task of its own, not the one reading its message.
    if (windows.length > timeline.windows.length || timeline.fate.length > BIG_TIMELINE)
      await new Promise((r) => setTimeout(r, 0));
    if (generation === this.#generation) this.timeline = { ...timeline, windows };
  }

  /** Resumes the last run, or opens `fallback` when there is none. */
  async start(fallback: RunSpec, fallbackId = newRunId()): Promise<void> {
    const reply = await this.#worker().resume();
    if (!reply.ok && (reply.needs || reply.view)) {
      // The last run has custom state code: the sandbox answers its calls as for any move (and
      // a failing call leaves the run where it got to, with its error).
      const { error, needs, view } = reply;
      await this.#call(() => Promise.resolve({ ok: false, error, needs, view }));
      if (this.view !== null) return;
    } else if (!reply.ok) this.error = reply.error;
    else {
      this.notice = reply.value.notice;
      if (reply.value.view !== null) {
        this.view = reply.value.view;
        await this.#refreshTimeline(this.#generation);
        return;
      }
    }
    await this.open(fallback, fallbackId);
  }

  open(spec: RunSpec, id = newRunId()): Promise<boolean> {
    this.#generation++;
    return this.#call((api) => api.open(spec, id));
  }

  /** Opens a file as a new run; a bad one leaves the current run and shows every problem. */
  importFile(kind: 'scenario' | 'events', file: { name: string; text: string }): Promise<boolean> {
    this.#generation++;
    return this.#call((api) => api.importFile(kind, file.name, file.text, newRunId()));
  }

  /** The current run as file text, or null (with the error shown) when it cannot be made. */
  async exportFile(kind: 'scenario' | 'events'): Promise<string | null> {
    const reply = await this.#worker().exportFile(kind);
    if (reply.ok) return reply.value;
    this.error = reply.error;
    return null;
  }

  next = (): Promise<boolean> => this.#call((api) => api.step());
  previous = (): Promise<boolean> => this.#call((api) => api.back());
  reset = (): Promise<boolean> => this.#call((api) => api.seek(0));
  seek = (position: number): Promise<boolean> => this.#call((api) => api.seek(position));
  setQuery = (query: RunSpec['query']): Promise<boolean> =>
    this.#call((api) => api.setQuery(query));
  compareWith = (
    query: RunSpec['query'] | null,
    semantics?: RunSpec['semantics'],
  ): Promise<boolean> => this.#call((api) => api.compareWith(query, semantics));
  setSemantics = (semantics: RunSpec['semantics']): Promise<boolean> =>
    this.#call((api) => api.setSemantics(semantics));

  /** How far a long move (run to the end, a far seek) got: null when none is running. */
  progress = $state<{ done: number; total: number } | null>(null);

  /** Runs to `position` (Infinity: the end) with progress; `cancel()` stops it where it is. */
  travel = (position: number): Promise<boolean> => {
    const onProgress = proxy((done: number, total: number) => {
      this.progress = { done, total };
    });
    const target = Number.isFinite(position) ? position : Number.MAX_SAFE_INTEGER;
    const again: Retry = (api) => api.travel(target, onProgress);
    const moved = this.#call((api) => {
      this.progress = {
        done: this.view?.position ?? 0,
        total: Number.isFinite(position) ? position : (this.view?.length ?? 0),
      };
      return again(api, target);
    }, again);
    return moved.finally(() => (this.progress = null));
  };

  /** The worker itself, for requests that do not change the run (lesson progress, probes). */
  api(): Remote<SimulationApi> {
    return this.#worker();
  }

  /** Stops a running `travel`; it does not wait in the call queue. */
  cancel = (): void => {
    this.#cancelled = true;
    void this.#api?.cancel();
  };
}

/** Lesson progress and probes: plain requests beside the run, answered in order by the worker. */
export class LessonClient {
  constructor(private readonly client: SimulationClient) {}

  #value<T>(reply: { ok: true; value: T } | { ok: false; error: string }, fallback: T): T {
    if (reply.ok) return reply.value;
    this.client.error = reply.error;
    return fallback;
  }

  async loadProgress(lessonId: string): Promise<ProgressRecord | null> {
    return this.#value(await this.client.api().loadProgress(lessonId), null);
  }
  async listProgress(): Promise<ProgressRecord[]> {
    return this.#value(await this.client.api().listProgress(), []);
  }
  async saveProgress(update: ProgressUpdate): Promise<void> {
    this.#value(await this.client.api().saveProgress(update), null);
  }
  async lastLesson(): Promise<string | null> {
    return this.#value(await this.client.api().lastLesson(), null);
  }
  probe(scenario: unknown, probe: Probe, show: number): Promise<Probed> {
    return this.client.api().probe(scenario, probe, show);
  }
}

export function newRunId(): string {
  return `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
