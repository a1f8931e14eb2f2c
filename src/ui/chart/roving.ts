// Keyboard moves within a long list of chart marks that takes one tab stop (a roving tabindex):
// arrows step to the neighbour, Home and End jump to the ends.

/** The position focus moves to from `at` in a list of `length` on `key`, or null for other keys. */
export function rovingTarget(key: string, at: number, length: number): number | null {
  if (length === 0) return null;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return Math.min(at + 1, length - 1);
    case 'ArrowLeft':
    case 'ArrowUp':
      return Math.max(at - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return length - 1;
    default:
      return null;
  }
}

/** Enter and Space choose a mark, as a button's would. */
export const isActivation = (key: string): boolean => key === 'Enter' || key === ' ';
