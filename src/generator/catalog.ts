// The shop the clickstream happens in: devices, places, pages, products and ads. Fixed data,
// not seeded, so "p07" is the same product in every run; weights say how common each one is.

export type DeviceType = 'desktop' | 'mobile' | 'tablet';

export interface DeviceProfile {
  readonly device_type: DeviceType;
  readonly os: string;
  readonly browser: string;
  readonly weight: number;
}

export const DEVICE_PROFILES: readonly DeviceProfile[] = [
  { device_type: 'desktop', os: 'Windows', browser: 'Chrome', weight: 28 },
  { device_type: 'desktop', os: 'Windows', browser: 'Edge', weight: 9 },
  { device_type: 'desktop', os: 'Windows', browser: 'Firefox', weight: 4 },
  { device_type: 'desktop', os: 'macOS', browser: 'Safari', weight: 7 },
  { device_type: 'desktop', os: 'macOS', browser: 'Chrome', weight: 6 },
  { device_type: 'desktop', os: 'Linux', browser: 'Firefox', weight: 2 },
  { device_type: 'mobile', os: 'Android', browser: 'Chrome', weight: 20 },
  { device_type: 'mobile', os: 'Android', browser: 'Samsung Internet', weight: 4 },
  { device_type: 'mobile', os: 'iOS', browser: 'Safari', weight: 15 },
  { device_type: 'tablet', os: 'iPadOS', browser: 'Safari', weight: 3 },
  { device_type: 'tablet', os: 'Android', browser: 'Chrome', weight: 2 },
];

export const LOCATIONS: readonly string[] = [
  'New York, US',
  'San Francisco, US',
  'London, GB',
  'Berlin, DE',
  'Paris, FR',
  'Madrid, ES',
  'São Paulo, BR',
  'Mexico City, MX',
  'Toronto, CA',
  'Mumbai, IN',
  'Tokyo, JP',
  'Sydney, AU',
];
export const LOCATION_WEIGHTS: readonly number[] = [14, 8, 12, 9, 8, 5, 9, 6, 6, 10, 8, 5];

const SITE = 'https://shop.example.com';
export const PAGES: readonly string[] = [
  `${SITE}/`,
  `${SITE}/search`,
  `${SITE}/deals`,
  `${SITE}/category/electronics`,
  `${SITE}/category/books`,
  `${SITE}/category/home`,
  `${SITE}/category/sports`,
  `${SITE}/category/fashion`,
  `${SITE}/cart`,
  `${SITE}/account`,
  `${SITE}/help`,
];
export const PAGE_WEIGHTS: readonly number[] = [30, 18, 10, 9, 7, 6, 5, 5, 5, 3, 2];

/** Where a session's first page view comes from; null is a direct visit (no referrer). */
export const EXTERNAL_REFERRERS: readonly (string | null)[] = [
  null,
  'https://www.google.com/',
  'https://www.bing.com/',
  'https://duckduckgo.com/',
  'https://www.facebook.com/',
  'https://t.co/',
  'https://newsletter.example.com/',
];
export const EXTERNAL_REFERRER_WEIGHTS: readonly number[] = [30, 40, 6, 4, 9, 5, 6];

export interface Product {
  readonly product_id: string;
  readonly product_name: string;
  readonly product_category: string;
  readonly price: number;
}

const PRODUCT_ROWS: readonly (readonly [string, string, number])[] = [
  ['Wireless Headphones', 'electronics', 89.99],
  ['USB-C Charger', 'electronics', 24.99],
  ['Smart Watch', 'electronics', 199.0],
  ['Bluetooth Speaker', 'electronics', 49.5],
  ['E-Reader', 'electronics', 129.99],
  ['Mechanical Keyboard', 'electronics', 74.0],
  ['Stream Processing in Practice', 'books', 42.0],
  ['The Data Engineer Handbook', 'books', 35.99],
  ['Mystery at Midnight', 'books', 12.99],
  ['Cooking for Two', 'books', 19.5],
  ['Coffee Maker', 'home', 59.99],
  ['Desk Lamp', 'home', 27.5],
  ['Cast Iron Pan', 'home', 38.0],
  ['Throw Blanket', 'home', 31.99],
  ['Yoga Mat', 'sports', 25.0],
  ['Running Shoes', 'sports', 110.0],
  ['Water Bottle', 'sports', 14.99],
  ['Tennis Racket', 'sports', 79.0],
  ['Rain Jacket', 'fashion', 95.0],
  ['Wool Socks', 'fashion', 11.5],
  ['Sunglasses', 'fashion', 45.0],
  ['Canvas Backpack', 'fashion', 64.99],
  ['Board Game', 'toys', 34.99],
  ['Building Blocks Set', 'toys', 49.99],
];

/** Products in order of popularity (product views follow a Zipf law over this list). */
export const PRODUCTS: readonly Product[] = PRODUCT_ROWS.map(([name, category, price], i) => ({
  product_id: `p${String(i + 1).padStart(2, '0')}`,
  product_name: name,
  product_category: category,
  price,
}));

export interface Ad {
  readonly campaign_id: string;
  readonly ad_id: string;
  /** What one impression costs the advertiser (CPM / 1000). */
  readonly impressionCost: number;
  /** What one click costs (CPC). */
  readonly clickCost: number;
  readonly weight: number;
}

const CAMPAIGNS: readonly (readonly [string, number, number])[] = [
  ['spring_sale', 0.004, 0.45],
  ['new_arrivals', 0.003, 0.35],
  ['free_shipping', 0.002, 0.25],
  ['book_week', 0.0025, 0.3],
  ['gadget_days', 0.006, 0.8],
];

/** Three ads per campaign; the first ad of a campaign is shown most. */
export const ADS: readonly Ad[] = CAMPAIGNS.flatMap(([campaign, impressionCost, clickCost], c) =>
  [0, 1, 2].map((k) => ({
    campaign_id: `cmp_${campaign}`,
    ad_id: `ad_${String((c + 1) * 100 + k + 1)}`,
    impressionCost,
    clickCost: Math.round(clickCost * (1 + k * 0.2) * 100) / 100,
    weight: (CAMPAIGNS.length - c) * (3 - k),
  })),
);
