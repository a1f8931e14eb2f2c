import { describe, expect, it } from 'vitest';
import { chartLayout, STRIP_TOP } from '../../../src/ui/chart/chart-layout';

describe('chartLayout', () => {
  it.each([
    { width: 360, narrow: true, left: 76, right: 348, plotHeight: 342 },
    { width: 1280, narrow: false, left: 76, right: 1268, plotHeight: 560 },
    { width: 1920, narrow: false, left: 76, right: 1908, plotHeight: 560 },
    { width: 700, narrow: false, left: 76, right: 688, plotHeight: 315 },
    { width: 200, narrow: true, left: 76, right: 288, plotHeight: 300 }, // never below 300 px
    { width: 0, narrow: false, left: 76, right: 628, plotHeight: 300 }, // not measured yet: 640
  ])('$width px wide', ({ width, narrow, left, right, plotHeight }) => {
    const l = chartLayout({ width, lanes: 0, untimed: false, keyChars: 0 });
    expect(l.narrow).toBe(narrow);
    expect([l.plot.left, l.plot.right, l.plot.bottom - l.plot.top]).toEqual([
      left,
      right,
      plotHeight,
    ]);
    expect(l.plot.top).toBe(STRIP_TOP);
    expect(l.height).toBe(l.plot.bottom + 10);
  });

  it('puts the plot below the window lanes', () => {
    expect(chartLayout({ width: 1280, lanes: 3, untimed: false, keyChars: 0 }).plot.top).toBe(
      STRIP_TOP + 3 * 20 + 6,
    );
  });

  it('makes room for a gutter of untimed events, and for lane keys on a wide chart', () => {
    const gutter = chartLayout({ width: 1280, lanes: 1, untimed: true, keyChars: 0 });
    expect(gutter.gutterLeft).toBe(76);
    expect([gutter.marks.left, gutter.plot.left]).toEqual([76, 102]);
    expect(chartLayout({ width: 1280, lanes: 1, untimed: false, keyChars: 12 }).plot.left).toBe(96);
    expect(chartLayout({ width: 1280, lanes: 1, untimed: false, keyChars: 80 }).plot.left).toBe(
      140,
    );
    expect(chartLayout({ width: 360, lanes: 1, untimed: false, keyChars: 80 }).plot.left).toBe(76);
    expect(
      chartLayout({ width: 1280, lanes: 1, untimed: false, keyChars: 0 }).gutterLeft,
    ).toBeNull();
  });
});
