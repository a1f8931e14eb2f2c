// Renders a long list in chunks over animation frames: a big run's first chart brought ~180
// window bands and 400 event marks at once, a task of 60-90 ms on a loaded machine. A list that
// grows by no more than a chunk renders at once.

/** Items rendered per frame when many arrive at once. */
export const REVEAL_CHUNK = 40;

/** How many of `total` items to render, given `shown` rendered so far. */
export function revealStep(shown: number, total: number, chunk = REVEAL_CHUNK): number {
  const from = Math.max(0, Math.min(shown, total));
  return total - from <= chunk ? total : from + chunk;
}

export class Reveal {
  /** How many items to render now. */
  count = $state(0);
  #frame = 0;

  constructor(private readonly chunk = REVEAL_CHUNK) {}

  /** Call when the list's length changes; renders up to a chunk more per frame. */
  update(total: number): void {
    this.stop();
    this.count = revealStep(this.count, total, this.chunk);
    if (this.count < total)
      this.#frame = requestAnimationFrame(() => {
        this.update(total);
      });
  }

  stop(): void {
    cancelAnimationFrame(this.#frame);
  }
}
