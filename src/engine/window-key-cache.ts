// Per grouping key, the groups and accumulators of the aligned windows its latest event went to,
// so the key's next event in the same windows updates them after one Map lookup (the key's
// entry) instead of one per window. Only a cache: dropping an entry loses nothing.
import type { Accumulator } from './aggregate';
import type { Group } from './spark-window-rows';

export interface KeyEntry {
  /** The grouping values of the event that made the entry; new groups with identical ones share them. */
  readonly values: readonly unknown[];
  /** AlignedSlot.lo of the cached window set. */
  slot: number;
  /** The earliest end among the cached windows: once evicted through, the cache is stale. */
  minEnd: number;
  /** The run in which every cached group was last marked touched. */
  touchedRun: number;
  /** Latest window first, as AlignedSlot.starts. */
  readonly groups: (Group | undefined)[];
  /** accs[i] is groups[i].acc, so the hot path reads no group; acc0 is accs[0], one read less. */
  readonly accs: (Accumulator | undefined)[];
  acc0: Accumulator | undefined;
}

export class KeyCache {
  private readonly entries = new Map<unknown, KeyEntry>();

  /** `width`: the most windows one event is in. */
  constructor(private readonly width: number) {}

  get(mapKey: unknown): KeyEntry | undefined {
    return this.entries.get(mapKey);
  }

  add(mapKey: unknown, values: readonly unknown[]): KeyEntry {
    const entry: KeyEntry = {
      values,
      slot: Number.NaN,
      minEnd: Number.NaN,
      touchedRun: -1,
      groups: new Array<undefined>(this.width).fill(undefined),
      accs: new Array<undefined>(this.width).fill(undefined),
      acc0: undefined,
    };
    this.entries.set(mapKey, entry);
    return entry;
  }

  /**
   * Windows ending at or before `through` were evicted, `groups` remain. When the dictionary
   * has outgrown the state, the entries whose cache is stale go: it stays proportional to the
   * keys in state, and stale pointers to evicted groups do not pile up.
   */
  evicted(through: number, groups: number): void {
    if (this.entries.size <= 2 * groups + 1024) return;
    for (const [mapKey, entry] of this.entries) {
      if (!(entry.minEnd > through)) this.entries.delete(mapKey);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
