// The ring store's per-key window counts (spark-ring-store.ts). Each key held gets a small
// integer id (from a KeyTable: string keys are found in a property dictionary, ×2.4 faster than
// Map.get on this machine), and its windows sit side by side in one Float64Array, a ring of
// `places` places indexed by window id: slots[at] the window id (NaN: free), slots[at + 1] its
// count, slots[at + 2] the run that last touched it, at = 3 × (id × places + window id modulo
// places). The key's value as each window's first event gave it sits at the same place in
// `firsts`. A window whose place is taken by another live window spills into a per-key Map. A
// key with no window left gives its id back. An event's windows are then a few reads in one or
// two cache lines, found from the key with one lookup and no object between (the object-per-key
// rings this replaced waited on memory for the key's object, its array and the array's store).
import type { GroupKey } from './group-key';
import { KeyTable } from './key-table';
import type { Event } from './types';

/** A window as rings know it: its id (an integer) and its offset within a key's ring. */
export interface RingWindow {
  readonly id: number;
  /** 3 × (id modulo places). */
  readonly at: number;
}

interface Spill {
  count: number;
  touched: number;
  readonly first: unknown;
}

/** What counting an event did: only counted, touched the window first in this run, or made it. */
export const COUNTED = 0;
export const TOUCHED = 1;
export const MADE = 2;

const FIRST_CAPACITY = 1024;

export class KeyRings<W extends RingWindow> {
  /** Key → id, read inline by the store's loop. */
  readonly ids = new KeyTable<number>();
  /** Per id: its ring, 3 numbers a place (see the header); replaced when it grows. */
  slots: Float64Array;
  /** Per id and place: the key's value(s) as the window's first event gave them. */
  private firsts: unknown[];
  private readonly mapKeys: unknown[] = [];
  /** Per id: windows held (ring and spill). */
  private readonly live: number[] = [];
  private readonly spills: (Map<W, Spill> | null)[] = [];
  private readonly free: number[] = [];
  private capacity = FIRST_CAPACITY;
  /** Places per key: a power of two. */
  readonly places: number;
  /** 3 × places: an id's ring starts at id × stride. */
  readonly stride: number;

  constructor(
    private readonly key: GroupKey,
    private readonly singleField: boolean,
    windowsPerEvent: number,
  ) {
    // Room for an event's windows and a few more (those the watermark has not closed yet).
    let places = 4;
    while (places < windowsPerEvent + 3) places *= 2;
    this.places = places;
    this.stride = 3 * places;
    this.slots = new Float64Array(this.capacity * this.stride).fill(Number.NaN);
    this.firsts = new Array<unknown>(this.capacity * places).fill(null);
  }

  /** A window's offset in a ring for its id (any integer works: a window found elsewhere spills). */
  atOf(id: number): number {
    const place = Number.isSafeInteger(id) ? id : 0;
    return 3 * (place & (this.places - 1));
  }

  /** The key's id, given (a spare one reused) on first use. */
  of(mapKey: unknown): number {
    let id = this.ids.get(mapKey);
    if (id !== undefined) return id;
    id = this.free.pop();
    if (id === undefined) {
      id = this.mapKeys.length;
      if (id === this.capacity) this.grow();
      this.mapKeys.push(mapKey);
      this.live.push(0);
      this.spills.push(null);
    } else this.mapKeys[id] = mapKey;
    this.ids.add(mapKey, id);
    return id;
  }

  private grow(): void {
    this.capacity *= 2;
    const slots = new Float64Array(this.capacity * this.stride).fill(Number.NaN);
    slots.set(this.slots);
    this.slots = slots;
    this.firsts.length = this.capacity * this.places;
    this.firsts.fill(null, this.mapKeys.length * this.places);
  }

  /** Whether the key (by id) holds no window. */
  isEmpty(id: number): boolean {
    return this.live[id] === 0;
  }

  /** Counts the event in the key's window `w` in run `serial`. */
  count(id: number, w: W, event: Event, serial: number): number {
    const slots = this.slots;
    const at = id * this.stride + w.at;
    if (slots[at] === w.id) {
      slots[at + 1] = (slots[at + 1] as number) + 1;
      if (slots[at + 2] === serial) return COUNTED;
      slots[at + 2] = serial;
      return TOUCHED;
    }
    let spill = this.spills[id]?.get(w);
    if (spill === undefined) {
      // The key's first event in the window: its place, or a spill if another window has it.
      const first = this.singleField ? this.key.firstOf(event) : this.key.valuesOf(event);
      this.live[id] = (this.live[id] as number) + 1;
      if (Number.isNaN(slots[at])) {
        slots[at] = w.id;
        slots[at + 1] = 1;
        slots[at + 2] = serial;
        this.firsts[at / 3] = first;
        return MADE;
      }
      spill = { count: 1, touched: serial, first };
      let spills = this.spills[id];
      if (spills === null || spills === undefined) this.spills[id] = spills = new Map();
      spills.set(w, spill);
      return MADE;
    }
    spill.count++;
    if (spill.touched === serial) return COUNTED;
    spill.touched = serial;
    return TOUCHED;
  }

  countOf(id: number, w: W): number {
    const at = id * this.stride + w.at;
    const slots = this.slots;
    return slots[at] === w.id ? (slots[at + 1] as number) : (this.spills[id]?.get(w)?.count ?? 0);
  }

  /** The key's value (one field) or values (several), as the window's first event gave them. */
  firstOf(id: number, w: W): unknown {
    const at = id * this.stride + w.at;
    return this.slots[at] === w.id ? this.firsts[at / 3] : this.spills[id]?.get(w)?.first;
  }

  /** Takes the window out of the key's ring (or spill); a key left with none gives its id back. */
  forget(id: number, w: W): void {
    const at = id * this.stride + w.at;
    if (this.slots[at] === w.id) {
      this.slots[at] = Number.NaN;
      this.firsts[at / 3] = null;
    } else this.spills[id]?.delete(w);
    const live = (this.live[id] as number) - 1;
    this.live[id] = live;
    if (live === 0) this.release(id);
  }

  /** Gives back the id of a key that holds no window. */
  release(id: number): void {
    this.ids.remove(this.mapKeys[id]);
    this.mapKeys[id] = null;
    this.spills[id] = null;
    this.free.push(id);
  }
}
