// Words and numbers for lesson 15's lab: sizes to offer, units, bar lengths, and the sentences
// that say what a measurement means.
import { scaleLinear } from 'd3-scale';
import type { ApproachResult, LabProgress, LabResult } from '../../worker/online-store-lab';

export const EVENT_SIZES = [1_000, 10_000, 100_000] as const;
export const USER_COUNTS = [100, 1_000] as const;

const count = new Intl.NumberFormat('en-US');
export const formatCount = (n: number): string => count.format(n);

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return 'unknown';
  if (bytes < 1024) return `${String(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(1)} ms`;
}

export function progressText(p: LabProgress): string {
  if (p.phase === 'generating') return 'Generating the clickstream…';
  return `${p.phase[0]?.toUpperCase() ?? ''}${p.phase.slice(1)}: ${formatCount(p.done)} of ${formatCount(p.total)}${p.phase === 'looking up' ? ' lookups' : ' micro-batches'}`;
}

/** `a / b` as "3.2×", or "—" when b is 0. */
export function times(a: number, b: number): string {
  return b > 0 ? `${(a / b).toFixed(1)}×` : '—';
}

export interface Bar {
  readonly label: string;
  readonly value: string;
  /** Share of the longest bar in its group, 0..1. */
  readonly share: number;
}

function pair(pre: number, od: number, show: (v: number) => string): Bar[] {
  const x = scaleLinear()
    .domain([0, Math.max(pre, od, Number.EPSILON)])
    .range([0, 1]);
  return [
    { label: 'Precomputed', value: show(pre), share: x(pre) },
    { label: 'On demand', value: show(od), share: x(od) },
  ];
}

/** Two groups of two bars: lookup median and bytes stored. */
export function bars(r: LabResult): { title: string; bars: Bar[] }[] {
  return [
    {
      title: 'Lookup, median',
      bars: pair(r.precomputed.lookupMedianMs, r.onDemand.lookupMedianMs, formatMs),
    },
    { title: 'Stored', bars: pair(r.precomputed.bytes, r.onDemand.bytes, formatBytes) },
  ];
}

function amplification(a: ApproachResult): string {
  return times(a.rowsWritten, a.rowsStored);
}

/** What the measurement says, in a few sentences. */
export function findings(r: LabResult): string[] {
  const pre = r.precomputed;
  const od = r.onDemand;
  return [
    `Write amplification: the streaming job put ${formatCount(pre.rowsWritten)} feature rows to keep ${formatCount(pre.rowsStored)} (${amplification(pre)}): every micro-batch that touches a user's hour rewrites that row. The raw side writes each of the ${formatCount(od.rowsWritten)} events once.`,
    `Storage: the precomputed rows take ${formatBytes(pre.bytes)}, the raw events ${formatBytes(od.bytes)} (${times(od.bytes, pre.bytes)}). Raw events grow with traffic; feature rows grow with users × windows.`,
    `Read cost: a lookup of one user's latest features took ${formatMs(pre.lookupMedianMs)} precomputed and ${formatMs(od.lookupMedianMs)} on demand at the median (${times(od.lookupMedianMs, pre.lookupMedianMs)}); p95 ${formatMs(pre.lookupP95Ms)} against ${formatMs(od.lookupP95Ms)}. On demand reads every event of the user's hour and aggregates it at request time.`,
  ];
}
