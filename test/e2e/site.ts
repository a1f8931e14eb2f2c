// The site under test: built once per run, served by `vite preview` on a free port. Vitest runs
// this as the e2e project's global setup; the returned teardown stops the server.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The preview server's address, ending in a slash. */
    siteUrl: string;
  }
}

const VITE = 'node_modules/vite/bin/vite.js';
const READY_TIMEOUT_MS = 20_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

async function waitUntilServing(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`vite preview exited with ${String(child.exitCode)}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`vite preview did not answer at ${url} within ${String(READY_TIMEOUT_MS)} ms`);
}

function stop(child: ChildProcess | null): void {
  if (child?.pid !== undefined && child.exitCode === null) child.kill('SIGTERM');
}

export default async function setup(project: TestProject): Promise<() => void> {
  const build = spawnSync(process.execPath, [VITE, 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error(`vite build failed (exit ${String(build.status)})`);

  const port = await freePort();
  const url = `http://127.0.0.1:${String(port)}/`;
  let preview: ChildProcess | null = spawn(
    process.execPath,
    [VITE, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  // A last resort if the run is torn down without calling the teardown below.
  const onExit = (): void => {
    stop(preview);
  };
  process.once('exit', onExit);
  try {
    await waitUntilServing(url, preview);
  } catch (error) {
    stop(preview);
    throw error;
  }
  project.provide('siteUrl', url);

  return () => {
    stop(preview);
    preview = null;
    process.off('exit', onExit);
  };
}
