// The command line as a user runs it: through tsx, on real files, reading stdout and the exit code.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SHARED = resolve(ROOT, '../shared/scenarios');
const run = promisify(execFile);

async function simulate(...args: string[]): Promise<{ stdout: string; code: number }> {
  try {
    const { stdout } = await run(
      process.execPath,
      [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/cli/simulate.ts'), ...args],
      { cwd: ROOT },
    );
    return { stdout, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; code: number };
    return { stdout: e.stdout, code: e.code };
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'simulate-'));
const broken = join(tmp, 'broken.json');
writeFileSync(broken, '{ "query": ');
const wrong = join(tmp, 'wrong.json');
writeFileSync(
  wrong,
  JSON.stringify({
    name: 'wrong expectation',
    semantics: 'spark',
    query: {
      window: { type: 'none' },
      groupBy: ['w'],
      aggregates: [{ fn: 'count', as: 'n' }],
      outputMode: 'complete',
    },
    batches: [[{ w: 'x' }, { w: 'x' }]],
    expected: { batches: [{ rows: [{ w: 'x', n: 3 }] }] },
  }),
);

const refused = join(tmp, 'refused.json');
writeFileSync(
  refused,
  JSON.stringify({
    semantics: 'spark',
    query: {
      window: { type: 'none' },
      groupBy: ['w'],
      aggregates: [{ fn: 'count_distinct', field: 'u', as: 'users' }],
      outputMode: 'update',
    },
    batches: [[{ w: 'x', u: 1 }]],
  }),
);

describe('npm run simulate', () => {
  it('prints batches as Spark console tables with the watermark and what was dropped', async () => {
    const { stdout, code } = await simulate(join(SHARED, 'spark-guide-watermark-update-mode.json'));
    expect(code).toBe(0);
    expect(stdout).toContain('Batch: 3');
    expect(stdout).toContain('|{2023-07-30 12:10:00, 2023-07-30 12:20:00}|owl |2    |');
    expect(stdout).toContain(
      'watermark 2023-07-30 12:11:00 · dropped 2 late group rows (1 event counted nowhere)',
    );
  }, 20_000);

  it('--json prints one line per file in the shape of expected, and an error line for a broken file', async () => {
    const { stdout, code } = await simulate(
      '--json',
      join(SHARED, 'seed-running-total-per-user.json'),
      broken,
      'missing.json',
    );
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual({
      file: join(SHARED, 'seed-running-total-per-user.json'),
      result: {
        batches: [
          {
            watermark: null,
            rows: [{ userId: 'user1', total_amount: 50 }],
            dropped: 0,
            droppedEvents: 0,
            stateRows: 1,
          },
          {
            watermark: null,
            rows: [
              { userId: 'user1', total_amount: 80 },
              { userId: 'user2', total_amount: 20 },
            ],
            dropped: 0,
            droppedEvents: 0,
            stateRows: 2,
          },
          {
            watermark: null,
            rows: [
              { userId: 'user1', total_amount: 120 },
              { userId: 'user2', total_amount: 80 },
            ],
            dropped: 0,
            droppedEvents: 0,
            stateRows: 2,
          },
        ],
      },
    });
    expect(String(lines[1]?.error)).toMatch(/broken\.json is not valid JSON/);
    expect(lines[2]).toEqual({
      file: 'missing.json',
      error: 'cannot read missing.json: no such file (check the path)',
    });
    expect(code).toBe(1);
  }, 20_000);

  it('--json answers a Flink scenario with emissions and late records', async () => {
    const file = join(SHARED, 'flink-sql-tumble-bids.json');
    const { stdout, code } = await simulate('--json', file);
    expect(code).toBe(0);
    const line = JSON.parse(stdout) as {
      file: string;
      result: { emissions: { after: number }[]; late: unknown[] };
    };
    expect(line.file).toBe(file);
    expect(line.result.late).toEqual([]);
    expect(line.result.emissions.length).toBeGreaterThan(0);
  }, 20_000);

  it('--json reports a refused query as its error', async () => {
    const { stdout } = await simulate('--json', refused);
    expect(JSON.parse(stdout)).toEqual({
      file: refused,
      result: {
        error:
          'Distinct aggregations are not supported on streaming DataFrames/Datasets. Consider using approx_count_distinct() instead.',
      },
    });
  }, 20_000);

  it('--check passes the shared Spark scenarios and fails with a readable diff', async () => {
    const pass = await simulate('--check', join(SHARED, 'spark-guide-windowed-word-count.json'));
    expect(pass.code).toBe(0);
    expect(pass.stdout).toContain('1 passed, 0 failed');
    const fail = await simulate('--check', wrong);
    expect(fail.code).toBe(1);
    expect(fail.stdout).toContain('batch 0: missing row {"w":"x","n":3}');
    expect(fail.stdout).toContain('batch 0: unexpected row {"w":"x","n":2}');
  }, 20_000);
});
