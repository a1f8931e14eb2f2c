// Builds the site and serves it with `vite preview` on a free loopback port, for the browser
// tests and the browser benchmark. `stop()` is safe to call twice or after a failed start.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

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

export function buildSite(): void {
  const build = spawnSync(process.execPath, [VITE, 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error(`vite build failed (exit ${String(build.status)})`);
}

export interface Site {
  /** The server's address, ending in a slash. */
  readonly url: string;
  readonly stop: () => void;
}

/** Serves the built `dist/`; the caller must call stop(). */
export async function serveSite(): Promise<Site> {
  const port = await freePort();
  const url = `http://127.0.0.1:${String(port)}/`;
  let child: ChildProcess | null = spawn(
    process.execPath,
    [VITE, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const stop = (): void => {
    if (child?.pid !== undefined && child.exitCode === null) child.kill('SIGTERM');
    child = null;
    process.off('exit', stop);
  };
  // A last resort if the caller is torn down without calling stop().
  process.once('exit', stop);
  try {
    await waitUntilServing(url, child);
  } catch (error) {
    stop();
    throw error;
  }
  return { url, stop };
}
