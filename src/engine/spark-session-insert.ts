// Without a trace, count-only aggregates let a key's new event join its sessions as it arrives:
// counts add up the same in any order and the merged intervals do not depend on it either, so
// this gives exactly what merging the run's sorted events at the end would, without holding
// them or visiting the key twice.
import type { Aggregates } from './aggregate';
import type { EndBuckets } from './end-buckets';
import type { KeyState, Session } from './spark-session-merge';
import type { Event } from './types';

/**
 * Adds the event's session [start, end) to the key's sessions (sorted and apart), joining every
 * one it overlaps or touches. Returns how many sessions the key gained (1, 0 or fewer).
 */
export function insertEvent(
  ks: KeyState,
  start: number,
  end: number,
  event: Event,
  serial: number,
  aggregates: Aggregates,
  ends: EndBuckets<Session>,
): number {
  // Most events join the key's latest session or open the next one.
  const last = ks.last;
  if (last !== undefined && start >= last.start && start <= last.end) {
    if (end > last.end) last.end = end;
    aggregates.fold(last, event);
    last.touched = serial;
    return 0;
  }
  const list = ks.sessions;
  const n = list.length;
  // The first session ending at or after start (ends increase).
  let i = n;
  while (i > 0 && (list[i - 1] as Session).end >= start) i--;
  const target = list[i];
  if (target === undefined || target.start > end) {
    const session: Session = {
      start,
      end,
      acc: aggregates.newAcc(),
      count: 0,
      owner: ks,
      live: true,
      touched: serial,
    };
    aggregates.fold(session, event);
    if (i === n) list.push((ks.last = session));
    else list.splice(i, 0, session);
    ends.push(session, end);
    return 1;
  }
  // It overlaps or touches target (its entry by end stays: a grown end is caught when taken out).
  if (start < target.start) target.start = start;
  if (end > target.end) target.end = end;
  aggregates.fold(target, event);
  target.touched = serial;
  // Grown to the right, target may now reach the sessions after it.
  let k = i + 1;
  while (k < n && (list[k] as Session).start <= target.end) {
    const next = list[k] as Session;
    aggregates.foldInto(target, next);
    if (next.end > target.end) target.end = next.end;
    next.live = false;
    k++;
  }
  if (k > i + 1) {
    list.splice(i + 1, k - i - 1);
    ks.last = list[list.length - 1];
  }
  return i + 1 - k;
}
