// Which event a click on the canvas layer meant: the nearest drawn point within reach.

/**
 * Index of the point nearest (px, py) no further than `reach` (pixels), or -1. Points with a
 * NaN coordinate, or left out by `skip`, are not candidates. Ties go to the later point, the one
 * drawn on top.
 */
export function nearestPoint(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  px: number,
  py: number,
  reach: number,
  skip?: (i: number) => boolean,
): number {
  let best = -1;
  let bestD = reach * reach;
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - px;
    const dy = (ys[i] as number) - py;
    const d = dx * dx + dy * dy;
    if (!(d <= bestD) || skip?.(i) === true) continue;
    best = i;
    bestD = d;
  }
  return best;
}
