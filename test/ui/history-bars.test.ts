import { describe, expect, it } from 'vitest';
import { barsPath } from '../../src/ui/history-bars';

describe('barsPath', () => {
  it('draws each bar as a closed rectangle from its top down to the bottom', () => {
    expect(
      barsPath(
        [
          { x: 0, width: 10, y: 20 },
          { x: 12.5, width: 10, y: 60.123 },
        ],
        64,
      ),
    ).toBe('M0,64V20h10V64ZM12.5,64V60.12h10V64Z');
  });
  it('leaves out bars with no height or width', () => {
    expect(barsPath([{ x: 0, width: 10, y: 64 }], 64)).toBe('');
    expect(barsPath([{ x: 0, width: 0, y: 10 }], 64)).toBe('');
    expect(barsPath([], 64)).toBe('');
  });
});
