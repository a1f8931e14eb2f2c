// Small helpers shared by the generator tests.
import type { GeneratedEvent } from '../../src/generator';

export const idNumber = (e: GeneratedEvent): number => e.event_id;

/** Events by event id (event-time order). */
export function byId(events: readonly GeneratedEvent[]): GeneratedEvent[] {
  return [...events].sort((a, b) => idNumber(a) - idNumber(b));
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

export const mean = (xs: readonly number[]): number =>
  xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

/** FNV-1a over a string: a short fingerprint of a whole generated stream. */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** list[i] (negative counts from the end), failing the test when there is none. */
export function at<T>(list: readonly T[], i: number): T {
  const item = list.at(i);
  if (item === undefined)
    throw new Error(`no item ${String(i)} in a list of ${String(list.length)}`);
  return item;
}

/** Whether ok(previous, next) holds for every two consecutive items. */
export function everyPair<T>(list: readonly T[], ok: (previous: T, next: T) => boolean): boolean {
  for (let i = 1; i < list.length; i++) if (!ok(at(list, i - 1), at(list, i))) return false;
  return true;
}

/** The largest next − previous of consecutive items (−Infinity for fewer than two). */
export function widestStep<T>(list: readonly T[], value: (item: T) => number): number {
  let widest = -Infinity;
  for (let i = 1; i < list.length; i++) {
    widest = Math.max(widest, value(at(list, i)) - value(at(list, i - 1)));
  }
  return widest;
}
