// Where the browser for end-to-end tests lives: Debian's chromium package. Kept free of
// playwright so vite.config.ts can ask "is there a browser?" cheaply.
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH);
}
