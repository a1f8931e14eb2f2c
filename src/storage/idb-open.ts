// Opening the database without ever hanging: a `blocked` open (another tab holds an older
// version) gives up after a short grace, a slow one at the timeout, and a connection that arrives
// after we gave up is closed straight away so it blocks nobody.
import { wrap } from 'idb';
import { upgrade, type Database, type UpgradeTransaction } from './schema';

/** idb's typed view of a raw connection: the schema type is ours to assert. */
function asDatabase(db: IDBDatabase): Database {
  return wrap(db) as unknown as Database;
}

/** How long a `blocked` open still waits for the other tab to close before giving up. */
export const BLOCKED_GRACE_MS = 250;

export type OpenResult =
  | { readonly ok: true; readonly db: Database }
  | {
      readonly ok: false;
      readonly reason: 'blocked' | 'timeout' | 'error';
      readonly error: unknown;
    };

/**
 * Opens `name` at `version` with `factory`, running the upgrade steps. The factory must be the
 * page's own IndexedDB (idb recognises its objects by the global IDB classes).
 */
export function openDatabase(
  factory: IDBFactory,
  name: string,
  version: number,
  timeoutMs: number,
): Promise<OpenResult> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      // Throws SecurityError in some private modes and sandboxed frames.
      request = factory.open(name, version);
    } catch (error) {
      resolve({ ok: false, reason: 'error', error });
      return;
    }
    let settled = false;
    const settle = (result: OpenResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      settle({ ok: false, reason: 'timeout', error: null });
    }, timeoutMs);
    request.addEventListener('upgradeneeded', (event) => {
      const tx = request.transaction;
      if (tx === null) return;
      const upgradeTx = wrap(tx) as unknown as UpgradeTransaction;
      // A failed upgrade is reported by the request's error event; don't also reject unheard.
      upgradeTx.done.catch(() => undefined);
      upgrade(asDatabase(request.result), event.oldVersion, event.newVersion ?? version, upgradeTx);
    });
    request.addEventListener('blocked', () => {
      // A tab that lets go in its versionchange handler is normally gone before `blocked`; one
      // finishing a transaction may need a moment. Past that, it is holding on: give up.
      setTimeout(() => {
        settle({ ok: false, reason: 'blocked', error: null });
      }, BLOCKED_GRACE_MS);
    });
    request.addEventListener('error', () => {
      settle({ ok: false, reason: 'error', error: request.error });
    });
    request.addEventListener('success', () => {
      // Too late: this page works in memory now. The upgrade (if any) is done; let go.
      if (settled) request.result.close();
      else settle({ ok: true, db: asDatabase(request.result) });
    });
  });
}
