// The site under test: built once per run, served by `vite preview` on a free port. Vitest runs
// this as the e2e project's global setup; the returned teardown stops the server.
import type { TestProject } from 'vitest/node';
import { buildSite, serveSite } from '../../src/cli/site-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The preview server's address, ending in a slash. */
    siteUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  buildSite();
  const site = await serveSite();
  project.provide('siteUrl', site.url);
  return site.stop;
}
