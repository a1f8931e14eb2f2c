// Checking a learner's answer against the value the engine gave: a typed number, a choice, or
// a try task's goal.
import { valuesEqual } from '../engine/compare';
import type { Choice, ProbeValue } from './types';

/** Reads what the learner typed ("3", " 2.5 ", "1,5" → 1.5); null when it is not a number. */
export function readNumber(typed: string): number | null {
  const text = typed.trim().replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return null;
  return Number(text);
}

/**
 * Right when equal, or, for a non-integer value, when the learner wrote it rounded to the
 * decimals they typed (0.33 for 1/3).
 */
export function isRightNumber(typed: string, value: ProbeValue): boolean {
  const n = readNumber(typed);
  if (n === null || typeof value !== 'number') return false;
  if (valuesEqual(n, value)) return true;
  const decimals = /[.,](\d+)/.exec(typed.trim())?.[1]?.length ?? 0;
  if (Number.isInteger(value) || decimals === 0) return false;
  return Math.abs(n - value) <= 0.5 * 10 ** -decimals + 1e-12;
}

export function isRightChoice(choice: Choice, value: ProbeValue): boolean {
  return valuesEqual(choice.value, value);
}

/** How many of the choices match the value: exactly one must. */
export function rightChoices(choices: readonly Choice[], value: ProbeValue): number {
  return choices.filter((c) => isRightChoice(c, value)).length;
}

export function goalMet(value: ProbeValue, equals: ProbeValue): boolean {
  return valuesEqual(value, equals);
}
