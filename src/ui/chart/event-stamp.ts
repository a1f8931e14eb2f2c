// Marks stamped straight into an ImageData, for runs too big for canvas paths (a million arcs
// cost the browser hundreds of ms to rasterise, out of the page's sight): each fate's mark is a
// small anti-aliased stamp worked out once, so the cost is plain JavaScript a frame can budget.

/** One pixel of a stamp: offset from the mark's centre (device pixels) and coverage 0–1. */
export interface StampPixel {
  readonly dx: number;
  readonly dy: number;
  readonly cover: number;
}

/** Coverage of a pixel by a shape, by 4 × 4 supersampling. */
function coverage(inside: (x: number, y: number) => boolean, px: number, py: number): number {
  let n = 0;
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 4; j++) if (inside(px + (i + 0.5) / 4 - 0.5, py + (j + 0.5) / 4 - 0.5)) n++;
  return n / 16;
}

/** A filled disc of radius `r`, or (hollow) a ring with a cross: a late event struck out. */
export function makeStamp(r: number, hollow: boolean, line: number): StampPixel[] {
  const half = line / 2;
  const onCross = (x: number, y: number): boolean =>
    Math.abs(x) <= r &&
    Math.abs(y) <= r &&
    (Math.abs(x - y) / Math.SQRT2 <= half || Math.abs(x + y) / Math.SQRT2 <= half);
  const inside = hollow
    ? (x: number, y: number): boolean => Math.abs(Math.hypot(x, y) - r) <= half || onCross(x, y)
    : (x: number, y: number): boolean => Math.hypot(x, y) <= r;
  const reach = Math.ceil(r + half + 1);
  const out: StampPixel[] = [];
  for (let dy = -reach; dy <= reach; dy++)
    for (let dx = -reach; dx <= reach; dx++) {
      const cover = coverage(inside, dx, dy);
      if (cover > 0) out.push({ dx, dy, cover });
    }
  return out;
}

/** A CSS colour as [r, g, b, a] bytes, as the 2D context reads it (any CSS syntax it accepts). */
export function colourBytes(ctx: CanvasRenderingContext2D, colour: string): readonly number[] {
  ctx.fillStyle = '#000';
  ctx.fillStyle = colour;
  const s = typeof ctx.fillStyle === 'string' ? ctx.fillStyle : '';
  if (s.startsWith('#')) return [1, 3, 5].map((k) => parseInt(s.slice(k, k + 2), 16)).concat(255);
  const parts = /rgba?\(([^)]+)\)/.exec(s)?.[1]?.split(',').map(Number) ?? [128, 128, 128];
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, Math.round((parts[3] ?? 1) * 255)];
}

/** A rectangle of device pixels: [left, right) × [top, bottom). */
export interface PixelBox {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/**
 * Stamps one mark centred at device pixel (cx, cy), blending over what is there (source-over);
 * pixels outside `box` (which must lie in the image) are left alone.
 */
export function stamp(
  image: ImageData,
  box: PixelBox,
  pixels: readonly StampPixel[],
  rgba: readonly number[],
  cx: number,
  cy: number,
): void {
  const { data, width } = image;
  const [r = 0, g = 0, b = 0, a = 255] = rgba;
  for (const p of pixels) {
    const x = cx + p.dx;
    const y = cy + p.dy;
    if (x < box.left || y < box.top || x >= box.right || y >= box.bottom) continue;
    const k = (y * width + x) * 4;
    const src = (p.cover * a) / 255;
    const dst = (data[k + 3] as number) / 255;
    const out = src + dst * (1 - src);
    if (out <= 0) continue;
    const keep = (dst * (1 - src)) / out;
    const put = src / out;
    data[k] = r * put + (data[k] as number) * keep;
    data[k + 1] = g * put + (data[k + 1] as number) * keep;
    data[k + 2] = b * put + (data[k + 2] as number) * keep;
    data[k + 3] = out * 255;
  }
}
