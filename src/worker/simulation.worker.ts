// The worker: a thin comlink facade over the learner's run (RunManager). Only plain data crosses;
// every verb answers { ok, value } or { ok: false, error } so bad input never kills the worker.
import { expose, transfer } from 'comlink';
import { probeScenario, type Probe, type Probed } from '../lessons';
import { openStorage, type CodeDraft, type StorageNotice } from '../storage';
import { CodeDrafts } from './code-draft';
import { LessonProgress, type ProgressUpdate } from './lesson-progress';
import {
  measureOnlineStore,
  type LabOptions,
  type LabProgress,
  type LabResult,
} from './online-store-lab';
import { RunManager, type RunSpec, type RunView } from './run-manager';
import { NeedsStateResults, type StateNeeds } from './state-step';
import { StateFunctionError } from '../engine/spark-state-phase';
import type { Timeline, TimelineWindow } from './timeline';
import { stripWindows } from './window-lanes';
import type { StateCall, StateCallResult } from '../engine/state-types';

/**
 * A verb's answer. `needs`: the move stopped for calls of the learner's state code, to run in
 * the page's sandbox and hand back (provideStateResults) before moving to `needs.target`.
 */
export type Reply<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly error: string;
      readonly needs?: StateNeeds;
      /** The run as it is after a move stopped by a failing call of the learner's code. */
      readonly view?: RunView;
    };

interface Ready {
  readonly runs: RunManager;
  readonly progress: LessonProgress;
  readonly drafts: CodeDrafts;
  readonly notice: string | null;
  readonly listen: (listener: (n: StorageNotice) => void) => void;
}

let ready: Promise<Ready> | null = null;

function start(): Promise<Ready> {
  ready ??= openStorage().then(({ storage, notice }) => ({
    runs: new RunManager(storage),
    progress: new LessonProgress(storage),
    drafts: new CodeDrafts(storage),
    notice,
    listen: (listener) => {
      storage.onNotice(listener);
    },
  }));
  return ready;
}

async function attempt<T>(
  work: (runs: RunManager, progress: LessonProgress, drafts: CodeDrafts) => Promise<T>,
): Promise<Reply<T>> {
  try {
    const { runs, progress, drafts } = await start();
    try {
      return { ok: true, value: await work(runs, progress, drafts) };
    } catch (err) {
      if (!(err instanceof StateFunctionError)) throw err;
      return { ok: false, error: err.message, view: runs.view() };
    }
  } catch (err) {
    if (err instanceof NeedsStateResults)
      return { ok: false, error: err.message, needs: err.needs };
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

const api = {
  /** Opens storage and resumes the learner's last run (view null when there is none). */
  async resume(): Promise<Reply<{ view: RunView | null; notice: string | null }>> {
    const notice = (await start()).notice;
    return attempt(async (runs) => ({ view: await runs.resume(), notice }));
  },
  /** Storage notices after start (quota pruning, another tab upgrading). */
  async onNotice(listener: (message: string) => void): Promise<void> {
    (await start()).listen((n) => {
      listener(n.message);
    });
  },
  open: (spec: RunSpec, id: string) => attempt((runs) => runs.open(spec, id)),
  step: () => attempt((runs) => runs.step()),
  back: () => attempt((runs) => runs.back()),
  seek: (position: number) => attempt((runs) => runs.seek(position)),
  setQuery: (query: RunSpec['query']) => attempt((runs) => runs.setQuery(query)),
  /** Results of the learner's state code for calls a `needs` reply asked for. */
  provideStateResults: (
    code: string,
    calls: readonly StateCall[],
    results: readonly StateCallResult[],
  ) =>
    attempt((runs) => {
      runs.provideStateResults(code, calls, results);
      return Promise.resolve(true);
    }),
  /**
   * The chart's data; its columns are transferred, not copied. Only the first WINDOW_PAGE
   * windows come with it (`windowTotal` says how many there are): the rest in pages.
   */
  async timeline(): Promise<Reply<Timeline & { windowTotal: number }>> {
    const built = await attempt((runs) => Promise.resolve(runs.timeline()));
    if (!built.ok) return built;
    const t = built.value;
    // A big run's page gets only the windows its strip can show (a million events have 170,000
    // windows: holding them cost the page long garbage collections); windowCount says how many.
    const big = t.windows.length > STRIP_ONLY_FROM;
    sentWindows = big ? stripWindows(t.windows) : t.windows;
    const first = {
      ...t,
      windows: sentWindows.slice(0, WINDOW_PAGE),
      windowTotal: sentWindows.length,
      ...(big ? { windowCount: t.windows.length } : {}),
    };
    return transfer({ ok: true, value: first }, [
      t.eventTime.buffer,
      t.processingTime.buffer,
      t.step.buffer,
      t.fate.buffer,
      t.keyIndex.buffer,
    ]);
  },
  /**
   * Windows [from, from + WINDOW_PAGE) of the last timeline sent: a big run's (a million events
   * have a hundred thousand windows) cross in pages, so the page reads each in a short task.
   */
  timelineWindows: (from: number): readonly TimelineWindow[] =>
    sentWindows.slice(from, from + WINDOW_PAGE),
  importFile: (kind: 'scenario' | 'events', name: string, text: string, id: string) =>
    attempt((runs) => runs.importFile(kind, name, text, id)),
  exportFile: (kind: 'scenario' | 'events') =>
    attempt((runs) => Promise.resolve(runs.exportFile(kind))),
  compareWith: (query: RunSpec['query'] | null, semantics?: RunSpec['semantics']) =>
    attempt((runs) => Promise.resolve(runs.compareWith(query, semantics))),
  setSemantics: (semantics: RunSpec['semantics']) =>
    attempt((runs) => runs.setSemantics(semantics)),
  /**
   * Moves to `position` (past the end: runs to the end) in slices, calling `onProgress`; a
   * `cancel()` meanwhile stops it where it is. Only one runs at a time: a new one cancels the last.
   */
  travel(
    position: number,
    onProgress: (done: number, total: number) => Promise<void> | void,
  ): Promise<Reply<RunView>> {
    const token = ++travelToken;
    return attempt((runs) =>
      runs.travel(position, {
        report: (done, total) => {
          void onProgress(done, total);
        },
        cancelled: () => token !== travelToken,
      }),
    );
  },
  cancel(): void {
    travelToken++;
  },
  /** Lesson progress: one lesson's, every lesson's, and saving it (also sets the last lesson). */
  loadProgress: (lessonId: string) => attempt((_r, progress) => progress.load(lessonId)),
  listProgress: () => attempt((_r, progress) => progress.list()),
  saveProgress: (update: ProgressUpdate) => attempt((_r, progress) => progress.save(update)),
  lastLesson: () => attempt((_r, progress) => progress.last()),
  /** The state code editor's unrun edits: kept across reloads, null once run or put back. */
  loadCodeDraft: () => attempt((_r, _p, drafts) => drafts.load()),
  saveCodeDraft: (draft: CodeDraft | null) => attempt((_r, _p, drafts) => drafts.save(draft)),
  /** A lesson probe on a scenario (JSON) run to the step showing `show`; never throws. */
  probe: (scenario: unknown, probe: Probe, show: number): Probed =>
    probeScenario(scenario, probe, show),
  /** Lesson 15's lab, in a database of its own (the learner's runs are not opened or touched). */
  async measureOnlineStore(
    options: LabOptions,
    onProgress: (p: LabProgress) => Promise<void> | void,
  ): Promise<Reply<LabResult>> {
    try {
      const value = await measureOnlineStore(options, (p) => void onProgress(p));
      return { ok: true, value };
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  },
};

let travelToken = 0;
/** The windows of the last timeline sent, and how many cross in one message (5,000 took a
 * 30-90 ms task to read on a loaded 2-core machine; 1,000 stays far under 50 ms). */
let sentWindows: readonly TimelineWindow[] = [];
const WINDOW_PAGE = 1000;
/** Past this many windows, the page gets those its strip can show (window-lanes.ts). */
const STRIP_ONLY_FROM = 5000;

export type SimulationApi = typeof api;

expose(api);
