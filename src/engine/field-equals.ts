// Equality conditions on fields ("filter" and an aggregate's "where"), compiled once to pairs.
import type { Event, FieldEquals } from './types';

export type Condition = readonly (readonly [field: string, value: unknown])[];

export function compileCondition(eq: FieldEquals | null): Condition | null {
  return eq === null ? null : Object.entries(eq);
}

/** True when every field equals its value (strictly: 1 and "1" differ, as typed columns do). */
export function matches(event: Event, condition: Condition): boolean {
  for (const [field, value] of condition) {
    if ((event[field] ?? null) !== value) return false;
  }
  return true;
}
