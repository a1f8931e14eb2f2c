// The ring store's per-key window counts (spark-ring-store.ts). Each key held gets a small
// integer id (from a KeyTable: string keys are found in a property dictionary, ×2.4 faster than
// Map.get on this machine), and its windows sit side by side in one Float64Array, a ring of
// `places` places indexed by window id, `width` numbers a place: slots[at] the window id (NaN:
// free), slots[at + 1] the run that last touched it, then the window's counts (one per
// aggregate: all are counts), at = width × (id × places + window id modulo places). The key's
// value as each window's first event gave it sits at the same place in `firsts`. A window whose
// place is taken by another live window spills into a per-key Map. An event's windows are then
// a few reads in one or two cache lines, found from the key with one lookup and no object
// between (the object-per-key rings this replaced waited on memory for the key's object, its
// array and the array's store).
// A key left with no window keeps its id until keys without windows outnumber those with (and
// 1,024): most come back within a few windows, and each return would otherwise cost a property
// added and later deleted. So the table stays within twice the keys in state.
import type { Accumulator, Aggregates } from './aggregate';
import type { FoldAt } from './fold-builder';
import type { GroupKey } from './group-key';
import { KeyTable } from './key-table';
import type { Event } from './types';
import { ringPlaces } from './window-slot';

/** A window as rings know it: its id (an integer) and its offset within a key's ring. */
export interface RingWindow {
  readonly id: number;
  /** width × (id modulo places). */
  readonly at: number;
}

interface Spill {
  readonly counts: Float64Array;
  touched: number;
  readonly first: unknown;
}

/** What counting an event did: only counted, touched the window first in this run, or made it. */
export const COUNTED = 0;
export const TOUCHED = 1;
export const MADE = 2;

/** Where a place's counts start: after the window id and the run. */
export const COUNTS = 2;

/** Keys the rings first have room for (fewer when a key's ring is long: FIRST_NUMBERS). */
const FIRST_CAPACITY = 1024;
/**
 * Numbers the rings first take at most (512 KiB): a one-hour window sliding by a second has
 * 4,096 places a key, and room for 1,024 keys from the start took 96 MiB for two events.
 */
const FIRST_NUMBERS = 65_536;

export class KeyRings<W extends RingWindow> {
  /** Key → id, read inline by the store's loop. */
  readonly ids = new KeyTable<number>();
  /** Per id: its ring, `width` numbers a place (see the header); replaced when it grows. */
  slots: Float64Array;
  /** Per id and place: the key's value(s) as the window's first event gave them. */
  private firsts: unknown[];
  private readonly mapKeys: unknown[] = [];
  /** Per id: windows held (ring and spill). */
  private readonly live: number[] = [];
  private readonly spills: (Map<W, Spill> | null)[] = [];
  private readonly free: number[] = [];
  /** Ids whose key was left with no window (some may hold windows again), each listed once. */
  private readonly empty: number[] = [];
  private readonly listed: boolean[] = [];
  /** Keys holding at least one window. */
  private holding = 0;
  /** Counts a window keeps (the aggregates' slots). */
  readonly counts: number;
  /** Numbers a place: window id, run, counts. */
  readonly width: number;
  /** Places per key: a power of two. */
  readonly places: number;
  /** width × places: an id's ring starts at id × stride. */
  readonly stride: number;
  /** Adds an event to a window's counts (from their first slot). */
  readonly fold: FoldAt;

  constructor(
    private readonly key: GroupKey,
    private readonly singleField: boolean,
    windowsPerEvent: number,
    aggregates: Aggregates,
  ) {
    if (aggregates.addAt === null) throw new Error('rings keep counts only');
    this.fold = aggregates.addAt;
    this.counts = aggregates.slots;
    this.width = COUNTS + this.counts;
    const places = ringPlaces(windowsPerEvent);
    this.places = places;
    this.stride = this.width * places;
    let capacity = FIRST_CAPACITY;
    while (capacity > 1 && capacity * this.stride > FIRST_NUMBERS) capacity /= 2;
    this.slots = new Float64Array(capacity * this.stride).fill(Number.NaN);
    this.firsts = new Array<unknown>(capacity * places).fill(null);
  }

  /** A window's offset in a ring for its id (any integer works: a window found elsewhere spills). */
  atOf(id: number): number {
    const place = Number.isSafeInteger(id) ? id : 0;
    return this.width * (place & (this.places - 1));
  }

  /** The key's id, given (a spare one reused) on first use. */
  of(mapKey: unknown): number {
    let id = this.ids.get(mapKey);
    if (id !== undefined) return id;
    id = this.free.pop();
    if (id === undefined) {
      id = this.mapKeys.length;
      if (id * this.stride === this.slots.length) this.grow();
      this.mapKeys.push(mapKey);
      this.live.push(0);
      this.spills.push(null);
      this.listed.push(false);
    } else this.mapKeys[id] = mapKey;
    this.ids.add(mapKey, id);
    return id;
  }

  /** Room for twice the keys. */
  private grow(): void {
    const slots = new Float64Array(2 * this.slots.length).fill(Number.NaN);
    slots.set(this.slots);
    this.slots = slots;
    this.firsts.length = 2 * this.firsts.length;
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
      this.fold(slots, at + COUNTS, event);
      if (slots[at + 1] === serial) return COUNTED;
      slots[at + 1] = serial;
      return TOUCHED;
    }
    let spill = this.spills[id]?.get(w);
    if (spill === undefined) {
      // The key's first event in the window: its place, or a spill if another window has it.
      const first = this.singleField ? this.key.firstOf(event) : this.key.valuesOf(event);
      const live = this.live[id] as number;
      if (live === 0) this.holding++;
      this.live[id] = live + 1;
      if (Number.isNaN(slots[at])) {
        slots[at] = w.id;
        slots[at + 1] = serial;
        slots.fill(0, at + COUNTS, at + this.width);
        this.fold(slots, at + COUNTS, event);
        this.firsts[at / this.width] = first;
        return MADE;
      }
      spill = { counts: new Float64Array(this.counts), touched: serial, first };
      this.fold(spill.counts, 0, event);
      let spills = this.spills[id];
      if (spills === null || spills === undefined) this.spills[id] = spills = new Map();
      spills.set(w, spill);
      return MADE;
    }
    this.fold(spill.counts, 0, event);
    if (spill.touched === serial) return COUNTED;
    spill.touched = serial;
    return TOUCHED;
  }

  /** Copies the key's counts in `w` into `into` (an accumulator of `counts` slots). */
  read(id: number, w: W, into: Accumulator): void {
    const at = id * this.stride + w.at;
    const slots = this.slots;
    if (slots[at] === w.id) {
      for (let i = 0; i < this.counts; i++) into[i] = slots[at + COUNTS + i];
      return;
    }
    const counts = this.spills[id]?.get(w)?.counts;
    for (let i = 0; i < this.counts; i++) into[i] = counts?.[i] ?? 0;
  }

  /** The key's value (one field) or values (several), as the window's first event gave them. */
  firstOf(id: number, w: W): unknown {
    const at = id * this.stride + w.at;
    return this.slots[at] === w.id ? this.firsts[at / this.width] : this.spills[id]?.get(w)?.first;
  }

  /** Takes the window out of the key's ring (or spill); a key left with none may lose its id. */
  forget(id: number, w: W): void {
    const at = id * this.stride + w.at;
    if (this.slots[at] === w.id) {
      this.slots[at] = Number.NaN;
      this.firsts[at / this.width] = null;
    } else this.spills[id]?.delete(w);
    const live = (this.live[id] as number) - 1;
    this.live[id] = live;
    if (live === 0) {
      this.holding--;
      this.leave(id);
    }
  }

  /** Notes that a key holds no window (now, or still after an event counted nowhere). */
  leave(id: number): void {
    if (!this.listed[id]) {
      this.listed[id] = true;
      this.empty.push(id);
    }
    if (this.empty.length > Math.max(this.holding, 1024)) this.sweep();
  }

  /** Gives back the ids of listed keys that still hold no window. */
  private sweep(): void {
    for (const id of this.empty) {
      this.listed[id] = false;
      if (this.live[id] !== 0) continue;
      this.ids.remove(this.mapKeys[id]);
      this.mapKeys[id] = null;
      this.spills[id] = null;
      this.free.push(id);
    }
    this.empty.length = 0;
  }
}
