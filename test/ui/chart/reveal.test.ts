import { describe, expect, it } from 'vitest';
import { REVEAL_CHUNK, revealStep } from '../../../src/ui/chart/reveal.svelte';

describe('revealStep', () => {
  it.each([
    // shown, total → next
    [0, 0, 0],
    [0, REVEAL_CHUNK, REVEAL_CHUNK],
    [0, REVEAL_CHUNK + 1, REVEAL_CHUNK],
    [REVEAL_CHUNK, 180, 2 * REVEAL_CHUNK],
    [2 * REVEAL_CHUNK, 180, 180],
    [180, 180, 180],
    // A shorter list (a step back): all of it, at once.
    [180, 20, 20],
    // A bigger one next to a big one: a chunk more at a time.
    [180, 400, 240],
  ])('%i shown of %i: %i', (shown, total, next) => {
    expect(revealStep(shown, total)).toBe(next);
  });
});
