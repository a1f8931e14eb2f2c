// The d3-zoom behaviour behind ChartZoom, in a module of its own: d3-zoom brings d3-transition,
// d3-drag and d3-interpolate, which the first view can do without until the chart is there.
import { select } from 'd3-selection';
import { zoom, zoomIdentity, type D3ZoomEvent, type ZoomTransform } from 'd3-zoom';

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

export interface ZoomHandlers {
  readonly onZoom: (transform: ZoomTransform) => void;
  readonly onEnd: (transform: ZoomTransform) => void;
}

/** Zoom and pan on `node` within `extent`; returns the verbs ChartZoom needs and a cleanup. */
export function zoomOn(
  node: SVGGElement,
  extent: [[number, number], [number, number]],
  handlers: ZoomHandlers,
): { scaleBy: (factor: number) => void; reset: () => void; stop: () => void } {
  const behaviour = zoom<SVGGElement, unknown>()
    .scaleExtent([1, 500])
    // A click that wobbles a pixel or two is still a click on a mark, not a pan.
    .clickDistance(4)
    .filter(isZoomGesture)
    .extent(extent)
    .translateExtent(extent)
    .on('zoom', (event: D3ZoomEvent<SVGGElement, unknown>) => {
      handlers.onZoom(event.transform);
    })
    .on('end', (event: D3ZoomEvent<SVGGElement, unknown>) => {
      handlers.onEnd(event.transform);
    });
  const selection = select(node);
  selection.call(behaviour);
  return {
    scaleBy: (factor) => {
      behaviour.scaleBy(selection, factor);
    },
    reset: () => {
      behaviour.transform(selection, zoomIdentity);
    },
    stop: () => {
      selection.on('.zoom', null);
    },
  };
}
