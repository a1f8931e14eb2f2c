// The main chart's zoom and pan on time: a d3-zoom behaviour that owns exactly one <g> (through
// the attachment `attach` returns) and reports its transform as state the chart rescales with.
// The behaviour itself (zoom-behaviour.ts, with d3-zoom) loads once the chart is on the page.
import type { ZoomTransform } from 'd3-zoom';
import type { Attachment } from 'svelte/attachments';

export interface ZoomArea {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** d3-zoom's identity transform, without loading d3-zoom for it. */
const IDENTITY = {
  k: 1,
  x: 0,
  y: 0,
  rescaleX: <S>(scale: S): S => scale,
  rescaleY: <S>(scale: S): S => scale,
} as unknown as ZoomTransform;

type Zoomer = ReturnType<typeof import('./zoom-behaviour').zoomOn>;

export class ChartZoom {
  /** The current transform: rescale the base scales with `rescaleX` / `rescaleY`. */
  transform = $state.raw<ZoomTransform>(IDENTITY);
  /**
   * The transform as of the last finished gesture. Thousands of SVG marks cannot move every
   * frame; they follow this, hidden while `moving`, and a canvas draws them meanwhile.
   */
  settled = $state.raw<ZoomTransform>(IDENTITY);
  /** A pan or zoom is under way (a click without a move is not one). */
  moving = $state(false);

  #zoomer: Zoomer | null = null;

  get isZoomed(): boolean {
    const t = this.transform;
    return t.k !== 1 || t.x !== 0 || t.y !== 0;
  }

  /** The attachment for the zoomed <g>; pan stays within `area` (the plot, in SVG pixels). */
  attach(area: ZoomArea): Attachment<SVGGElement> {
    return (node) => {
      const extent: [[number, number], [number, number]] = [
        [area.left, area.top],
        [area.right, area.bottom],
      ];
      let stopped = false;
      let mine: Zoomer | null = null;
      void import('./zoom-behaviour').then(({ zoomOn }) => {
        if (stopped) return;
        mine = zoomOn(node, extent, {
          onZoom: (t) => {
            this.transform = t;
            this.moving = true;
          },
          onEnd: (t) => {
            this.settled = t;
            this.moving = false;
          },
        });
        this.#zoomer = mine;
      });
      return () => {
        stopped = true;
        mine?.stop();
        if (this.#zoomer === mine) this.#zoomer = null;
      };
    };
  }

  /** Zooms by `factor` about the middle of the plot (the zoom buttons). No animation: instant. */
  scaleBy(factor: number): void {
    this.#zoomer?.scaleBy(factor);
  }

  reset(): void {
    if (this.#zoomer !== null) this.#zoomer.reset();
    else this.transform = this.settled = IDENTITY;
  }
}
