// Ids such as "i123456" (impressions, orders) without a number-to-text conversion each: the digits above the
// last three come from a cache (one string per thousand ids), the last three from a table.

const LAST_THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

export class IdFormatter {
  private readonly small: string[];
  private readonly thousands: (string | undefined)[] = [];

  constructor(private readonly prefix: string) {
    this.small = Array.from({ length: 1000 }, (_, i) => prefix + String(i));
  }

  /** prefix + n in decimal, for whole n ≥ 0. */
  format(n: number): string {
    if (n < 1000) return this.small[n] as string;
    const high = Math.floor(n / 1000);
    const head = (this.thousands[high] ??= this.prefix + String(high));
    return head + (LAST_THREE[n - high * 1000] as string);
  }
}
