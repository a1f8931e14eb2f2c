// Draws many event marks on a canvas under the chart's SVG (past a few thousand, SVG elements get
// slow): one path per fate, coloured from the page's CSS variables so light and dark both work.
// A big run's marks are stamped into pixels a slice per animation frame, so the page stays free.
import { FATE } from '../../worker/timeline';
import type { ZoomArea } from './chart-zoom.svelte';
import { colourBytes, makeStamp, stamp, type StampPixel } from './event-stamp';
import { nextSliceBudget, roomLeft, shouldShow } from './frame-budget';

/** A linear map from data units (ms) to CSS pixels: `at + ms * per`. */
export interface Linear {
  readonly at: number;
  readonly per: number;
}

export interface CanvasMarks {
  /** CSS pixels of the whole layer. */
  readonly width: number;
  readonly height: number;
  /** Marks outside this rectangle are cut off. */
  readonly clip: ZoomArea;
  /** Per event: its event time (NaN: none, drawn at `gutterX`), its arrival, its fate. */
  readonly eventTime: Float64Array;
  readonly arrival: (i: number) => number;
  readonly fates: Uint8Array;
  readonly x: Linear;
  readonly y: Linear;
  readonly gutterX: number;
  /** Events the SVG draws itself (this step's, the selected one): left out here. */
  readonly skip: ReadonlySet<number>;
  readonly radius: number;
}

/** The linear map a d3 linear or time scale applies, read from two points of its domain. */
export function linearOf(
  scale: (ms: number) => number,
  [d0, d1]: readonly [number, number],
): Linear {
  const span = d1 - d0 || 1;
  const per = (scale(d0 + span) - scale(d0)) / span;
  return { at: scale(d0) - d0 * per, per };
}

/** The fill or stroke of each fate, as CSS variables defined on the chart. */
const STYLE: Readonly<Record<number, { variable: string; hollow: boolean }>> = {
  [FATE.counted]: { variable: '--fate-counted', hollow: false },
  [FATE.partlyLate]: { variable: '--fate-partly', hollow: false },
  [FATE.late]: { variable: '--fate-late', hollow: true },
  [FATE.filtered]: { variable: '--fate-filtered', hollow: false },
  [FATE.unusable]: { variable: '--fate-unusable', hollow: false },
};

const stamps = new Map<string, StampPixel[]>();
/** A mark's stamp, worked out once per size. */
function stampOf(r: number, hollow: boolean, line: number): StampPixel[] {
  const key = `${String(r)} ${String(hollow)} ${String(line)}`;
  let pixels = stamps.get(key);
  if (pixels === undefined) stamps.set(key, (pixels = makeStamp(r, hollow, line)));
  return pixels;
}

/** Past this many events, marks are stamped into pixels a slice per animation frame. */
const STAMP_FROM = 20_000;

/**
 * Paints `marks` on `canvas` at the device's pixel ratio: as paths at once, or past STAMP_FROM
 * events stamped in slices over animation frames, each as long as the frames allow
 * (frame-budget.ts), the picture put on screen every few frames. Returns a cancel, for when the
 * marks change before it is done. No 2D context: nothing is painted.
 */
export function paintEvents(canvas: HTMLCanvasElement, marks: CanvasMarks, ratio = 1): () => void {
  if (marks.fates.length <= STAMP_FROM) {
    const ctx = prepare(canvas, marks, ratio);
    if (ctx !== null) for (const pass of passesOf(canvas)) paintPaths(ctx, marks, pass);
    return () => undefined;
  }
  // Even the canvas's sizing and colours wait for a frame: reading the page's style there
  // does not force a style pass in the middle of the task that brought a big run.
  let frame = requestAnimationFrame(() => {
    const ctx = prepare(canvas, marks, ratio);
    if (ctx !== null)
      stampSlices(canvas, ctx, marks, ratio, (next) => {
        frame = next;
      });
  });
  return () => {
    cancelAnimationFrame(frame);
  };
}

/** Sizes and clears the canvas; null when it has no 2D context. */
function prepare(
  canvas: HTMLCanvasElement,
  marks: CanvasMarks,
  ratio: number,
): CanvasRenderingContext2D | null {
  const ctx = canvas.getContext('2d');
  if (ctx === null) return null;
  canvas.width = Math.round(marks.width * ratio);
  canvas.height = Math.round(marks.height * ratio);
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, marks.width, marks.height);
  return ctx;
}

function passesOf(canvas: HTMLCanvasElement): { fate: number; hollow: boolean; colour: string }[] {
  const css = getComputedStyle(canvas);
  return Object.entries(STYLE).map(([code, style]) => ({
    fate: Number(code),
    hollow: style.hollow,
    colour: css.getPropertyValue(style.variable).trim() || 'gray',
  }));
}

/** Stamps the marks a slice per frame from the next one; `onFrame` gets each frame's id. */
function stampSlices(
  canvas: HTMLCanvasElement,
  ctx: CanvasRenderingContext2D,
  marks: CanvasMarks,
  ratio: number,
  onFrame: (frame: number) => void,
): void {
  const image = ctx.createImageData(canvas.width, canvas.height);
  const { clip } = marks;
  const box = {
    left: Math.max(0, Math.floor(clip.left * ratio)),
    top: Math.max(0, Math.floor(clip.top * ratio)),
    right: Math.min(canvas.width, Math.ceil(clip.right * ratio)),
    bottom: Math.min(canvas.height, Math.ceil(clip.bottom * ratio)),
  };
  const byFate = passesOf(canvas).map((p) => ({
    fate: p.fate,
    pixels: stampOf(marks.radius * ratio, p.hollow, 1.25 * ratio),
    rgba: colourBytes(ctx, p.colour),
  }));
  const { fates, eventTime, arrival, x, y, gutterX, skip } = marks;
  const reach = marks.radius * ratio + 2;
  let pass = 0;
  let i = 0;
  let budget: number | null = null;
  let last: number | null = null;
  let put = performance.now();
  const run = (frameStart: number): void => {
    const started = performance.now();
    budget = nextSliceBudget(budget, last === null ? null : started - last);
    last = started;
    const room = roomLeft(budget, started - frameStart);
    while (pass < byFate.length) {
      const s = byFate[pass] as (typeof byFate)[number];
      for (const end = Math.min(fates.length, i + 512); i < end; i++) {
        if (fates[i] !== s.fate || skip.has(i)) continue;
        const t = eventTime[i] as number;
        const px = (Number.isFinite(t) ? x.at + t * x.per : gutterX) * ratio;
        const py = (y.at + arrival(i) * y.per) * ratio;
        if (!(px > box.left - reach && px < box.right + reach)) continue;
        if (!(py > box.top - reach && py < box.bottom + reach)) continue;
        stamp(image, box, s.pixels, s.rgba, Math.round(px), Math.round(py));
      }
      if (i >= fates.length) {
        pass++;
        i = 0;
      }
      if (performance.now() - started > room) break;
    }
    const done = pass >= byFate.length;
    // Putting the whole picture costs a paint and an upload of the canvas: not every frame.
    if (shouldShow(performance.now() - put, done)) {
      ctx.putImageData(image, 0, 0);
      put = performance.now();
    }
    if (!done) onFrame(requestAnimationFrame(run));
  };
  // The first slice in the next frame: this one sized the canvas and made the stamps.
  onFrame(requestAnimationFrame(run));
}

/** Paints every mark of one fate as one path. */
function paintPaths(
  ctx: CanvasRenderingContext2D,
  marks: CanvasMarks,
  pass: { fate: number; hollow: boolean; colour: string },
): void {
  const { clip, radius: r, fates, eventTime, arrival, x, y, gutterX } = marks;
  ctx.save();
  ctx.beginPath();
  ctx.rect(clip.left, clip.top, clip.right - clip.left, clip.bottom - clip.top);
  ctx.clip();
  ctx.beginPath();
  for (let i = 0; i < fates.length; i++) {
    if (fates[i] !== pass.fate || marks.skip.has(i)) continue;
    const t = eventTime[i] as number;
    const px = Number.isFinite(t) ? x.at + t * x.per : gutterX;
    const py = y.at + arrival(i) * y.per;
    if (Number.isNaN(px) || Number.isNaN(py)) continue;
    if (px < clip.left - r || px > clip.right + r || py < clip.top - r || py > clip.bottom + r)
      continue;
    ctx.moveTo(px + r, py);
    ctx.arc(px, py, r, 0, 2 * Math.PI);
    if (pass.hollow) {
      // The struck-out cross of a late event.
      ctx.moveTo(px - r, py - r);
      ctx.lineTo(px + r, py + r);
      ctx.moveTo(px - r, py + r);
      ctx.lineTo(px + r, py - r);
    }
  }
  if (pass.hollow) {
    ctx.strokeStyle = pass.colour;
    ctx.lineWidth = 1.25;
    ctx.stroke();
  } else {
    ctx.fillStyle = pass.colour;
    ctx.fill();
  }
  ctx.restore();
}
