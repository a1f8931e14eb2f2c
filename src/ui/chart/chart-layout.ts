// The main chart's boxes in SVG pixels for a given width: the axis titles and ticks along the top,
// the window strip's lanes, the "no time" gutter, and the plot. Responsive from 300 px up.
import type { ZoomArea } from './chart-zoom.svelte';

export const LANE_HEIGHT = 20;
/** Where the window strip starts (below the event-time title and tick labels). */
export const STRIP_TOP = 38;
export const GUTTER_WIDTH = 26;
/** Below this width the chart is laid out for a phone. */
export const NARROW_BELOW = 600;

export interface ChartLayout {
  readonly width: number;
  readonly height: number;
  /** The plot, where events, bands and the watermark go (the zoomed area). */
  readonly plot: ZoomArea;
  /** The plot and the gutter: where event marks may be. */
  readonly marks: ZoomArea;
  /** The gutter's left edge, or null without one. */
  readonly gutterLeft: number | null;
  readonly narrow: boolean;
}

export interface LayoutInput {
  /** The container's width (0 before it is measured). */
  readonly width: number;
  readonly lanes: number;
  /** Are there events with no event time (a gutter for them)? */
  readonly untimed: boolean;
  /** The longest key written beside the window lanes, in characters. */
  readonly keyChars: number;
}

/**
 * The left margin holds the rotated y title and the y tick labels (76 px), and on a wide chart
 * the lanes' keys too (6 px a character, at most 140 px). The plot is as tall as it is wide on a
 * phone (300–440 px), under half its width on a wider screen (300–560 px).
 */
export function chartLayout({
  width: measured,
  lanes,
  untimed,
  keyChars,
}: LayoutInput): ChartLayout {
  const width = Math.max(300, Math.round(measured || 640));
  const narrow = width < NARROW_BELOW;
  const top = STRIP_TOP + lanes * LANE_HEIGHT + (lanes > 0 ? 6 : 0);
  const plotHeight = narrow
    ? Math.min(440, Math.max(300, Math.round(width * 0.95)))
    : Math.min(560, Math.max(300, Math.round(width * 0.45)));
  const margin = narrow ? 76 : Math.min(140, Math.max(76, keyChars * 6 + 24));
  const gutter = untimed ? GUTTER_WIDTH : 0;
  const plot = { left: margin + gutter, right: width - 12, top, bottom: top + plotHeight };
  return {
    width,
    height: plot.bottom + 10,
    plot,
    marks: { ...plot, left: margin },
    gutterLeft: untimed ? margin : null,
    narrow,
  };
}
