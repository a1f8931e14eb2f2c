// The generated events, as the seeds' clickstream writes them: base fields on every event,
// then fields by event_type. Type aliases, not interfaces, so each is assignable to the
// engine's Event (a Record): interfaces have no implicit index signature.

import type { DeviceType } from './catalog';

export type EventType =
  'page_view' | 'product_view' | 'add_to_cart' | 'purchase' | 'impression' | 'click';

/** The codes the generator stores events under, in the order of this list. */
export const EVENT_TYPES: readonly EventType[] = [
  'page_view',
  'product_view',
  'add_to_cart',
  'purchase',
  'impression',
  'click',
];
export const PAGE_VIEW = 0;
export const PRODUCT_VIEW = 1;
export const ADD_TO_CART = 2;
export const PURCHASE = 3;
export const IMPRESSION = 4;
export const CLICK = 5;

export type BaseFields = Readonly<{
  /** 1, 2, … in event-time order (ties in generation order): "event 7 arrived after event 9"
   * reads at a glance, and a number costs no string per event. */
  event_id: number;
  /** Event time, ISO-8601 UTC with milliseconds: "2024-01-01T00:00:07.250Z". */
  event_timestamp: string;
  /** The same event time as integer epoch ms. */
  event_time_ms: number;
  /** When the stream processor receives the event: event_time_ms + the arrival delay. */
  arrival_ms: number;
  user_id: string;
  /** One browsing session of the user: "s17". */
  session_id: string;
  device_type: DeviceType;
  os: string;
  browser: string;
  location: string;
}>;

export type PageViewEvent = BaseFields &
  Readonly<{
    event_type: 'page_view';
    page_url: string;
    /** The previous page of the session, the outside site for a session's first page, or null
     * for a direct visit. */
    referrer_url: string | null;
    /** Whole seconds until the user's next page, product or cart event. */
    time_spent: number;
  }>;

export type ProductFields = Readonly<{
  product_id: string;
  product_name: string;
  product_category: string;
  price: number;
}>;

export type ProductViewEvent = BaseFields &
  ProductFields &
  Readonly<{ event_type: 'product_view' }>;

export type AddToCartEvent = BaseFields &
  ProductFields &
  Readonly<{ event_type: 'add_to_cart'; quantity: number }>;

export type PurchaseEvent = BaseFields &
  ProductFields &
  Readonly<{ event_type: 'purchase'; quantity: number; total_amount: number; order_id: string }>;

export type AdFields = Readonly<{
  /** Shared by an impression and the click on it. */
  impression_id: string;
  campaign_id: string;
  ad_id: string;
  /** What the advertiser pays for this impression or click. */
  cost: number;
}>;

export type ImpressionEvent = BaseFields & AdFields & Readonly<{ event_type: 'impression' }>;
export type ClickEvent = BaseFields & AdFields & Readonly<{ event_type: 'click' }>;

export type GeneratedEvent =
  PageViewEvent | ProductViewEvent | AddToCartEvent | PurchaseEvent | ImpressionEvent | ClickEvent;
