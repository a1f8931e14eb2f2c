import { describe, expect, it } from 'vitest';
import { REVEAL_CHUNK, revealStep } from '../../../src/ui/chart/reveal.svelte';

describe('revealStep', () => {
  it.each([
    // shown, total → next
    [0, 0, 0],
    [0, 60, 60],
    [0, 61, 60],
    [60, 180, 120],
    [2 * 60, 180, 180],
    [180, 180, 180],
    // A shorter list (a step back): all of it, at once.
    [180, 20, 20],
    // A bigger one next to a big one: a chunk more at a time.
    [180, 400, 240],
  ])('%i shown of %i, 60 a frame: %i', (shown, total, next) => {
    expect(revealStep(shown, total, 60)).toBe(next);
  });
  it('takes REVEAL_CHUNK a frame unless told otherwise', () => {
    expect(revealStep(0, 1000)).toBe(REVEAL_CHUNK);
  });
});
