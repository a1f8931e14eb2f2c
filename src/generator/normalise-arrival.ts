// The arrival model's settings: which kind, and its delays in whole ms (see ArrivalModelInput).

import type { SettingsReader } from './settings-reader';
import { MAX_DELAY_MS, type ArrivalModel } from './settings';

const KINDS = ['none', 'uniform', 'exponential', 'stragglers'] as const;
const FIELDS: Readonly<Record<(typeof KINDS)[number], readonly string[]>> = {
  none: ['kind'],
  uniform: ['kind', 'maxDelay'],
  exponential: ['kind', 'meanDelay'],
  stragglers: ['kind', 'fraction', 'maxDelay', 'baseDelay'],
};
const EXAMPLE =
  '{ "kind": "none" }, { "kind": "uniform", "maxDelay": "5 seconds" }, ' +
  '{ "kind": "exponential", "meanDelay": "2 seconds" } or ' +
  '{ "kind": "stragglers", "fraction": 0.05, "maxDelay": "2 minutes", "baseDelay": "1 second" }';

export function readArrival(r: SettingsReader, value: unknown): ArrivalModel {
  const none: ArrivalModel = { kind: 'none' };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    r.fail('arrival', `must be an object such as ${EXAMPLE}; got ${r.show(value)}`);
    return none;
  }
  const a = value as Readonly<Record<string, unknown>>;
  const kind = KINDS.find((k) => k === a.kind);
  if (kind === undefined) {
    r.fail('arrival.kind', `must be one of ${KINDS.join(', ')}; got ${r.show(a.kind)}`);
    return none;
  }
  r.unknownKeys(a, FIELDS[kind], 'arrival.');
  const delay = (field: string, v: unknown): number =>
    r.duration(`arrival.${field}`, v, 0, MAX_DELAY_MS);
  switch (kind) {
    case 'none':
      return none;
    case 'uniform':
      return { kind, maxDelayMs: delay('maxDelay', a.maxDelay) };
    case 'exponential':
      return { kind, meanDelayMs: delay('meanDelay', a.meanDelay) };
    case 'stragglers': {
      const fraction = r.probability('arrival.fraction', a.fraction);
      const baseDelayMs = delay('baseDelay', a.baseDelay === undefined ? 0 : a.baseDelay);
      const maxDelayMs = delay('maxDelay', a.maxDelay);
      if (maxDelayMs <= baseDelayMs && r.errors.every((e) => !e.field.startsWith('arrival.'))) {
        r.fail(
          'arrival.maxDelay',
          `must be longer than baseDelay (${String(baseDelayMs)} ms): stragglers wait ` +
            'longer than the other events',
        );
      }
      return { kind, fraction, maxDelayMs, baseDelayMs };
    }
  }
}
