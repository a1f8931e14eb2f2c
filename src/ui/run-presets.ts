// The runs the page offers before anything is imported: the seed tutorial's clicks and a
// generated clickstream. Each is a RunSpec the worker opens; adding one is adding an entry.
import type { RunSpec } from '../worker/run-manager';
import demoScenario from './demo-scenario.json';
import { STATE_PRESETS } from './state/state-presets';
import { JOIN_PRESETS } from './join-presets';

export interface RunPreset {
  readonly id: string;
  readonly label: string;
  readonly spec: RunSpec;
}

export const RUN_PRESETS: readonly RunPreset[] = [
  {
    id: 'generated-event-types',
    label: 'Generated clickstream: events per type per minute',
    spec: {
      name: 'Events per type in 1-minute windows, 30 s watermark, update mode',
      semantics: 'spark',
      query: {
        time: 'event_timestamp',
        window: { type: 'tumbling', size: '1 minute' },
        groupBy: ['event_type'],
        aggregates: [{ fn: 'count', as: 'count' }],
        watermark: { delay: '30 seconds' },
        outputMode: 'update',
        triggerInterval: '10 seconds',
      },
      input: {
        kind: 'generated',
        seed: 7,
        settings: {
          startTime: '2024-01-01T10:00:00.000Z',
          duration: '10 minutes',
          rate: 5,
          users: 50,
          arrival: {
            kind: 'stragglers',
            fraction: 0.05,
            maxDelay: '2 minutes',
            baseDelay: '2 seconds',
          },
        },
      },
    },
  },
  {
    id: 'seed-clicks-per-user',
    label: 'Seed tutorial: clicks per user per minute',
    spec: {
      name: demoScenario.name,
      semantics: 'spark',
      query: demoScenario.query,
      input: { kind: 'scenario', scenario: demoScenario },
    },
  },
  ...JOIN_PRESETS,
  ...STATE_PRESETS,
];

export const DEFAULT_PRESET = RUN_PRESETS[0] as RunPreset;
