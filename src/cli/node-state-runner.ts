// Runs a custom state function (`stateful.code`) for the command line and the tests, in a
// node:vm context holding nothing but plain JavaScript, with a time limit per call. Errors
// come back with their line in the learner's code. (The page uses a browser sandbox instead.)
import vm from 'node:vm';
import { groupStateSource, type GroupStateOutcome } from '../engine/group-state';
import { normalizeRows } from '../engine/state-runner';
import type {
  Json,
  StateCall,
  StateCallResult,
  StatefulSpec,
  StateRunner,
} from '../engine/state-types';

export const DEFAULT_CALL_TIMEOUT_MS = 1000;
const FILE = 'update.js';

/**
 * The driver inside the context: parses the call, runs update() against a fresh GroupState and
 * answers JSON text, so only strings cross between the context and this process.
 */
const DRIVER = `(function (makeState, update) {
  return function (input) {
    const call = JSON.parse(input);
    const { state, outcome } = makeState(call);
    try {
      const returned = update(call.key, call.values, state);
      return JSON.stringify({ ok: true, returned: returned === undefined ? null : returned, outcome: outcome() });
    } catch (e) {
      const isError = e !== null && typeof e === 'object';
      return JSON.stringify({
        ok: false,
        name: isError && typeof e.name === 'string' ? e.name : 'Error',
        message: isError && 'message' in e ? String(e.message) : String(e),
        stack: isError && typeof e.stack === 'string' ? e.stack : '',
      });
    }
  };
})`;

interface Answer {
  ok: boolean;
  returned?: unknown;
  outcome?: GroupStateOutcome;
  name?: string;
  message?: string;
  stack?: string;
}

/** The line in the learner's code: the first frame in update.js (its first line is line 1). */
function lineOf(stack: string): number | null {
  const m = new RegExp(`${FILE.replace('.', '\\.')}:(\\d+)`).exec(stack);
  return m === null ? null : Number(m[1]);
}

function failure(name: string, message: string, line: number | null): StateCallResult {
  return { ok: false, name, message, line };
}

/** A StateRunner for `spec.code`; a syntax error surfaces on the first call, with its line. */
export function nodeStateRunner(
  spec: StatefulSpec,
  callTimeoutMs = DEFAULT_CALL_TIMEOUT_MS,
): StateRunner {
  const context = vm.createContext(Object.create(null) as object, {
    codeGeneration: { strings: false, wasm: false },
    microtaskMode: 'afterEvaluate',
  });
  let compileError: StateCallResult | null = null;
  try {
    const makeState = vm.runInContext(groupStateSource(), context) as unknown;
    const update = vm.runInContext(
      `(function update(key, values, state) {\n${spec.code ?? ''}\n})`,
      context,
      { filename: FILE, lineOffset: -1 },
    ) as unknown;
    const driver = vm.runInContext(DRIVER, context) as (m: unknown, u: unknown) => unknown;
    (context as { __run?: unknown }).__run = driver(makeState, update);
  } catch (err) {
    const e = err as { name?: string; message?: string; stack?: string };
    const line = lineOf(e.stack ?? '');
    compileError = failure(e.name ?? 'SyntaxError', e.message ?? String(err), line);
  }
  const call = new vm.Script('__run(__input)', { filename: 'runner.js' });

  const runOne = (c: StateCall): StateCallResult => {
    if (compileError !== null) return compileError;
    (context as { __input?: string }).__input = JSON.stringify(c);
    let text: unknown;
    try {
      text = call.runInContext(context, { timeout: callTimeoutMs });
    } catch (err) {
      const e = err as { code?: string; message?: string };
      if (e.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT')
        return failure(
          'TimeoutError',
          `the call ran longer than ${String(callTimeoutMs)} ms`,
          null,
        );
      return failure('Error', e.message ?? String(err), null);
    }
    if (typeof text !== 'string') return failure('Error', 'the sandbox gave no answer', null);
    const a = JSON.parse(text) as Answer;
    if (!a.ok) return failure(a.name ?? 'Error', a.message ?? '', lineOf(a.stack ?? ''));
    const rows = normalizeRows(a.returned);
    if (typeof rows === 'string') return failure('TypeError', rows, null);
    const o = a.outcome;
    if (o === undefined) return failure('Error', 'the sandbox gave no state outcome', null);
    return {
      ok: true,
      rows,
      change:
        o.change.kind === 'updated' ? { kind: 'updated', value: o.change.value as Json } : o.change,
      timeoutMs: o.timeoutMs,
    };
  };
  return { run: (calls) => calls.map(runOne) };
}
