// Golden files for the code view: each case's programs (or the reason a target has none) must
// equal test/codegen/golden/FILE.py, FILE.flink.sql, FILE.feldera.sql (.txt for a reason).
// UPDATE_GOLDEN=1 rewrites them; review the diff against the Spark and Flink docs before a commit.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeForRaw, type Program } from '../../src/codegen';
import { CASES } from './cases';

const GOLDEN = join(import.meta.dirname, 'golden');
const SUFFIX = { pyspark: 'py', flink: 'flink.sql', feldera: 'feldera.sql' } as const;

function goldenPath(file: string, p: Program): string {
  return join(GOLDEN, `${file}.${SUFFIX[p.id]}${p.code === null ? '.txt' : ''}`);
}

describe('generated code matches the golden files', () => {
  for (const c of CASES) {
    it(c.file, () => {
      const out = codeForRaw(c.query, c.semantics, c.name, c.sample);
      if (!out.ok) throw new Error(out.error);
      for (const p of out.code.programs) {
        const path = goldenPath(c.file, p);
        const text = p.code ?? `${p.reason ?? ''}\n`;
        if (process.env.UPDATE_GOLDEN) writeFileSync(path, text);
        expect(existsSync(path), `${path} is missing`).toBe(true);
        expect(text, path).toBe(readFileSync(path, 'utf8'));
      }
    });
  }
});
