// The code that runs the learner's state function, inside a Worker inside the sandboxed iframe.
// It is shipped as source text (`sandboxWorkerSource()`), so `sandboxWorkerMain` must refer to
// nothing outside itself. Compiled once per code; a seeded Math.random and a Date fixed at the
// batch's processing time make every call deterministic; network and storage globals are gone.
import { groupStateSource } from '../../engine/group-state';

/** What the worker answers for one call (the page turns it into a StateCallResult). */
export type RawAnswer =
  | { readonly ok: true; readonly returned: string; readonly outcome: unknown }
  | {
      readonly ok: false;
      readonly name: string;
      readonly message: string;
      readonly line: number | null;
    };

/** Globals removed before learner code runs (defence in depth: the CSP and the origin block them too). */
export const BLOCKED_GLOBALS = [
  'fetch', 'XMLHttpRequest', 'WebSocket', 'WebSocketStream', 'EventSource', 'WebTransport',
  'importScripts', 'indexedDB', 'caches', 'BroadcastChannel', 'Worker', 'SharedWorker',
  'postMessage', 'close', 'navigator', 'requestFileSystem', 'webkitRequestFileSystem',
]; // prettier-ignore

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call,
   @typescript-eslint/no-unsafe-argument --
   this runs as plain JavaScript in a worker; its inputs are checked where they arrive. */
export function sandboxWorkerMain(scope: any, makeState: any, blocked: string[]): void {
  const post = scope.postMessage.bind(scope);
  const compileFunction = Function;
  const RealDate = Date;
  let now = 0;
  let seed = 1;
  // mulberry32: Math.random, reseeded from each call so a replay draws the same numbers.
  Math.random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  class FixedDate extends RealDate {
    constructor(...args: any[]) {
      if (args.length === 0) super(now);
      else super(...(args as [any]));
    }
    static override now(): number {
      return now;
    }
  }
  scope.Date = FixedDate;
  const hash = (text: string): number => {
    let h = 2166136261;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    return h | 0;
  };
  // new Function puts two lines before the body: `function anonymous(key,values,state\n) {`.
  const lineOf = (stack: unknown): number | null => {
    const m = /<anonymous>:(\d+):\d+/.exec(String(stack));
    return m === null ? null : Math.max(1, Number(m[1]) - 2);
  };
  const compile = (code: string): any => compileFunction('key', 'values', 'state', code);
  /** V8 gives no line for a syntax error in new Function: find the first prefix that fails otherwise than by ending early. */
  const syntaxLine = (code: string): number => {
    const lines = code.split('\n');
    for (let k = 1; k <= lines.length; k++) {
      try {
        compile(lines.slice(0, k).join('\n'));
      } catch (e: any) {
        if (!/end of input|Unterminated|missing \) after/i.test(String(e?.message))) return k;
      }
    }
    return lines.length;
  };
  let compiledCode: string | null = null;
  let compiled: any = null;
  let compileError: any = null;
  const answer = (call: any): any => {
    if (compileError !== null) return compileError;
    const { state, outcome } = makeState(call);
    now = call.batchTimeMs;
    seed = hash(JSON.stringify([call.key, call.batchTimeMs, call.hasTimedOut]));
    try {
      const returned = compiled(call.key, call.values, state);
      const text = JSON.stringify(returned === undefined ? null : returned) as string | undefined;
      return { ok: true, returned: text ?? 'null', outcome: outcome() };
    } catch (e: any) {
      const isError = e !== null && typeof e === 'object';
      return {
        ok: false,
        name: isError && typeof e.name === 'string' ? e.name : 'Error',
        message: isError && 'message' in e ? String(e.message) : String(e),
        line: isError ? lineOf(e.stack) : null,
      };
    }
  };
  scope.addEventListener('message', (event: any) => {
    const { code, calls } = event.data;
    if (code !== compiledCode) {
      compiledCode = code;
      compileError = null;
      try {
        compiled = compile(code);
      } catch (e: any) {
        const line = e?.name === 'SyntaxError' ? syntaxLine(code) : null;
        compileError = { ok: false, name: String(e?.name), message: String(e?.message), line };
      }
    }
    for (let i = 0; i < calls.length; i++) post({ i, answer: answer(calls[i]) });
  });
  for (const name of blocked) {
    try {
      Object.defineProperty(scope, name, {
        value: undefined,
        writable: false,
        configurable: false,
      });
    } catch {
      // Not configurable here: the CSP and the opaque origin still stop it.
    }
  }
}
/* eslint-enable */

/** The worker's whole source, ready for a blob URL. */
export function sandboxWorkerSource(): string {
  return `"use strict";
var __name = function (f) { return f; };
(${sandboxWorkerMain.toString()})(self, ${groupStateSource()}, ${JSON.stringify(BLOCKED_GLOBALS)});
`;
}
