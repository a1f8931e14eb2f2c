// Stable ordering of events by a whole-number key (event time, arrival time) without a
// comparator: an LSD radix sort on 16-bit digits, 1–3 passes over typed arrays. A million
// events sort in tens of ms, where Array#sort with a comparator takes hundreds.

const DIGIT_BITS = 16;
const DIGITS = 1 << DIGIT_BITS;
const DIGIT_MASK = DIGITS - 1;
const TWO_POW_32 = 4_294_967_296;
/** Below this many keys a comparator sort is cheaper than clearing 65,536 counters per pass. */
const SMALL = 2048;

/**
 * The indices 0…n−1 ordered by keys[i], ties in index order. Keys must be whole numbers whose
 * range (max − min) is below 2^48.
 */
export function sortedIndices(keys: Float64Array, n: number): Uint32Array {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const k = keys[i] as number;
    if (k < min) min = k;
    if (k > max) max = k;
  }
  const range = max - min;
  if (n > 0 && !(range < 2 ** 48)) {
    throw new RangeError(`key range ${String(range)} is 2^48 or more`);
  }
  if (n < SMALL) {
    const indices = Array.from({ length: n }, (_, i) => i);
    indices.sort((x, y) => (keys[x] as number) - (keys[y] as number) || x - y);
    return Uint32Array.from(indices);
  }
  const passes = range < DIGITS ? 1 : range < TWO_POW_32 ? 2 : 3;
  // Keys relative to min, as 16-bit digits: digits[p * n + i] is digit p of key i. All counts
  // are taken in the same read.
  const digits = new Uint16Array(passes * n);
  const starts = new Uint32Array(passes * DIGITS);
  for (let i = 0; i < n; i++) {
    const k = (keys[i] as number) - min;
    const low = k >>> 0;
    const d0 = low & DIGIT_MASK;
    digits[i] = d0;
    starts[d0] = (starts[d0] as number) + 1;
    if (passes > 1) {
      const d1 = DIGITS + (low >>> DIGIT_BITS);
      digits[n + i] = low >>> DIGIT_BITS;
      starts[d1] = (starts[d1] as number) + 1;
    }
    if (passes > 2) {
      const high = Math.floor(k / TWO_POW_32);
      digits[2 * n + i] = high;
      starts[2 * DIGITS + high] = (starts[2 * DIGITS + high] as number) + 1;
    }
  }
  for (let p = 0; p < passes; p++) {
    let sum = 0;
    for (let d = p * DIGITS; d < (p + 1) * DIGITS; d++) {
      const c = starts[d] as number;
      starts[d] = sum;
      sum += c;
    }
  }
  // Pass 0 reads the indices in order; each later pass reads the previous pass's output.
  let from = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const d = digits[i] as number;
    const at = starts[d] as number;
    from[at] = i;
    starts[d] = at + 1;
  }
  let to = new Uint32Array(n);
  for (let p = 1; p < passes; p++) {
    const digitBase = p * n;
    const startBase = p * DIGITS;
    for (let j = 0; j < n; j++) {
      const i = from[j] as number;
      const d = startBase + (digits[digitBase + i] as number);
      const at = starts[d] as number;
      to[at] = i;
      starts[d] = at + 1;
    }
    [from, to] = [to, from];
  }
  return from;
}
