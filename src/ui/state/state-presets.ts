// Runs with per-key state the page offers: the seed's running totals per user (50, 80, 120 for
// user1) and sessions that end after 30 s without a click (a processing-time timeout).
import type { JsonObject } from '../../storage';
import type { RunPreset } from '../run-presets';
import runningTotals from './running-totals.json';
import sessions from './sessions-30s.json';

function preset(id: string, label: string, scenario: JsonObject): RunPreset {
  return {
    id,
    label,
    spec: {
      name: String(scenario.name),
      semantics: 'spark',
      query: scenario.query as JsonObject,
      input: { kind: 'scenario', scenario },
    },
  };
}

export const STATE_PRESETS: readonly RunPreset[] = [
  preset('state-running-totals', 'Per-key state: running totals per user', runningTotals),
  preset('state-sessions-30s', 'Per-key state: sessions ending after 30 s', sessions),
];
