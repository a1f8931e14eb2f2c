// Spark's GroupState for one call of the state function, with Spark's checks and messages
// (GroupStateImpl). `createGroupState` refers to nothing outside itself, so a sandbox can embed
// it by its source text (`createGroupState.toString()`) and run learner code against it.

/** What `createGroupState` reads: the key's stored state and the batch's clocks. */
export interface GroupStateInit {
  readonly exists: boolean;
  readonly value: unknown;
  readonly hasTimedOut: boolean;
  readonly timeout: 'none' | 'processing' | 'event';
  readonly batchTimeMs: number;
  readonly watermarkMs: number | null;
}

/** The object learner code sees as `state`. */
export interface GroupState {
  readonly exists: boolean;
  readonly hasTimedOut: boolean;
  get(): unknown;
  getOption(): unknown;
  update(value: unknown): void;
  remove(): void;
  // Learner code may pass anything: the parameters say what is accepted, the body checks.
  setTimeoutDuration(duration: unknown): void;
  setTimeoutTimestamp(timestamp: unknown, additionalDuration?: unknown): void;
  getCurrentWatermarkMs(): number;
  getCurrentProcessingTimeMs(): number;
}

export interface GroupStateOutcome {
  readonly change:
    | { readonly kind: 'unchanged' }
    | { readonly kind: 'updated'; readonly value: unknown }
    | { readonly kind: 'removed' };
  readonly timeoutMs: number | null;
}

/**
 * A fresh GroupState: its timeout starts unset on every call, as Spark's does. Errors carry
 * Spark's exception name in `name`. Keep this function self-contained (no imports, no outer
 * names, no TypeScript helpers that compile to outer references).
 */
export function createGroupState(init: GroupStateInit): {
  state: GroupState;
  outcome: () => GroupStateOutcome;
} {
  let defined = init.exists;
  let value = init.exists ? init.value : undefined;
  let updated = false;
  let removed = false;
  let timeoutMs: number | null = null;
  const fail = (name: string, message: string): never => {
    const error = new Error(message);
    error.name = name;
    throw error;
  };
  /** Spark's interval text ("10 seconds", "1 hour 30 minutes") to ms; negative is refused. */
  const parseDuration = (text: unknown): number => {
    const UNITS: Record<string, number> = {
      ms: 1, millisecond: 1, milliseconds: 1,
      s: 1000, sec: 1000, second: 1000, seconds: 1000,
      m: 60000, min: 60000, minute: 60000, minutes: 60000,
      h: 3600000, hour: 3600000, hours: 3600000,
      d: 86400000, day: 86400000, days: 86400000,
    }; // prettier-ignore
    const parts = String(text)
      .trim()
      .toLowerCase()
      .replace(/^interval\s+/, '');
    const re = /(-?\d+(?:\.\d+)?)\s*([a-z]+)\s*/g;
    let total = 0;
    let seen = 0;
    for (let m = re.exec(parts); m !== null; m = re.exec(parts)) {
      const unit = UNITS[m[2] ?? ''];
      if (unit === undefined) break;
      total += Number(m[1]) * unit;
      seen += m[0].length;
    }
    if (seen === 0 || seen !== parts.length) {
      fail('IllegalArgumentException', `Error parsing '${String(text)}' to interval`);
    }
    if (total < 0)
      fail('IllegalArgumentException', `Provided duration (${String(text)}) is negative`);
    return Math.floor(total);
  };
  const allowTimestamp = (): void => {
    if (init.timeout !== 'event') {
      fail(
        'UnsupportedOperationException',
        'Cannot set timeout timestamp without enabling event time timeout in [map|flatMap]GroupsWithState',
      );
    }
  };
  const setTimestamp = (ms: number): void => {
    if (!(ms > 0)) fail('IllegalArgumentException', 'Timeout timestamp must be positive');
    if (init.watermarkMs !== null && ms < init.watermarkMs) {
      fail(
        'IllegalArgumentException',
        `Timeout timestamp (${String(ms)}) cannot be earlier than the current watermark (${String(init.watermarkMs)})`,
      );
    }
    timeoutMs = ms;
  };
  const state: GroupState = {
    get exists() {
      return defined;
    },
    get hasTimedOut() {
      return init.hasTimedOut;
    },
    get() {
      if (!defined) {
        fail('NoSuchElementException', 'State is either not defined or has already been removed');
      }
      return value;
    },
    getOption() {
      return defined ? value : undefined;
    },
    update(newValue) {
      if (newValue === null || newValue === undefined) {
        fail('IllegalArgumentException', "'null' is not a valid state value");
      }
      const t = typeof newValue;
      const plain =
        t === 'number' || t === 'string' || t === 'boolean'
          ? true
          : t === 'object' && (JSON.stringify(newValue) as string | undefined) !== undefined;
      if (!plain) {
        fail('IllegalArgumentException', 'a state value must be plain data (JSON)');
      }
      value = newValue;
      defined = true;
      updated = true;
      removed = false;
    },
    remove() {
      defined = false;
      updated = false;
      removed = true;
    },
    setTimeoutDuration(duration) {
      const ms = typeof duration === 'number' ? duration : parseDuration(duration);
      if (init.timeout !== 'processing') {
        fail(
          'UnsupportedOperationException',
          'Cannot set timeout duration without enabling processing time timeout in [map|flatMap]GroupsWithState',
        );
      }
      if (!(ms > 0)) fail('IllegalArgumentException', 'Timeout duration must be positive');
      timeoutMs = Math.floor(ms) + init.batchTimeMs;
    },
    setTimeoutTimestamp(timestamp, additionalDuration) {
      allowTimestamp();
      const base = timestamp instanceof Date ? timestamp.getTime() : Number(timestamp);
      const extra = additionalDuration === undefined ? 0 : parseDuration(additionalDuration);
      setTimestamp(base + extra);
    },
    getCurrentWatermarkMs() {
      if (init.watermarkMs === null) {
        fail(
          'UnsupportedOperationException',
          'Cannot get event time watermark timestamp without setting watermark before [map|flatMap]GroupsWithState',
        );
      }
      return init.watermarkMs as number;
    },
    getCurrentProcessingTimeMs() {
      return init.batchTimeMs;
    },
  };
  const outcome = (): GroupStateOutcome => ({
    change: removed
      ? { kind: 'removed' }
      : updated
        ? {
            kind: 'updated',
            value:
              typeof value === 'object' ? (JSON.parse(JSON.stringify(value)) as unknown) : value,
          }
        : { kind: 'unchanged' },
    timeoutMs,
  });
  return { state, outcome };
}

/**
 * `createGroupState` as source text, an expression a sandbox can evaluate to get the function.
 * Some compilers (esbuild with keepNames, as tsx runs) wrap functions in a `__name` helper that
 * lives outside; the wrapper supplies a harmless one.
 */
export function groupStateSource(): string {
  return `(function () { var __name = function (f) { return f; }; return (${createGroupState.toString()}); })()`;
}
