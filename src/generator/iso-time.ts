// Fast ISO-8601 UTC text for epoch ms ("2024-01-01T00:00:07.250Z"), as Date#toISOString writes
// it, without Date: the "YYYY-MM-DDTHH:MM:" prefix is cached per minute and the "SS.mmmZ" tail
// comes from a table of all 60,000, so most events cost one string concatenation.

const MS_PER_MINUTE = 60_000;
const CACHE_SLOTS = 256;

let secondsTable: string[] | null = null;

/** "00.000Z" … "59.999Z", built on first use. */
function tails(): string[] {
  if (secondsTable) return secondsTable;
  const table = new Array<string>(MS_PER_MINUTE);
  const millis = Array.from({ length: 1000 }, (_, m) => `${String(m).padStart(3, '0')}Z`);
  for (let s = 0; s < 60; s++) {
    const head = `${String(s).padStart(2, '0')}.`;
    for (let m = 0; m < 1000; m++) table[s * 1000 + m] = head + (millis[m] as string);
  }
  secondsTable = table;
  return table;
}

/** Formats epoch ms; keeps a small cache of minute prefixes, so reuse one per stream. */
export class IsoFormatter {
  private readonly minutes = new Float64Array(CACHE_SLOTS).fill(Number.NaN);
  private readonly prefixes = new Array<string>(CACHE_SLOTS).fill('');
  private readonly tails = tails();

  format(ms: number): string {
    const minute = Math.floor(ms / MS_PER_MINUTE);
    const slot = minute & (CACHE_SLOTS - 1);
    let prefix: string;
    if (this.minutes[slot] === minute) {
      prefix = this.prefixes[slot] as string;
    } else {
      prefix = minutePrefix(minute);
      this.minutes[slot] = minute;
      this.prefixes[slot] = prefix;
    }
    return prefix + (this.tails[ms - minute * MS_PER_MINUTE] as string);
  }
}

/** "YYYY-MM-DDTHH:MM:" for a minute since the epoch (civil-from-days, H. Hinnant). */
export function minutePrefix(minute: number): string {
  const days = Math.floor(minute / 1440);
  const minuteOfDay = minute - days * 1440;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return (
    `${formatYear(year)}-${pad2(month)}-${pad2(day)}T` +
    `${pad2(Math.floor(minuteOfDay / 60))}:${pad2(minuteOfDay % 60)}:`
  );
}

/** Four digits for years 0–9999; otherwise ±YYYYYY, as toISOString does. */
function formatYear(year: number): string {
  if (year >= 0 && year <= 9999) return String(year).padStart(4, '0');
  return (year < 0 ? '-' : '+') + String(Math.abs(year)).padStart(6, '0');
}

function pad2(n: number): string {
  return n < 10 ? `0${String(n)}` : String(n);
}
