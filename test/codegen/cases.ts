// The queries the code view's golden files cover: the seed examples, the Spark guide's word
// counts and joins, Flink's documented bids, per-key state, and cases at the edges (offsets,
// epoch-ms times, gaps).
import type { Event, Semantics } from '../../src/engine/types';

export interface CodeCase {
  readonly file: string;
  readonly name: string;
  readonly semantics: Semantics;
  readonly query: Record<string, unknown>;
  readonly sample: readonly Event[];
}

const iso = (ts: string, rest: Record<string, unknown>): Event => ({ ...rest, ts });
const words = [{ timestamp: '2023-07-30T12:02:00Z', word: 'cat' }];
const bids = [{ bidtime: '2020-04-15T08:05:00Z', item: 'C', price: 4.0 }];
const sliding10by5 = { type: 'sliding', size: '10 minutes', slide: '5 minutes' };
const wordCount = [{ fn: 'count', as: 'count' }];
const impressionsAndClicks = [
  {
    $input: 'impressions',
    impression_id: 'i1',
    campaign_id: 'c1',
    impression_time: '2024-01-01T00:00:05Z',
  },
  { $input: 'clicks', click_impression_id: 'i1', click_time: '2024-01-01T00:00:12Z' },
];

export const CASES: readonly CodeCase[] = [
  {
    file: 'seed-ctr',
    name: 'Click-through rate per user in 5-minute windows',
    semantics: 'spark',
    query: {
      time: 'event_timestamp',
      window: { type: 'tumbling', size: '5 minutes' },
      groupBy: ['user_id'],
      aggregates: [
        { fn: 'count', where: { event_type: 'impression' }, as: 'impressions' },
        { fn: 'count', where: { event_type: 'click' }, as: 'clicks' },
      ],
      derived: [{ as: 'ctr', expr: 'clicks / impressions' }],
      watermark: { delay: '1 minute' },
      outputMode: 'append',
    },
    sample: [{ event_timestamp: '2025-03-29T10:00:10Z', user_id: 'u1', event_type: 'impression' }],
  },
  {
    file: 'sliding-word-count',
    name: "The Spark guide's windowed word count",
    semantics: 'spark',
    query: {
      time: 'timestamp',
      window: sliding10by5,
      groupBy: ['word'],
      aggregates: wordCount,
      outputMode: 'complete',
    },
    sample: words,
  },
  {
    file: 'append-with-watermark',
    name: "The Spark guide's word count with a 10-minute watermark, append mode",
    semantics: 'spark',
    query: {
      time: 'timestamp',
      window: sliding10by5,
      groupBy: ['word'],
      aggregates: wordCount,
      watermark: { delay: '10 minutes' },
      outputMode: 'append',
    },
    sample: words,
  },
  {
    file: 'session-window',
    name: 'User sessions that end after 30 seconds of inactivity',
    semantics: 'spark',
    query: {
      time: 'eventtimestamp',
      window: { type: 'session', gap: '30 seconds' },
      groupBy: ['user_id'],
      aggregates: [{ fn: 'count', as: 'event_count' }],
      outputMode: 'complete',
    },
    sample: [{ user_id: 'user1', event: 'click', eventtimestamp: '2023-07-30T10:00:00Z' }],
  },
  {
    file: 'flink-count-distinct',
    name: 'Active users per page in 10-second windows',
    semantics: 'flink',
    query: {
      time: 'ts',
      window: { type: 'tumbling', size: '10 seconds' },
      groupBy: ['page'],
      aggregates: [
        { fn: 'count_distinct', field: 'user', as: 'users' },
        { fn: 'count', as: 'views' },
      ],
      watermark: { delay: '2 seconds' },
      allowedLateness: '5 seconds',
    },
    sample: [{ ts: 1000, page: 'p1', user: 'u1' }],
  },
  {
    file: 'flink-tumble-offset',
    name: "Flink's documented bids in 10-minute windows offset by 1 minute",
    semantics: 'flink',
    query: {
      time: 'bidtime',
      window: { type: 'tumbling', size: '10 minutes', offset: '1 minute' },
      aggregates: [{ fn: 'sum', field: 'price', as: 'total_price' }],
      watermark: { delay: '1 second' },
    },
    sample: bids,
  },
  {
    file: 'spark-negative-offset',
    name: 'Counts per user in 10-second windows starting 2 seconds early',
    semantics: 'spark',
    query: {
      time: 'ts',
      window: { type: 'tumbling', size: '10 seconds', offset: '-2 seconds' },
      groupBy: ['user'],
      aggregates: [{ fn: 'count', as: 'count' }],
      outputMode: 'complete',
    },
    sample: [iso('2024-01-01T00:00:00Z', { user: 'a' })],
  },
  {
    file: 'filter-derived',
    name: 'Revenue per unit of purchases per shop, 1-minute windows sliding by 30 seconds',
    semantics: 'spark',
    query: {
      time: 'ts',
      window: { type: 'sliding', size: '1 minute', slide: '30 seconds' },
      groupBy: ['shop'],
      filter: { type: 'purchase', test: false },
      aggregates: [
        { fn: 'sum', field: 'price', as: 'revenue' },
        { fn: 'sum', field: 'qty', as: 'units' },
      ],
      derived: [
        { as: 'per_unit', expr: 'revenue / units' },
        { as: 'per_unit_cents', expr: 'per_unit * 100' },
      ],
      watermark: { delay: '90 seconds' },
      outputMode: 'update',
      triggerInterval: '10 seconds',
    },
    sample: [
      iso('2024-01-01T00:00:01Z', {
        shop: 's1',
        type: 'purchase',
        test: false,
        price: 10.5,
        qty: 1,
      }),
    ],
  },
  {
    file: 'where-avg-min-max',
    name: 'Filtered averages, minimums and maximums per shop',
    semantics: 'spark',
    query: {
      time: 'ts',
      window: { type: 'tumbling', size: '10 seconds' },
      groupBy: ['shop'],
      aggregates: [
        { fn: 'avg', field: 'price', where: { type: 'purchase' }, as: 'avg_purchase' },
        { fn: 'max', field: 'price', where: { type: 'refund' }, as: 'max_refund' },
        { fn: 'sum', field: 'qty', where: { type: 'purchase' }, as: 'units' },
      ],
      outputMode: 'update',
    },
    sample: [iso('2024-01-01T00:00:01Z', { shop: 's1', type: 'purchase', price: 10, qty: 1 })],
  },
  {
    file: 'running-total-epoch',
    name: 'Running total per user, no window',
    semantics: 'spark',
    query: {
      time: 'transactionTime',
      window: { type: 'none' },
      groupBy: ['userId'],
      aggregates: [{ fn: 'sum', field: 'amount', as: 'total_amount' }],
      outputMode: 'update',
    },
    sample: [
      { userId: 'user1', transactionId: 'tx1001', transactionTime: 1700000000000, amount: 50 },
    ],
  },
  {
    file: 'flink-hop-epoch',
    name: 'Sliding sums over epoch-millisecond times',
    semantics: 'flink',
    query: {
      time: 'ts',
      window: { type: 'sliding', size: '10 seconds', slide: '5 seconds' },
      groupBy: ['key'],
      aggregates: [{ fn: 'sum', field: 'amount', as: 'total' }],
      watermark: { delay: '0 seconds' },
    },
    sample: [{ ts: 1000, key: 'a', amount: 2 }],
  },
  {
    file: 'session-gap-per-device',
    name: 'Sessions with a gap per device type',
    semantics: 'spark',
    query: {
      time: 'ts',
      window: {
        type: 'session',
        gap: { field: 'device', map: { mobile: '1 minute' }, default: '10 seconds' },
      },
      groupBy: ['user_id'],
      aggregates: [{ fn: 'count', as: 'events' }],
      watermark: { delay: '30 seconds' },
      outputMode: 'append',
    },
    sample: [iso('2024-01-01T00:00:00Z', { user_id: 'u1', device: 'mobile' })],
  },
  {
    file: 'join-ctr-by-campaign',
    name: 'CTR by campaign per minute: impressions joined with their clicks',
    semantics: 'spark',
    query: {
      inputs: {
        impressions: { time: 'impression_time', watermark: { delay: '10 seconds' } },
        clicks: { time: 'click_time', watermark: { delay: '5 seconds' } },
      },
      join: {
        left: 'impressions',
        right: 'clicks',
        type: 'leftOuter',
        on: [['impression_id', 'click_impression_id']],
        between: { lower: '0 seconds', upper: '30 seconds' },
      },
      time: 'impression_time',
      window: { type: 'tumbling', size: '1 minute' },
      groupBy: ['campaign_id'],
      aggregates: [
        { fn: 'count', as: 'impressions' },
        { fn: 'count', field: 'click_time', as: 'clicks' },
      ],
      derived: [{ as: 'ctr', expr: 'clicks / impressions' }],
      outputMode: 'append',
    },
    sample: impressionsAndClicks,
  },
  {
    file: 'join-left-outer',
    name: 'Impressions with their clicks within 30 seconds, NULL clicks for the rest (left outer join)',
    semantics: 'spark',
    query: {
      inputs: {
        impressions: { time: 'impression_time', watermark: { delay: '0 seconds' } },
        clicks: { time: 'click_time', watermark: { delay: '0 seconds' } },
      },
      join: {
        left: 'impressions',
        right: 'clicks',
        type: 'leftOuter',
        on: [['ad_id', 'click_ad_id']],
        between: { lower: '0 seconds', upper: '30 seconds' },
      },
      outputMode: 'append',
    },
    sample: [
      { $input: 'impressions', ad_id: 'a1', impression_time: '2024-01-01T00:00:00Z' },
      { $input: 'clicks', click_ad_id: 'a1', click_time: '2024-01-01T00:00:20Z' },
    ],
  },
  {
    file: 'join-guide-inner-max',
    name: "The Spark guide's impressions joined with clicks within an hour, max watermark policy",
    semantics: 'spark',
    query: {
      inputs: {
        impressions: { time: 'impressionTime', watermark: { delay: '2 hours' } },
        clicks: { time: 'clickTime', watermark: { delay: '3 hours' } },
      },
      watermarkPolicy: 'max',
      join: {
        left: 'impressions',
        right: 'clicks',
        type: 'inner',
        on: [['impressionAdId', 'clickAdId']],
        between: { lower: '0 seconds', upper: '1 hour' },
      },
      outputMode: 'append',
    },
    sample: [],
  },
  {
    file: 'state-running-total-processing',
    name: "Running total per user, forgotten 30 seconds after the user's last transaction",
    semantics: 'spark',
    query: {
      time: 'transactionTime',
      groupBy: ['userId'],
      stateful: {
        function: 'running_total',
        field: 'amount',
        as: 'total_amount',
        timeout: { kind: 'processing', duration: '30 seconds' },
      },
      outputMode: 'update',
    },
    sample: [{ userId: 'user1', transactionTime: '2023-11-14T22:13:20Z', amount: 50 }],
  },
  {
    file: 'state-session-event',
    name: 'Sessions per user, ended 30 seconds of event time after their last event',
    semantics: 'spark',
    query: {
      time: 'ts',
      groupBy: ['u'],
      stateful: { function: 'session', timeout: { kind: 'event', duration: '30 seconds' } },
      watermark: { delay: '10 seconds' },
      outputMode: 'append',
    },
    sample: [iso('2024-01-01T00:01:40Z', { u: 'u1' })],
  },
];
