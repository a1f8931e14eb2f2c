// Lesson 15's "online store": a database of its own (never the app's "windowscope") holding
// precomputed feature rows keyed [user_id, window_start] and raw events keyed
// [user_id, ts, event_id], with the two reads a model server would make. The lab deletes it after.
import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const ONLINE_STORE_DB = 'windowscope-online-store-lab';

/** One user's features in one window, as the streaming job emits them. */
export interface FeatureRecord {
  readonly user_id: string;
  readonly window_start: number;
  readonly window_end: number;
  readonly clicks: number;
  readonly purchases: number;
  /** Sum of purchases' total_amount; null when the window has no purchase (SQL's SUM). */
  readonly spend: number | null;
}

/** A raw event, cut to the fields the features read. */
export interface RawEventRecord {
  readonly user_id: string;
  readonly ts: number;
  readonly event_id: number;
  readonly event_type: string;
  readonly total_amount: number | null;
}

interface OnlineStoreSchema extends DBSchema {
  features: { key: [string, number]; value: FeatureRecord };
  raw_events: { key: [string, number, number]; value: RawEventRecord };
}

/** Start of the `windowMs` tumbling window holding `ts` (floor, also for negative times). */
export function windowStartOf(ts: number, windowMs: number): number {
  return ts - (((ts % windowMs) + windowMs) % windowMs);
}

export class OnlineStore {
  private constructor(private readonly db: IDBPDatabase<OnlineStoreSchema>) {}

  /** Opens an empty store: whatever an interrupted earlier lab left behind is deleted first. */
  static async open(name = ONLINE_STORE_DB): Promise<OnlineStore> {
    await deleteDB(name);
    const db = await openDB<OnlineStoreSchema>(name, 1, {
      upgrade(database) {
        database.createObjectStore('features', { keyPath: ['user_id', 'window_start'] });
        database.createObjectStore('raw_events', { keyPath: ['user_id', 'ts', 'event_id'] });
      },
    });
    return new OnlineStore(db);
  }

  /** Upserts one micro-batch of feature rows in one transaction (a row per key survives). */
  async putFeatures(rows: readonly FeatureRecord[]): Promise<void> {
    const tx = this.db.transaction('features', 'readwrite');
    await Promise.all([...rows.map((r) => tx.store.put(r)), tx.done]);
  }

  /** Appends one micro-batch of raw events in one transaction. */
  async putRawEvents(events: readonly RawEventRecord[]): Promise<void> {
    const tx = this.db.transaction('raw_events', 'readwrite');
    await Promise.all([...events.map((e) => tx.store.put(e)), tx.done]);
  }

  async count(store: 'features' | 'raw_events'): Promise<number> {
    return this.db.count(store);
  }

  /** The user's row with the latest window: one reverse cursor step on the key range. */
  async latestFeatures(user: string): Promise<FeatureRecord | null> {
    const range = IDBKeyRange.bound([user, -Infinity], [user, Infinity]);
    const cursor = await this.db.transaction('features').store.openCursor(range, 'prev');
    return cursor?.value ?? null;
  }

  /**
   * The raw events of the user's latest `windowMs` window (the one holding their newest event),
   * read in one transaction: a reverse cursor step, then a range read `[start, end)`.
   */
  async latestWindowEvents(
    user: string,
    windowMs: number,
  ): Promise<{ start: number; events: RawEventRecord[] } | null> {
    const store = this.db.transaction('raw_events').store;
    const all = IDBKeyRange.bound([user, -Infinity, -Infinity], [user, Infinity, Infinity]);
    const last = await store.openCursor(all, 'prev');
    if (!last) return null;
    const start = windowStartOf(last.value.ts, windowMs);
    const range = IDBKeyRange.bound(
      [user, start, -Infinity],
      [user, start + windowMs, -Infinity],
      false,
      true,
    );
    return { start, events: await store.getAll(range) };
  }

  /** Closes and deletes the database: the lab leaves nothing behind. */
  async destroy(): Promise<void> {
    const name = this.db.name;
    this.db.close();
    await deleteDB(name);
  }
}

/** Bytes the browser says this origin uses (navigator.storage.estimate), or null where unknown. */
export async function originUsageBytes(): Promise<number | null> {
  try {
    const storage = (globalThis.navigator as Navigator | undefined)?.storage;
    const usage = (await storage?.estimate())?.usage;
    return typeof usage === 'number' ? usage : null;
  } catch {
    return null;
  }
}
