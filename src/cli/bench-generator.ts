// The clickstream generator's throughput in `npm run bench`: 1M events taken in batches of
// 10,000 dropped after use (as a simulation takes them; issue 3's target) and as one array.
// Measured in a process of its own, as the page's worker generates in a heap of its own: in
// the bench's process, after the engine measurements, the batched figure fell to the array's
// in some benches (1.5–1.9M events/s, best of 9, against 2.4–3.0M in others and 1.8–3.0M per
// run standalone), whatever the order and the collections tried before it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchmarkGenerator } from '../generator';

export const GENERATOR_TARGET = 2e6;

type Mode = 'batches' | 'array';

/** Best of `runs`, as every other figure of the bench. */
function measureHere(mode: Mode, events: number, runs: number): number {
  return benchmarkGenerator({ now: () => performance.now(), mode, events, runs }).eventsPerSec;
}

const SELF = fileURLToPath(import.meta.url);

/**
 * This process's flags that load TypeScript (tsx's `--require` and `--import`), and none of
 * the others: passed on whole, an `--eval` would run again in the child, and so on down.
 */
export function loaderFlags(all: readonly string[] = process.execArgv): string[] {
  const flags: string[] = [];
  for (let i = 0; i < all.length; i++) {
    const flag = all[i] as string;
    const value = all[i + 1];
    if ((flag === '--require' || flag === '--import' || flag === '-r') && value !== undefined) {
      flags.push(flag, value);
      i++;
    } else if (flag.startsWith('--require=') || flag.startsWith('--import=')) flags.push(flag);
  }
  return flags;
}

/** Events per second, measured in a child process running this file (with the same loader). */
export function measureGenerator(mode: Mode, events: number, runs: number): number {
  const args = [...loaderFlags(), SELF, mode, String(events), String(runs)];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const figure = Number(child.stdout.trim());
  if (child.status !== 0 || !Number.isFinite(figure)) {
    throw new Error(`the generator's measurement failed: ${child.stderr || child.stdout}`);
  }
  return figure;
}

if (process.argv[1] === SELF) {
  const [mode, events, runs] = process.argv.slice(2);
  if (mode !== 'batches' && mode !== 'array') throw new Error(`unknown mode ${String(mode)}`);
  console.log(measureHere(mode, Number(events), Number(runs)));
}
