// The state meter's bars as two SVG paths (state rows, late marks) instead of two rects per step:
// a run of a hundred steps created hundreds of elements in the task that brought its last step.

export interface Bar {
  readonly x: number;
  readonly width: number;
  /** Top of the bar; it reaches down to `bottom`. */
  readonly y: number;
}

const n = (v: number): string => String(Math.round(v * 100) / 100);

/** One path of every bar: a closed rectangle each, from `y` down to `bottom`. */
export function barsPath(bars: readonly Bar[], bottom: number): string {
  return bars
    .filter((b) => b.width > 0 && b.y < bottom)
    .map((b) => `M${n(b.x)},${n(bottom)}V${n(b.y)}h${n(b.width)}V${n(bottom)}Z`)
    .join('');
}
