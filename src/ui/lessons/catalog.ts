// The lessons the build found: every lessons/*/index.md, parsed, in folder (NN) order, and each
// lesson's scenario.json, loaded when the lesson opens. Adding a lesson is adding a folder.
import { parseLesson, type Lesson } from '../../lessons';
import type { JsonObject } from '../../storage';

const TEXTS = import.meta.glob<string>('/lessons/*/index.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const SCENARIOS = import.meta.glob<string>('/lessons/*/scenario.json', {
  query: '?raw',
  import: 'default',
});

export interface CatalogEntry {
  /** The folder name. */
  readonly id: string;
  /** Null when the lesson does not parse: `errors` says why. */
  readonly lesson: Lesson | null;
  readonly errors: readonly string[];
}

const folderOf = (path: string): string => path.split('/').at(-2) ?? path;

/** Every lesson found, in order; `texts` maps a path such as /lessons/01-x/index.md to its text. */
export function catalogOf(texts: Readonly<Record<string, string>>): CatalogEntry[] {
  return Object.keys(texts)
    .sort()
    .map((path) => {
      const id = folderOf(path);
      const parsed = parseLesson(id, texts[path] ?? '');
      return parsed.ok
        ? { id, lesson: parsed.value, errors: [] }
        : { id, lesson: null, errors: parsed.errors };
    });
}

export const CATALOG: readonly CatalogEntry[] = catalogOf(TEXTS);

export function findLesson(id: string): CatalogEntry | null {
  return CATALOG.find((e) => e.id === id) ?? null;
}

/** The lesson's scenario.json as JSON; throws with the file's name when it is missing or broken. */
export async function loadScenario(id: string): Promise<JsonObject> {
  const load = SCENARIOS[`/lessons/${id}/scenario.json`];
  if (load === undefined) throw new Error(`lessons/${id}/scenario.json is missing`);
  const json: unknown = JSON.parse(await load());
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new Error(`lessons/${id}/scenario.json is not a JSON object`);
  return json as JsonObject;
}
