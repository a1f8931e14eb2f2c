// The join runs the page offers: the ad-analytics seed's CTR by campaign per minute (impressions
// left-outer-joined with their clicks) on generated impressions and clicks and on the hand-worked
// golden scenario, and a left outer join whose unmatched impressions come out as null rows.
import type { RunSpec } from '../worker/run-manager';
import ctrScenario from '../../test/scenarios/spark-join-ctr-by-campaign.json';
import leftOuterScenario from '../../test/scenarios/spark-join-left-outer-nulls.json';

/** The CTR pipeline's query on generated input: the golden scenario's, with 10 s watermarks. */
const ctrQuery = {
  ...ctrScenario.query,
  inputs: {
    impressions: { time: 'impression_time', watermark: { delay: '10 seconds' } },
    clicks: { time: 'click_time', watermark: { delay: '10 seconds' } },
  },
  triggerInterval: '10 seconds',
};

export const JOIN_PRESETS: readonly { id: string; label: string; spec: RunSpec }[] = [
  {
    id: 'join-ctr-generated',
    label: 'Impressions joined with clicks: CTR by campaign per minute (generated)',
    spec: {
      name: 'Impressions joined with clicks: CTR by campaign per minute',
      semantics: 'spark',
      query: ctrQuery,
      input: {
        kind: 'generated',
        seed: 12,
        settings: {
          startTime: '2024-01-01T10:00:00.000Z',
          duration: '4 minutes',
          rate: 1,
          users: 30,
          ads: { impressionShare: 0.6, clickThroughRate: 0.3 },
          arrival: {
            kind: 'stragglers',
            fraction: 0.08,
            maxDelay: '40 seconds',
            baseDelay: '3 seconds',
          },
        },
      },
    },
  },
  {
    id: 'join-ctr-scenario',
    label: 'Impressions joined with clicks: CTR by campaign per minute (worked by hand)',
    spec: {
      name: ctrScenario.name,
      semantics: 'spark',
      query: ctrScenario.query,
      input: { kind: 'scenario', scenario: ctrScenario },
    },
  },
  {
    id: 'join-left-outer',
    label: 'Left outer join: impressions never clicked come out with nulls',
    spec: {
      name: leftOuterScenario.name,
      semantics: 'spark',
      query: leftOuterScenario.query,
      input: { kind: 'scenario', scenario: leftOuterScenario },
    },
  },
];
