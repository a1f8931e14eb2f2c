// The session store's state: per key its sessions sorted by start, in a Map whose order the
// output follows; sessions by end (end-buckets.ts), to find the keys a watermark closes without a scan;
// and the snapshot's plain JSON.
import { accumulatorOf, type Accumulator, type Aggregates } from './aggregate';
import { EndBuckets } from './end-buckets';
import { keyOfValues } from './group-key';
import type { KeyState, Session } from './spark-session-merge';

export class SessionState {
  readonly keys = new Map<unknown, KeyState>();
  /** Every live session, by its end when pushed (and some dead ones, skipped when taken). */
  readonly ends = new EndBuckets<Session>();
  /** Sessions in state. */
  size = 0;
  /** Every key's sessions are sorted and apart (false after restoring a state that is not). */
  canonical = true;
  /**
   * Every count is a whole number, as the engine's own are (a restored snapshot might hold
   * others, which would not add up the same in every order).
   */
  integralCounts = true;
  private nextSeq = 0;
  private evictions = 0;
  private readonly scratch: Accumulator = [0];

  constructor(
    private readonly groupBy: readonly string[],
    private readonly aggregates: Aggregates,
  ) {}

  /** A new key, last in Map order (or, with `seq`, where the key it replaces stood). */
  add(mapKey: unknown, key: readonly unknown[], seq = this.nextSeq++): KeyState {
    // What an event reads first, first: those fields then share a cache line with the header.
    const ks: KeyState = {
      pendingRun: -1,
      last: undefined,
      sessions: [],
      firstPending: -1,
      lastPending: -1,
      evictMark: -1,
      mapKey,
      key,
      seq,
    };
    this.keys.set(mapKey, ks);
    return ks;
  }

  /** Dead sessions stay by end until taken out: rebuild when they outnumber the live. */
  compact(): void {
    if (this.ends.length <= 2 * this.size + 64) return;
    const live: Session[] = [];
    for (const ks of this.keys.values()) live.push(...ks.sessions);
    this.ends.reset(live, (s) => s.end);
  }

  /** The keys with a session ending at or before threshold, in Map order. */
  closing(threshold: number): KeyState[] {
    const mark = ++this.evictions;
    const keys: KeyState[] = [];
    this.ends.takeUpTo(threshold, (s) => {
      if (!s.live) return;
      // Pushed with an end it has since outgrown: back in at its end now.
      if (s.end > threshold) this.ends.push(s, s.end);
      else if (s.owner.evictMark !== mark) {
        s.owner.evictMark = mark;
        keys.push(s.owner);
      }
    });
    if (keys.length > 1) keys.sort((a, b) => a.seq - b.seq);
    return keys;
  }

  toJSON(): unknown {
    return [...this.keys.values()].map((ks) => ({
      key: ks.key,
      sessions: ks.sessions.map((s) => ({
        start: s.start,
        end: s.end,
        acc: this.aggregates.toJSON(accumulatorOf(s, this.scratch)),
      })),
    }));
  }

  restore(json: unknown): void {
    this.keys.clear();
    this.size = 0;
    this.canonical = true;
    this.integralCounts = true;
    if (!Array.isArray(json)) throw new Error('session state must be a list of keys');
    const plain = this.aggregates.isPlainCount;
    const all: Session[] = [];
    for (const item of json as {
      key: unknown[];
      sessions: { start: number; end: number; acc: unknown[] }[];
    }[]) {
      const mapKey = keyOfValues(this.groupBy, item.key);
      // A repeated key replaces the first where it stands in the Map (and, as before, both
      // count in size).
      const first = this.keys.get(mapKey);
      const ks = this.add(mapKey, item.key, first?.seq);
      if (first !== undefined) for (const s of first.sessions) s.live = false;
      ks.sessions = item.sessions.map((s) => {
        const acc = this.aggregates.fromJSON(s.acc);
        if (!acc.every((v) => Number.isSafeInteger(v))) this.integralCounts = false;
        return {
          start: s.start,
          end: s.end,
          acc: plain ? null : acc,
          count: plain ? (acc[0] as number) : 0,
          owner: ks,
          live: true,
          touched: 0,
        };
      });
      ks.last = ks.sessions[ks.sessions.length - 1];
      this.size += ks.sessions.length;
      if (!isCanonical(ks.sessions)) this.canonical = false;
      all.push(...ks.sessions);
    }
    this.ends.reset(
      all.filter((s) => s.live),
      (s) => s.end,
    );
  }
}

/** Sorted by start, each starting after the previous one's end (what merging produces). */
function isCanonical(sessions: readonly Session[]): boolean {
  for (let i = 1; i < sessions.length; i++) {
    if (!((sessions[i] as Session).start > (sessions[i - 1] as Session).end)) return false;
  }
  return true;
}
