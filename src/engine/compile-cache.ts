// Compiled code shared by every engine that needs the same: one `new Function` per distinct
// source, and one closure per distinct source and data. That matters to V8. Optimized code
// that calls an engine's fold, row builder or key reader inlines that very function and holds
// it weakly; when the engine is dropped and collected, every method that inlined it is thrown
// away ("weak objects") and optimized again for the next engine's copy. The page makes a new
// engine whenever a setting changes, and the bench one per run: with a closure per engine the
// store's methods were deoptimized after every run (12 times in 12 runs of the bench's
// tumbling and sliding queries), with shared closures about once.
//
// Sharing is exact: a closure is shared only by callers whose data has the same key
// (`scalarKey`: strings, numbers with −0 and NaN told apart, booleans, null, undefined), so it
// behaves the same for all of them. Bounded: past MAX entries the oldest is forgotten (those
// holding it keep it). Where the runtime refuses `new Function` (a Content-Security-Policy
// without 'unsafe-eval'), the refusal is remembered and null returned.

type Maker = (...args: unknown[]) => unknown;

const MAX = 256;
const makers = new Map<string, Maker | null>();
const closures = new Map<string, unknown>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= MAX) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(key, value);
  return value;
}

/** The maker `new Function(...params, source)` for this source, or null where refused. */
function makerOf(params: readonly string[], source: string): Maker | null {
  const key = `${params.join(',')}\n${source}`;
  const known = makers.get(key);
  if (known !== undefined) return known;
  let maker: Maker | null;
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- callers quote every name they splice in (see row-builder.ts) and pass values as data
    maker = new Function(...params, source) as Maker;
  } catch {
    maker = null;
  }
  return remember(makers, key, maker);
}

/**
 * `new Function(...params, source)(...args)`, shared with earlier callers that passed the same
 * source and the same `dataKey` (describing every argument that varies between callers; null:
 * not shareable, made afresh). Null where the runtime refuses `new Function`.
 */
export function compiled(
  params: readonly string[],
  source: string,
  args: readonly unknown[],
  dataKey: string | null,
): unknown {
  const make = makerOf(params, source);
  if (make === null) return null;
  if (dataKey === null) return make(...args);
  const key = `${params.join(',')}\n${source}\n${dataKey}`;
  return closures.get(key) ?? remember(closures, key, make(...args));
}

/** An exact key for a list of scalars, or null if any value is not one. */
export function scalarKey(values: readonly unknown[]): string | null {
  const parts: string[] = [];
  for (const v of values) {
    if (typeof v === 'string') parts.push(`s${JSON.stringify(v)}`);
    else if (typeof v === 'number') parts.push(Object.is(v, -0) ? 'n-0' : `n${String(v)}`);
    else if (typeof v === 'boolean' || v === null || v === undefined) parts.push(String(v));
    else return null;
  }
  return parts.join(',');
}
