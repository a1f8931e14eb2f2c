// The lesson catalog: the build's glob finds every lessons/*/index.md in NN order, and a lesson
// that does not parse is listed with its problems instead of breaking the index.
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG, catalogOf, loadScenario } from '../../src/ui/lessons/catalog';

describe('lesson catalog', () => {
  it('holds every lesson folder, in order, each parsed, with its scenario', async () => {
    const root = resolve(import.meta.dirname, '../../lessons');
    const folders = readdirSync(root)
      .filter((d) => existsSync(resolve(root, d, 'index.md')))
      .sort();
    expect(CATALOG.map((e) => e.id)).toEqual(folders);
    expect(CATALOG.filter((e) => e.lesson === null).map((e) => e.errors)).toEqual([]);
    const first = CATALOG[0];
    if (first) expect(await loadScenario(first.id)).toHaveProperty('query');
  });

  it('lists a broken lesson with its problems', () => {
    const entries = catalogOf({
      '/lessons/02-b/index.md': '---\ntitle: B\n---\n',
      '/lessons/01-a/index.md':
        '---\ntitle: A\nsummary: S\nsemantics: spark\n---\n## One\n```step\n{"show": 0}\n```\n',
    });
    expect(entries.map((e) => [e.id, e.lesson?.title ?? null])).toEqual([
      ['01-a', 'A'],
      ['02-b', null],
    ]);
    expect(entries[1]?.errors.join('\n')).toContain('lessons/02-b/index.md: front matter summary');
  });

  it('says which scenario is missing', async () => {
    await expect(loadScenario('99-none')).rejects.toThrow(
      'lessons/99-none/scenario.json is missing',
    );
  });
});
