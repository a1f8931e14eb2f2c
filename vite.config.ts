// Build (Vite) and test (Vitest) configuration. Tests run as three projects: `unit` (Node),
// `ui` (components in happy-dom) and `e2e` (the built site in real Chromium, see test/e2e/).
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_PATH, hasChromium } from './test/e2e/chromium.ts';

// Set before any test worker starts, so every worker inherits it: no test depends on the
// machine's time zone.
process.env.TZ = 'UTC';

/**
 * The browser tests run wherever Chromium is installed, always in CI (where a missing Chromium
 * must fail the run, not skip it), and whenever they are asked for by name (`--project e2e`).
 */
function shouldRunE2e(): boolean {
  if (hasChromium() || process.env.CI) return true;
  return process.argv.some((arg) => /^(--project=)?e2e$/.test(arg));
}

const runE2e = shouldRunE2e();
// Vitest loads this file once more for each project that extends it: say it once per process.
const notice = globalThis as { windowscopeE2eNotice?: true };
if (!runE2e && process.env.VITEST && !notice.windowscopeE2eNotice) {
  notice.windowscopeE2eNotice = true;
  console.log(`e2e tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
}

export default defineConfig({
  plugins: [svelte()],
  // Relative asset URLs, so dist/ works from any sub-path.
  base: './',
  worker: { format: 'es' },
  build: {
    rolldownOptions: {
      output: {
        // Vite's preload helper in a chunk of its own: left to itself, Rolldown put it in a
        // chunk of engine code the lessons share, which the first view then loaded for nothing.
        codeSplitting: { groups: [{ name: 'preload-helper', test: /preload-helper/ }] },
      },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/ui/**'],
        },
      },
      {
        extends: true,
        plugins: [svelteTesting()],
        test: {
          name: 'ui',
          environment: 'happy-dom',
          include: ['test/ui/**/*.test.ts'],
        },
      },
      ...(runE2e
        ? [
            {
              extends: true as const,
              test: {
                name: 'e2e',
                environment: 'node',
                include: ['test/e2e/**/*.e2e.ts'],
                // Builds the site once and serves it with `vite preview` for every e2e file.
                globalSetup: ['test/e2e/site.ts'],
                // One browser and one preview server at a time, after the other projects.
                fileParallelism: false,
                sequence: { groupOrder: 1 },
                testTimeout: 30_000,
                hookTimeout: 120_000,
              },
            },
          ]
        : []),
    ],
  },
});
