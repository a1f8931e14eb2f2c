// The sandboxed iframe's document: a Content-Security-Policy that allows no network (only its
// inline script, blob workers and the `new Function` the worker compiles with), and a script
// that runs each request's calls in a blob Worker with a time limit per call, recreating the
// worker when one is exceeded. Shipped as text, so `sandboxFrameMain` refers to nothing outside.
import { sandboxWorkerSource } from './sandbox-worker';

/**
 * default-src 'none' blocks fetch, XHR, WebSocket, images, fonts…; the worker inherits this
 * policy. Chromium needs 'unsafe-inline' for the inline script, blob: for the worker's script
 * and worker-src, and 'unsafe-eval' for `new Function`.
 */
export const SANDBOX_CSP =
  "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' blob:; worker-src blob:";

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call --
   plain JavaScript in the iframe; requests come only from the parent and are checked. */
export function sandboxFrameMain(win: any, workerSource: string): void {
  const url = win.URL.createObjectURL(new win.Blob([workerSource], { type: 'text/javascript' }));
  let worker: any = null;
  const fresh = (): any => (worker ??= new win.Worker(url));
  let queue: Promise<unknown> = Promise.resolve();
  const runRequest = (req: any): Promise<any[]> =>
    new Promise((resolve) => {
      const calls: any[] = req.calls;
      const answers: any[] = new Array(calls.length);
      if (calls.length === 0) {
        resolve([]);
        return;
      }
      let got = 0;
      let timer: any = null;
      const w = fresh();
      const finish = (): void => {
        win.clearTimeout(timer);
        w.removeEventListener('message', onAnswer);
        resolve(answers);
      };
      const arm = (): void => {
        win.clearTimeout(timer);
        timer = win.setTimeout(() => {
          // The call at `got` runs too long: stop the worker; the calls after it are not run.
          w.terminate();
          worker = null;
          const limit = `took longer than ${String(req.timeoutMs)} ms (an endless loop?) and was stopped`;
          answers[got] = {
            ok: false,
            name: 'TimeoutError',
            message: `the call ${limit}`,
            line: null,
          };
          for (let i = got + 1; i < calls.length; i++)
            answers[i] = {
              ok: false,
              name: 'TimeoutError',
              message: `not run: an earlier call of this batch ${limit}`,
              line: null,
            };
          finish();
        }, req.timeoutMs);
      };
      const onAnswer = (event: any): void => {
        answers[event.data.i] = event.data.answer;
        got++;
        if (got === calls.length) finish();
        else arm();
      };
      w.addEventListener('message', onAnswer);
      w.addEventListener('error', (event: any) => {
        event.preventDefault();
      });
      arm();
      w.postMessage({ code: req.code, calls });
    });
  win.addEventListener('message', (event: any) => {
    if (event.source !== win.parent) return;
    const req = event.data;
    if (req === null || typeof req !== 'object' || typeof req.id !== 'string') return;
    queue = queue.then(async () => {
      const answers = await runRequest(req);
      win.parent.postMessage({ id: req.id, answers }, '*');
    });
  });
  win.parent.postMessage({ ready: true }, '*');
}
/* eslint-enable */

/** The iframe's `srcdoc`. */
export function sandboxDocument(): string {
  const script = `(${sandboxFrameMain.toString()})(window, ${JSON.stringify(sandboxWorkerSource())});`;
  // `</script` inside the JSON string would end the element early.
  const safe = script.replace(/<\/(script)/gi, '<\\/$1');
  return `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${SANDBOX_CSP}">
</head><body><script>var __name = function (f) { return f; };
${safe}</script></body></html>`;
}
