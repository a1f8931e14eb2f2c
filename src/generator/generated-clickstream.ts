// A generated clickstream before it becomes objects: columns sorted by event time (for ids) and
// by arrival (the order a stream processor reads), turned into events a range at a time, so a
// simulation can take one micro-batch of arrivals after another without holding all of them.

import { EventMaterialiser } from './materialise';
import type { GeneratedEvent } from './schema';
import type { NormalisedGeneratorSettings } from './settings';
import { generateColumns } from './sessions';
import { sortedIndices } from './sort';

export class GeneratedClickstream {
  /** How many events the stream has. */
  readonly length: number;
  /** Arrival ms by event-time rank (event id − 1). */
  private readonly arrivals: Float64Array;
  private readonly byArrival: Uint32Array;
  private readonly writer: EventMaterialiser;

  constructor(settings: NormalisedGeneratorSettings) {
    const columns = generateColumns(settings);
    const { buffer } = columns;
    const byTime = sortedIndices(buffer.time, buffer.length);
    const n =
      settings.stop.kind === 'events'
        ? Math.min(settings.stop.count, buffer.length)
        : buffer.length;
    // Arrival keys in event-id order, so the stable sort breaks ties by event id.
    const arrivals = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const i = byTime[k] as number;
      arrivals[k] = (buffer.time[i] as number) + (buffer.delay[i] as number);
    }
    this.length = n;
    this.arrivals = arrivals;
    this.byArrival = sortedIndices(arrivals, n);
    this.writer = new EventMaterialiser(columns, byTime, this.byArrival);
  }

  /** arrival_ms of the event at a position of the arrival order (0 ≤ position < length). */
  arrivalMsAt(position: number): number {
    return this.arrivals[this.byArrival[position] as number] as number;
  }

  /** The first position whose arrival_ms ≥ ms (length when none): events arriving before ms
   * are the positions below it. */
  positionAtArrival(ms: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.arrivalMsAt(mid) < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The events at positions from…to − 1 of the arrival order, as new objects each call. */
  slice(from = 0, to = this.length): GeneratedEvent[] {
    const start = Math.max(0, Math.min(from, this.length));
    return this.writer.range(start, Math.max(start, Math.min(to, this.length)));
  }
}
