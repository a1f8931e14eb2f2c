// Columns to event objects, in arrival order: the generator's hot loop. Each type is written
// as one object literal (spreading a shared base object makes this about twice as slow), and
// strings are shared wherever they repeat: users, sessions, catalogue values, minute prefixes.

import {
  ADS,
  DEVICE_PROFILES,
  EXTERNAL_REFERRERS,
  LOCATIONS,
  PAGES,
  PRODUCTS,
  type Ad,
  type DeviceProfile,
  type Product,
} from './catalog';
import { IdFormatter } from './ids';
import { IsoFormatter } from './iso-time';
import {
  ADD_TO_CART,
  CLICK,
  IMPRESSION,
  PAGE_VIEW,
  PRODUCT_VIEW,
  PURCHASE,
  type GeneratedEvent,
} from './schema';
import type { GeneratedColumns } from './sessions';

const CHUNK = 4096;

/**
 * Writes events as objects, any range of the arrival order at a time. Position j is the event
 * byTime[byArrival[j]]; event ids number the event-time order (byTime[k] has id k + 1).
 */
export class EventMaterialiser {
  private readonly iso = new IsoFormatter();
  private readonly impressionIds = new IdFormatter('i');
  private readonly orderIds = new IdFormatter('o');
  private readonly userIds: (string | undefined)[];
  private readonly sessionIds: (string | undefined)[];

  constructor(
    private readonly columns: GeneratedColumns,
    private readonly byTime: Uint32Array,
    private readonly byArrival: Uint32Array,
  ) {
    this.userIds = new Array<string | undefined>(columns.users.count);
    this.sessionIds = new Array<string | undefined>(columns.sessions + 1);
  }

  /** The events at positions from…to − 1 (0 ≤ from ≤ to ≤ n). */
  range(from: number, to: number): GeneratedEvent[] {
    const out = new Array<GeneratedEvent>(to - from);
    // In chunks: V8 then re-enters an optimised write() rather than running one long loop in
    // on-stack-replaced code, and it can move the event objects' allocation to the old space.
    for (let start = from; start < to; start += CHUNK) {
      this.write(out, from, start, Math.min(to, start + CHUNK));
    }
    return out;
  }

  /** Writes positions from…to − 1 into out[position − offset]. */
  private write(out: GeneratedEvent[], offset: number, from: number, to: number): void {
    const { time, delay, user, session, type, a, b, c } = this.columns.buffer;
    const { device, location } = this.columns.users;
    const { iso, userIds, sessionIds, byTime, byArrival } = this;
    for (let j = from; j < to; j++) {
      const k = byArrival[j] as number;
      const i = byTime[k] as number;
      const event_time_ms = time[i] as number;
      const u = user[i] as number;
      const s = session[i] as number;
      const profile = DEVICE_PROFILES[device[u] as number] as DeviceProfile;
      const event_id = k + 1;
      const event_timestamp = iso.format(event_time_ms);
      const arrival_ms = event_time_ms + (delay[i] as number);
      const user_id = (userIds[u] ??= `u${String(u + 1)}`);
      const session_id = (sessionIds[s] ??= `s${String(s)}`);
      const device_type = profile.device_type;
      const os = profile.os;
      const browser = profile.browser;
      const place = LOCATIONS[location[u] as number] as string;
      const x = a[i] as number;
      const y = b[i] as number;
      switch (type[i]) {
        case PAGE_VIEW: {
          out[j - offset] = {
            event_id,
            event_timestamp,
            event_time_ms,
            arrival_ms,
            user_id,
            session_id,
            device_type,
            os,
            browser,
            location: place,
            event_type: 'page_view',
            page_url: PAGES[x] as string,
            referrer_url: (y < 0 ? EXTERNAL_REFERRERS[-1 - y] : PAGES[y]) ?? null,
            time_spent: c[i] as number,
          };
          break;
        }
        case PRODUCT_VIEW: {
          const p = PRODUCTS[x] as Product;
          out[j - offset] = {
            event_id,
            event_timestamp,
            event_time_ms,
            arrival_ms,
            user_id,
            session_id,
            device_type,
            os,
            browser,
            location: place,
            event_type: 'product_view',
            product_id: p.product_id,
            product_name: p.product_name,
            product_category: p.product_category,
            price: p.price,
          };
          break;
        }
        case ADD_TO_CART: {
          const p = PRODUCTS[x] as Product;
          out[j - offset] = {
            event_id,
            event_timestamp,
            event_time_ms,
            arrival_ms,
            user_id,
            session_id,
            device_type,
            os,
            browser,
            location: place,
            event_type: 'add_to_cart',
            product_id: p.product_id,
            product_name: p.product_name,
            product_category: p.product_category,
            price: p.price,
            quantity: y,
          };
          break;
        }
        case PURCHASE: {
          const p = PRODUCTS[x] as Product;
          out[j - offset] = {
            event_id,
            event_timestamp,
            event_time_ms,
            arrival_ms,
            user_id,
            session_id,
            device_type,
            os,
            browser,
            location: place,
            event_type: 'purchase',
            product_id: p.product_id,
            product_name: p.product_name,
            product_category: p.product_category,
            price: p.price,
            quantity: y,
            total_amount: Math.round(p.price * 100 * y) / 100,
            order_id: this.orderIds.format(c[i] as number),
          };
          break;
        }
        case IMPRESSION: {
          const ad = ADS[x] as Ad;
          out[j - offset] = {
            event_id,
            event_timestamp,
            event_time_ms,
            arrival_ms,
            user_id,
            session_id,
            device_type,
            os,
            browser,
            location: place,
            event_type: 'impression',
            impression_id: this.impressionIds.format(y),
            campaign_id: ad.campaign_id,
            ad_id: ad.ad_id,
            cost: ad.impressionCost,
          };
          break;
        }
        case CLICK: {
          const ad = ADS[x] as Ad;
          out[j - offset] = {
            event_id,
            event_timestamp,
            event_time_ms,
            arrival_ms,
            user_id,
            session_id,
            device_type,
            os,
            browser,
            location: place,
            event_type: 'click',
            impression_id: this.impressionIds.format(y),
            campaign_id: ad.campaign_id,
            ad_id: ad.ad_id,
            cost: ad.clickCost,
          };
          break;
        }
      }
    }
  }
}
