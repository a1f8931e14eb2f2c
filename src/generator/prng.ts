// Seeded randomness for the generator: sfc32 (a small, fast 128-bit-state generator) seeded
// through splitmix32 from a number or a string, and the draws the clickstream needs. No
// Math.random: the same seed gives the same integers everywhere (draws that use Math.log, sin
// or cos are exact within one engine; the spec lets engines differ in the last bit).

const TWO_POW_32 = 4_294_967_296;

/** One splitmix32 output for a 32-bit input: small changes in `x` change every output bit. */
export function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A seed as one unsigned 32-bit number. Whole numbers keep all their bits (the part above 2^32
 * is mixed in); strings are hashed (FNV-1a over UTF-16 code units), so "demo" is a fine seed.
 */
export function seedToUint32(seed: number | string): number {
  if (typeof seed === 'string') {
    let h = 0x811c9dc5;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
    return splitmix32(h ^ 0x5eed);
  }
  const high = Math.floor(seed / TWO_POW_32) >>> 0;
  return splitmix32((seed >>> 0) ^ splitmix32(high));
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counter) with the usual draws on top. A class rather
 * than closures so the hot loop calls one monomorphic method per draw. The state lives in an
 * Int32Array: with pointer compression (Chrome) numbers beyond 2^30 in object fields are boxed,
 * and a boxed state makes every draw allocate.
 */
export class Prng {
  private readonly state = new Int32Array(4);
  /** Box–Muller makes two normals at a time: the second waits here (NaN when none). */
  private spareNormal = Number.NaN;
  /** The 32-bit seed this stream started from, for `fork`. */
  readonly seed: number;

  constructor(seed: number | string) {
    this.seed = seedToUint32(seed);
    let s = this.seed;
    for (let i = 0; i < 4; i++) {
      s = (s + 0x6d2b79f5) | 0;
      this.state[i] = splitmix32(s);
    }
    // Discard the first outputs: sfc32's state needs a few rounds to mix.
    for (let i = 0; i < 12; i++) this.next();
  }

  /** An independent stream for one purpose (e.g. "arrival"): it depends on the seed and the
   * label only, not on how many numbers this stream has drawn. */
  fork(label: string): Prng {
    return new Prng(`${String(this.seed)}/${label}`);
  }

  /** One sfc32 step: the next output as a signed 32-bit integer. */
  private next(): number {
    const st = this.state;
    const a = st[0] as number;
    const b = st[1] as number;
    const c = st[2] as number;
    const d = st[3] as number;
    const t = (((a + b) | 0) + d) | 0;
    st[3] = (d + 1) | 0;
    st[0] = b ^ (b >>> 9);
    st[1] = (c + (c << 3)) | 0;
    st[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return t;
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    return this.next() >>> 0;
  }

  /** Uniform in [0, 1), in steps of 2^-32. */
  uniform(): number {
    return (this.next() >>> 0) / TWO_POW_32;
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.uniform();
  }

  /** A whole number in [min, max], both included (min and max whole, max − min < 2^32). */
  int(min: number, max: number): number {
    return min + Math.floor(this.uniform() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.uniform() < p;
  }

  /** Exponential with the given mean (inverse CDF: −mean · ln(1 − u), never infinite). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.uniform());
  }

  /** Normal (Gaussian) by Box–Muller; every second call uses the spare of the first. */
  normal(mean = 0, sd = 1): number {
    const spare = this.spareNormal;
    if (spare === spare) {
      this.spareNormal = Number.NaN;
      return mean + sd * spare;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - this.uniform()));
    const angle = 2 * Math.PI * this.uniform();
    this.spareNormal = radius * Math.sin(angle);
    return mean + sd * radius * Math.cos(angle);
  }
}
