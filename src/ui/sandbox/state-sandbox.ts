// The page's side of the sandbox that runs the learner's state code: a hidden iframe with
// `sandbox="allow-scripts"` (no allow-same-origin, so an opaque origin: no access to this page,
// its DOM, cookies or IndexedDB), answers matched by source, origin and a per-request id.
import { normalizeRows } from '../../engine/state-runner';
import type { Json, StateCall, StateCallResult } from '../../engine/state-types';
import { sandboxDocument } from './sandbox-frame';
import type { RawAnswer } from './sandbox-worker';

/** How long one call of the learner's function may run. */
export const CALL_LIMIT_MS = 1000;

/** A worker answer as the engine takes it: rows checked, the state change and the timeout. */
export function toResult(raw: RawAnswer): StateCallResult {
  if (!raw.ok) return { ok: false, name: raw.name, message: raw.message, line: raw.line };
  const rows = normalizeRows(JSON.parse(raw.returned) as unknown);
  if (typeof rows === 'string') return { ok: false, name: 'TypeError', message: rows, line: null };
  const o = raw.outcome as {
    change: { kind: 'unchanged' } | { kind: 'removed' } | { kind: 'updated'; value: Json };
    timeoutMs: number | null;
  };
  return { ok: true, rows, change: o.change, timeoutMs: o.timeoutMs };
}

interface Pending {
  readonly resolve: (answers: RawAnswer[]) => void;
  readonly reject: (err: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class StateSandbox {
  #frame: HTMLIFrameElement | null = null;
  #ready: Promise<void> | null = null;
  #pending = new Map<string, Pending>();
  #next = 0;

  constructor(private readonly limitMs = CALL_LIMIT_MS) {}

  #start(): Promise<void> {
    if (this.#ready !== null) return this.#ready;
    this.#ready = new Promise((ready) => {
      const frame = document.createElement('iframe');
      frame.setAttribute('sandbox', 'allow-scripts');
      frame.setAttribute('aria-hidden', 'true');
      frame.tabIndex = -1;
      frame.title = 'Sandbox for your state function';
      frame.style.display = 'none';
      window.addEventListener('message', (event: MessageEvent) => {
        // Only our frame, which has an opaque origin (serialised as "null").
        if (event.source !== frame.contentWindow || event.origin !== 'null') return;
        const data = event.data as { ready?: true; id?: string; answers?: RawAnswer[] };
        if (data.ready === true) ready();
        const pending = data.id === undefined ? undefined : this.#pending.get(data.id);
        if (pending === undefined || !Array.isArray(data.answers)) return;
        this.#pending.delete(data.id as string);
        clearTimeout(pending.timer);
        pending.resolve(data.answers);
      });
      frame.srcdoc = sandboxDocument();
      document.body.append(frame);
      this.#frame = frame;
    });
    return this.#ready;
  }

  /** Runs `calls` of the function whose body is `code`; one result per call, in order. */
  async run(code: string, calls: readonly StateCall[]): Promise<StateCallResult[]> {
    await this.#start();
    const id = `req-${String(++this.#next)}-${String(Date.now())}`;
    const answers = await new Promise<RawAnswer[]>((resolve, reject) => {
      // The frame stops each call after limitMs; this is only for a frame that never answers.
      const timer = setTimeout(
        () => {
          this.#pending.delete(id);
          reject(new Error('the sandbox did not answer: reload the page to start it again'));
        },
        (calls.length + 1) * this.limitMs + 10_000,
      );
      this.#pending.set(id, { resolve, reject, timer });
      this.#frame?.contentWindow?.postMessage(
        { id, code, calls: JSON.parse(JSON.stringify(calls)) as unknown, timeoutMs: this.limitMs },
        '*',
      );
    });
    if (answers.length !== calls.length) throw new Error('the sandbox answered the wrong calls');
    return answers.map(toResult);
  }
}
