// The generator's bench child gets only the flags that load TypeScript: an --eval passed on
// would run again in the child (and in its child, and so on).
import { describe, expect, it } from 'vitest';
import { loaderFlags } from '../../src/cli/bench-generator';

describe('bench generator child', () => {
  it('passes on --require and --import, and nothing else', () => {
    const argv = ['--require', '/x/preflight.cjs', '--eval', 'run()', '--import=file:///x/l.mjs'];
    argv.push('--inspect', '-r', 'y', '--expose-gc', '--import', 'file:///x/loader.mjs');
    expect(loaderFlags(argv)).toEqual([
      '--require',
      '/x/preflight.cjs',
      '--import=file:///x/l.mjs',
      '-r',
      'y',
      '--import',
      'file:///x/loader.mjs',
    ]);
  });
});
