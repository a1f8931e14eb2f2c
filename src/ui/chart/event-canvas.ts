// Draws many event marks on a canvas under the chart's SVG (past a few thousand, SVG elements get
// slow): one path per fate, coloured from the page's CSS variables so light and dark both work.
import { FATE } from '../../worker/timeline';
import type { ZoomArea } from './chart-zoom.svelte';

export interface CanvasMarks {
  /** CSS pixels of the whole layer. */
  readonly width: number;
  readonly height: number;
  /** Marks outside this rectangle are cut off. */
  readonly clip: ZoomArea;
  /** Per event: its pixel position (NaN: not drawn) and its fate. */
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly fates: Uint8Array;
  /** Events the SVG draws itself (this step's, the selected one): left out here. */
  readonly skip: ReadonlySet<number>;
  readonly radius: number;
}

/** The fill or stroke of each fate, as CSS variables defined on the chart. */
const STYLE: Readonly<Record<number, { variable: string; hollow: boolean }>> = {
  [FATE.counted]: { variable: '--fate-counted', hollow: false },
  [FATE.partlyLate]: { variable: '--fate-partly', hollow: false },
  [FATE.late]: { variable: '--fate-late', hollow: true },
  [FATE.filtered]: { variable: '--fate-filtered', hollow: false },
  [FATE.unusable]: { variable: '--fate-unusable', hollow: false },
};

/** Paints `marks` on `canvas` at the device's pixel ratio; a canvas without a 2D context is left alone. */
export function paintEvents(canvas: HTMLCanvasElement, marks: CanvasMarks, ratio = 1): void {
  const ctx = canvas.getContext('2d');
  if (ctx === null) return;
  canvas.width = Math.round(marks.width * ratio);
  canvas.height = Math.round(marks.height * ratio);
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, marks.width, marks.height);
  const { clip, radius: r } = marks;
  ctx.save();
  ctx.beginPath();
  ctx.rect(clip.left, clip.top, clip.right - clip.left, clip.bottom - clip.top);
  ctx.clip();
  const css = getComputedStyle(canvas);
  for (const [code, style] of Object.entries(STYLE)) {
    const fate = Number(code);
    const colour = css.getPropertyValue(style.variable).trim() || 'gray';
    ctx.beginPath();
    for (let i = 0; i < marks.fates.length; i++) {
      if (marks.fates[i] !== fate || marks.skip.has(i)) continue;
      const x = marks.xs[i] as number;
      const y = marks.ys[i] as number;
      if (Number.isNaN(x) || Number.isNaN(y)) continue;
      if (x < clip.left - r || x > clip.right + r || y < clip.top - r || y > clip.bottom + r)
        continue;
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      if (style.hollow) {
        // The struck-out cross of a late event.
        ctx.moveTo(x - r, y - r);
        ctx.lineTo(x + r, y + r);
        ctx.moveTo(x - r, y + r);
        ctx.lineTo(x + r, y - r);
      }
    }
    if (style.hollow) {
      ctx.strokeStyle = colour;
      ctx.lineWidth = 1.25;
      ctx.stroke();
    } else {
      ctx.fillStyle = colour;
      ctx.fill();
    }
  }
  ctx.restore();
}
