// Impressions and clicks as the two inputs of a stream-stream join: each event tagged with its
// `$input` and its fields named per side (as the Spark guide's impressionAdId / clickAdId), so a
// joined row keeps both sides apart. Arrival order and each event's own delay are kept.
import type { ClickEvent, GeneratedEvent, ImpressionEvent } from './schema';

/** The inputs' names and time fields, as `query.inputs` names them. */
export const JOIN_INPUTS = {
  impressions: { time: 'impression_time' },
  clicks: { time: 'click_time' },
} as const;

export type ImpressionInput = Readonly<{
  $input: 'impressions';
  impression_id: string;
  impression_time: string;
  campaign_id: string;
  ad_id: string;
  user_id: string;
  cost: number;
  arrival_ms: number;
}>;

export type ClickInput = Readonly<{
  $input: 'clicks';
  /** The impression this click is on. */
  click_impression_id: string;
  click_time: string;
  click_ad_id: string;
  click_user_id: string;
  click_cost: number;
  arrival_ms: number;
}>;

function impression(e: ImpressionEvent): ImpressionInput {
  return {
    $input: 'impressions',
    impression_id: e.impression_id,
    impression_time: e.event_timestamp,
    campaign_id: e.campaign_id,
    ad_id: e.ad_id,
    user_id: e.user_id,
    cost: e.cost,
    arrival_ms: e.arrival_ms,
  };
}

function click(e: ClickEvent): ClickInput {
  return {
    $input: 'clicks',
    click_impression_id: e.impression_id,
    click_time: e.event_timestamp,
    click_ad_id: e.ad_id,
    click_user_id: e.user_id,
    click_cost: e.cost,
    arrival_ms: e.arrival_ms,
  };
}

/** The ad events of a generated run as one stream for a join, in the order given (arrival). */
export function joinInputs(events: readonly GeneratedEvent[]): (ImpressionInput | ClickInput)[] {
  const out: (ImpressionInput | ClickInput)[] = [];
  for (const e of events) {
    if (e.event_type === 'impression') out.push(impression(e));
    else if (e.event_type === 'click') out.push(click(e));
  }
  return out;
}
