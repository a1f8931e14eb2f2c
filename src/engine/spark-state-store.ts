// The per-key state store: one row per key (value if it exists, timeout deadline if set), with
// a batch's writes held in an overlay until the batch commits, so a failed batch changes
// nothing. `apply` writes a call's outcome as FlatMapGroupsWithStateExec's onIteratorCompletion.
import { keyOfValues } from './group-key';
import type { StateCallResult, StateRow } from './state-types';

export type StateEntry = StateRow;

type Ok = Extract<StateCallResult, { ok: true }>;

/** In the overlay: the row is removed by this batch (compared by identity). */
const REMOVED: StateEntry = Object.freeze({ key: [], exists: false, value: null, timeoutMs: null });

export class StateStore {
  private readonly rows = new Map<unknown, StateEntry>();
  /** This batch's writes: an entry, or REMOVED for a removed row. */
  private overlay = new Map<unknown, StateEntry>();

  constructor(private readonly fields: readonly string[]) {}

  get(id: unknown): StateEntry | undefined {
    if (this.overlay.size === 0) return this.rows.get(id);
    const o = this.overlay.get(id);
    if (o === undefined) return this.rows.get(id);
    return o === REMOVED ? undefined : o;
  }

  /**
   * Writes a call's outcome. Spark: removed with no timeout → the row goes; otherwise the row is
   * written when the value was updated or removed or the deadline changed (a row may stay with
   * no value, for its timeout). Returns the row after the call (null when removed).
   */
  apply(
    id: unknown,
    key: readonly unknown[],
    result: Ok,
    before: StateEntry | undefined = this.get(id),
  ): StateEntry | null {
    const { change, timeoutMs } = result;
    if (change.kind === 'removed' && timeoutMs === null) {
      if (before !== undefined) this.overlay.set(id, REMOVED);
      return null;
    }
    const oldTimeout = before?.timeoutMs ?? null;
    if (change.kind === 'unchanged' && timeoutMs === oldTimeout) return before ?? null;
    const entry: StateEntry =
      change.kind === 'updated'
        ? { key, exists: true, value: change.value, timeoutMs }
        : change.kind === 'removed'
          ? { key, exists: false, value: null, timeoutMs }
          : {
              key,
              exists: before?.exists ?? false,
              value: before?.value ?? null,
              timeoutMs,
            };
    this.overlay.set(id, entry);
    return entry;
  }

  /** Rows with a deadline strictly below `threshold`, in store order (new rows last). */
  timedOut(threshold: number): [unknown, StateEntry][] {
    const out: [unknown, StateEntry][] = [];
    const overlay = this.overlay;
    const check = overlay.size > 0;
    for (const [id, stored] of this.rows) {
      const e = check ? (overlay.get(id) ?? stored) : stored;
      if (e.timeoutMs != null && e.timeoutMs < threshold) out.push([id, e]);
    }
    for (const [id, e] of overlay) {
      if (e.timeoutMs != null && e.timeoutMs < threshold && !this.rows.has(id)) out.push([id, e]);
    }
    return out;
  }

  commit(): void {
    for (const [id, e] of this.overlay) {
      if (e === REMOVED) this.rows.delete(id);
      else this.rows.set(id, e);
    }
    this.overlay = new Map();
  }

  discard(): void {
    this.overlay = new Map();
  }

  get size(): number {
    return this.rows.size;
  }

  /** The committed rows, in store order: the state table and the snapshot. */
  table(): StateRow[] {
    return [...this.rows.values()];
  }

  /** Replaces every row; throws on a malformed one (the store is then left as it was). */
  restore(rows: unknown): void {
    if (!Array.isArray(rows)) throw new Error('state rows must be a list');
    const next = new Map<unknown, StateEntry>();
    for (const r of rows as Partial<StateRow>[]) {
      const ok =
        Array.isArray(r.key) &&
        r.key.length === this.fields.length &&
        typeof r.exists === 'boolean' &&
        'value' in r &&
        (r.timeoutMs === null || Number.isFinite(r.timeoutMs));
      if (!ok) throw new Error(`not a state row: ${JSON.stringify(r)}`);
      const row = r as StateRow;
      next.set(keyOfValues(this.fields, row.key), { ...row });
    }
    this.rows.clear();
    for (const [id, e] of next) this.rows.set(id, e);
    this.overlay = new Map();
  }
}
