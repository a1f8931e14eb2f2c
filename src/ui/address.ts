// The page's address carries what to show, so a link reproduces it: `#scenario=` + base64url of
// a scenario's JSON, `#run=` + base64url of a run spec (a generated input and its query),
// `#lessons` for the lesson index, `#lesson=NN-slug` (`&step=K`, 1-based) for a lesson.
import type { RunSpec } from '../worker/run-manager';
import { parseScenarioText } from '../worker/import-export';
import type { JsonObject } from '../storage';

export type Address =
  | { readonly kind: 'none' }
  | { readonly kind: 'run'; readonly spec: RunSpec }
  | { readonly kind: 'lessons' }
  /** `step` is 0-based here (the link's is 1-based); null: where the learner left off. */
  | { readonly kind: 'lesson'; readonly id: string; readonly step: number | null }
  | { readonly kind: 'error'; readonly message: string };

export function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): string {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return new TextDecoder('utf-8', { fatal: true }).decode(
    Uint8Array.from(binary, (c) => c.charCodeAt(0)),
  );
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads `#scenario=…` or `#run=…`; anything else is 'none', a broken link an error in words. */
export function readAddress(hash: string): Address {
  if (hash === '#lessons') return { kind: 'lessons' };
  const lesson = /^#lesson=([\w-]+)(?:&step=(\d+))?$/.exec(hash);
  if (lesson) {
    const step = lesson[2] === undefined ? null : Math.max(0, Number(lesson[2]) - 1);
    return { kind: 'lesson', id: lesson[1] ?? '', step };
  }
  const m = /^#(scenario|run)=(.+)$/.exec(hash);
  if (!m) return { kind: 'none' };
  const [, kind, payload] = m;
  let text: string;
  try {
    text = fromBase64Url(payload ?? '');
  } catch {
    return {
      kind: 'error',
      message: `The link's ${String(kind)} is damaged (not base64url text): copy the whole link again.`,
    };
  }
  if (kind === 'scenario') {
    const parsed = parseScenarioText(text);
    if (!parsed.ok)
      return {
        kind: 'error',
        message: `The link's scenario cannot run: ${parsed.errors.join('; ')}`,
      };
    const s = parsed.value;
    const scenario = JSON.parse(text) as JsonObject;
    return {
      kind: 'run',
      spec: {
        name: s.name,
        semantics: s.semantics,
        query: s.query as JsonObject,
        input: { kind: 'scenario', scenario },
      },
    };
  }
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch {
    return {
      kind: 'error',
      message: "The link's run is not valid JSON: copy the whole link again.",
    };
  }
  if (
    !isObject(spec) ||
    (spec.semantics !== 'spark' && spec.semantics !== 'flink') ||
    !isObject(spec.query) ||
    !isObject(spec.input)
  ) {
    return {
      kind: 'error',
      message: 'The link\'s run needs "semantics", "query" and "input": copy the whole link again.',
    };
  }
  const input = spec.input;
  if (input.kind !== 'generated' || typeof input.seed !== 'number' || !isObject(input.settings)) {
    return {
      kind: 'error',
      message:
        'A run link holds a generated input ({"kind": "generated", "seed", "settings"}); share a scenario link for other inputs.',
    };
  }
  const name = typeof spec.name === 'string' ? spec.name : 'Shared run';
  return {
    kind: 'run',
    spec: {
      name,
      semantics: spec.semantics,
      query: spec.query,
      input: { kind: 'generated', seed: input.seed, settings: input.settings },
    },
  };
}

/** `step` 0-based, written 1-based for people. */
export function lessonLink(id: string, step: number | null = null): string {
  return step === null ? `#lesson=${id}` : `#lesson=${id}&step=${String(step + 1)}`;
}

export function scenarioLink(scenarioJson: string): string {
  return `#scenario=${toBase64Url(scenarioJson)}`;
}

export function runLink(spec: RunSpec): string {
  return `#run=${toBase64Url(JSON.stringify(spec))}`;
}

/**
 * A link that reproduces the run as it is set now (its query and semantics included): a run link
 * for generated input, a scenario link for a scenario; null for an imported file (too large for
 * an address: export the scenario instead).
 */
export function shareLink(view: {
  readonly name: string;
  readonly semantics: RunSpec['semantics'];
  readonly query: JsonObject;
  readonly input: RunSpec['input'] | null;
}): string | null {
  const input = view.input;
  if (input === null || input.kind === 'imported') return null;
  if (input.kind === 'generated') {
    return runLink({ name: view.name, semantics: view.semantics, query: view.query, input });
  }
  return scenarioLink(
    JSON.stringify({
      ...input.scenario,
      name: view.name,
      semantics: view.semantics,
      query: view.query,
    }),
  );
}
