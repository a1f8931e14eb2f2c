// The main chart's zoom and pan on time: a d3-zoom behaviour that owns exactly one <g> (through
// the attachment `attach` returns) and reports its transform as state the chart rescales with.
import { select } from 'd3-selection';
import { zoom, zoomIdentity, type D3ZoomEvent, type ZoomTransform } from 'd3-zoom';
import type { Attachment } from 'svelte/attachments';

export interface ZoomArea {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/**
 * Which gestures zoom. The page must still scroll over the chart: the wheel zooms only with Ctrl
 * or ⌘ (a trackpad pinch sends Ctrl + wheel), touch only with two fingers; a mouse drag pans.
 */
function isZoomGesture(event: Event): boolean {
  if (event.type === 'wheel') return (event as WheelEvent).ctrlKey || (event as WheelEvent).metaKey;
  if (event.type.startsWith('touch')) return (event as TouchEvent).touches.length >= 2;
  const mouse = event as MouseEvent;
  return mouse.button === 0 && !mouse.ctrlKey;
}

export class ChartZoom {
  /** The current transform: rescale the base scales with `rescaleX` / `rescaleY`. */
  transform = $state.raw<ZoomTransform>(zoomIdentity);
  /**
   * The transform as of the last finished gesture. Thousands of SVG marks cannot move every
   * frame; they follow this, hidden while `moving`, and a canvas draws them meanwhile.
   */
  settled = $state.raw<ZoomTransform>(zoomIdentity);
  /** A pan or zoom is under way (a click without a move is not one). */
  moving = $state(false);

  readonly #behaviour = zoom<SVGGElement, unknown>()
    .scaleExtent([1, 500])
    // A click that wobbles a pixel or two is still a click on a mark, not a pan.
    .clickDistance(4)
    .filter(isZoomGesture)
    .on('zoom', (event: D3ZoomEvent<SVGGElement, unknown>) => {
      this.transform = event.transform;
      this.moving = true;
    })
    .on('end', (event: D3ZoomEvent<SVGGElement, unknown>) => {
      this.settled = event.transform;
      this.moving = false;
    });
  #node: SVGGElement | null = null;

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
      this.#behaviour.extent(extent).translateExtent(extent);
      const selection = select(node);
      selection.call(this.#behaviour);
      this.#node = node;
      return () => {
        selection.on('.zoom', null);
        if (this.#node === node) this.#node = null;
      };
    };
  }

  /** Zooms by `factor` about the middle of the plot (the zoom buttons). No animation: instant. */
  scaleBy(factor: number): void {
    if (this.#node !== null) this.#behaviour.scaleBy(select(this.#node), factor);
  }

  reset(): void {
    if (this.#node !== null) this.#behaviour.transform(select(this.#node), zoomIdentity);
    else this.transform = this.settled = zoomIdentity;
  }
}
