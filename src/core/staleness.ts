/**
 * When an observation is stale. A series' `staleAfter` sets the limit; without it the limit is the
 * frequency's (7/21/45/120 days; irregular series are never stale) plus the series' typical
 * publication lag: the median of (vintage − date) in days over each date's first row among the
 * dates known in the view (the lower middle value for an even count; 0 with none). A value observed
 * on o is stale on T when T − o exceeds the limit.
 */
import { parseDuration, subtractDuration, type Day } from './dates.ts';
import type { SeriesMeta } from './schema.ts';
import type { SeriesLog } from './store.ts';
import { upperBound } from './search.ts';

/** Days after which an observation is stale, by frequency, before the publication lag is added. */
export const STALE_AFTER_DAYS: Record<SeriesMeta['frequency'], number> = {
  daily: 7,
  weekly: 21,
  monthly: 45,
  quarterly: 120,
  irregular: Infinity,
};

/** The limit that applies to one series in one view, with the words that explain it. */
export interface StaleRule {
  /** The series' own `staleAfter`, as written. */
  after?: string;
  /** Otherwise the limit in days (Infinity: never stale). */
  days: number;
  /** The typical lag included in `days`. */
  lag: number;
}

const lagMedians = new WeakMap<SeriesLog, Int32Array | Map<Day, number>>();

/** Lower median of a sorted array, 0 when empty. */
const lowerMedian = (sorted: ArrayLike<number>, n: number): number => (n === 0 ? 0 : sorted[(n - 1) >> 1]!);

/** The typical lag of the dates known on vintage v. */
export function typicalLag(log: SeriesLog, v: Day): number {
  const n = log.dates.length;
  let cached = lagMedians.get(log);
  if (!cached) {
    let monotone = true;
    for (let i = 1; i < n && monotone; i++) if (log.firstVintage[i]! < log.firstVintage[i - 1]!) monotone = false;
    if (monotone) {
      // The dates known on any vintage are a prefix: one pass gives the median of every prefix.
      const medians = new Int32Array(n + 1);
      const sorted: number[] = [];
      for (let i = 0; i < n; i++) {
        const lag = log.firstVintage[i]! - log.dates[i]!;
        sorted.splice(upperBound(sorted, lag), 0, lag);
        medians[i + 1] = lowerMedian(sorted, sorted.length);
      }
      cached = medians;
    } else cached = new Map();
    lagMedians.set(log, cached);
  }
  if (cached instanceof Int32Array) return cached[upperBound(log.firstVintage, v)]!;
  let m = cached.get(v);
  if (m === undefined) {
    const lags: number[] = [];
    for (let i = 0; i < n; i++) if (log.firstVintage[i]! <= v) lags.push(log.firstVintage[i]! - log.dates[i]!);
    lags.sort((a, b) => a - b);
    cached.set(v, (m = lowerMedian(lags, lags.length)));
  }
  return m;
}

/** The staleness rule of `log` as known on vintage v. */
export function staleRule(log: SeriesLog, v: Day): StaleRule {
  if (log.meta.staleAfter) return { after: log.meta.staleAfter, days: NaN, lag: 0 };
  const base = STALE_AFTER_DAYS[log.meta.frequency];
  if (base === Infinity) return { days: Infinity, lag: 0 };
  const lag = typicalLag(log, v);
  return { days: base + lag, lag };
}

/** Whether a value observed on `observed` is stale on T under `rule`. */
export function isStale(rule: StaleRule, T: Day, observed: Day): boolean {
  if (rule.after !== undefined) return observed < subtractDuration(T, parseDuration(rule.after)!);
  return T - observed > rule.days;
}

/** The rule in words, for a tooltip: "stale after 52 days (monthly: 45, plus a typical lag of 7)". */
export function staleRuleText(rule: StaleRule, frequency: SeriesMeta['frequency']): string {
  if (rule.after !== undefined) return `stale after ${rule.after} (the series' staleAfter)`;
  if (rule.days === Infinity) return 'never stale (irregular series)';
  return rule.lag > 0
    ? `stale after ${rule.days} days (${frequency}: ${rule.days - rule.lag}, plus a typical publication lag of ${rule.lag})`
    : `stale after ${rule.days} days (${frequency})`;
}
