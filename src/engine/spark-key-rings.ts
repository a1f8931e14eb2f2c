// The ring store's per-key window counts (spark-ring-store.ts): each key's windows side by side
// in one array, a ring indexed by window id, four places a window: ring[at] the window (null:
// free), ring[at + 1] its count, ring[at + 2] the run that last touched it, ring[at + 3] the key
// as the window's first event gave it. A window whose place is taken by another live window
// spills into a per-key Map. Keys with no window left give their ring to the next new key.
import type { GroupKey } from './group-key';
import type { Event } from './types';

/** What a ring holds: a window, with its place (4 × (window id modulo the ring's places)). */
export interface RingWindow {
  readonly at: number;
}

interface Spill {
  count: number;
  touched: number;
  readonly first: unknown;
}

export interface KeyRing<W extends RingWindow> {
  mapKey: unknown;
  readonly ring: unknown[];
  /** Windows held (ring and spill). */
  live: number;
  spill: Map<W, Spill> | null;
}

/** What counting an event did: only counted, touched the window first in this run, or made it. */
export const COUNTED = 0;
export const TOUCHED = 1;
export const MADE = 2;

/** At most this many spare rings are kept. */
const SPARES = 16_384;

export class KeyRings<W extends RingWindow> {
  readonly byKey = new Map<unknown, KeyRing<W>>();
  private readonly spares: KeyRing<W>[] = [];
  /** Ring length: 4 × places, a power of two places. */
  readonly length: number;

  constructor(
    private readonly key: GroupKey,
    private readonly singleField: boolean,
    windowsPerEvent: number,
  ) {
    // Room for an event's windows and a few more (those the watermark has not closed yet).
    let places = 4;
    while (places < windowsPerEvent + 3) places *= 2;
    this.length = 4 * places;
  }

  /** A window's place for its id (any integer works: a window found elsewhere spills). */
  placeOf(id: number): number {
    const place = Number.isSafeInteger(id) ? id : 0;
    return 4 * (place & (this.length / 4 - 1));
  }

  /** The key's ring, made (or a spare one taken) on first use. */
  of(mapKey: unknown): KeyRing<W> {
    let kr = this.byKey.get(mapKey);
    if (kr === undefined) {
      kr = this.spares.pop();
      if (kr === undefined) {
        kr = { mapKey, ring: new Array<unknown>(this.length).fill(null), live: 0, spill: null };
      } else {
        kr.mapKey = mapKey;
        kr.spill = null;
      }
      this.byKey.set(mapKey, kr);
    }
    return kr;
  }

  /** Counts the event in the key's window `w` in run `serial`. */
  count(kr: KeyRing<W>, w: W, event: Event, serial: number): number {
    const ring = kr.ring;
    const at = w.at;
    if (ring[at] === w) {
      ring[at + 1] = (ring[at + 1] as number) + 1;
      if (ring[at + 2] === serial) return COUNTED;
      ring[at + 2] = serial;
      return TOUCHED;
    }
    let spill = kr.spill?.get(w);
    if (spill === undefined) {
      // The key's first event in the window: its place, or a spill if another window has it.
      const first = this.singleField ? this.key.firstOf(event) : this.key.valuesOf(event);
      kr.live++;
      if (ring[at] === null) {
        ring[at] = w;
        ring[at + 1] = 1;
        ring[at + 2] = serial;
        ring[at + 3] = first;
        return MADE;
      }
      spill = { count: 1, touched: serial, first };
      (kr.spill ??= new Map()).set(w, spill);
      return MADE;
    }
    spill.count++;
    if (spill.touched === serial) return COUNTED;
    spill.touched = serial;
    return TOUCHED;
  }

  countOf(kr: KeyRing<W>, w: W): number {
    const at = w.at;
    return kr.ring[at] === w ? (kr.ring[at + 1] as number) : (kr.spill?.get(w)?.count ?? 0);
  }

  /** The key's value (one field) or values (several), as the window's first event gave them. */
  firstOf(kr: KeyRing<W>, w: W): unknown {
    const at = w.at;
    return kr.ring[at] === w ? kr.ring[at + 3] : kr.spill?.get(w)?.first;
  }

  /** Takes the window out of the key's ring (or spill); a key left with none goes. */
  forget(kr: KeyRing<W>, w: W): void {
    const ring = kr.ring;
    const at = w.at;
    if (ring[at] === w) {
      ring[at] = null;
      ring[at + 3] = null;
    } else kr.spill?.delete(w);
    if (--kr.live !== 0) return;
    this.byKey.delete(kr.mapKey);
    if (this.spares.length < SPARES) this.spares.push(kr);
  }
}
