/**
 * `firstMetAfterNote` for a whole build at once. Every condition is evaluated against the same "now"
 * view, so the step functions it reads are built once per build and shared: each series as known now
 * (the chart code's materialized view), the sign of x − y for each pair of compared series, and the
 * sign of x(t) − x(t − L) for each trend look-back. A condition then costs a scan of flat arrays from
 * its note's date, instead of an O(log n) as-of lookup (and, for months, calendar arithmetic) per
 * change day, which made long archives quadratic. Same answers as `firstMetBetween` (tested against it).
 */
import { knownSeries } from './chart-data.ts';
import type { Condition } from './conditions.ts';
import { earliestWindowEnd, formatDuration, subtractDuration, type Day, type Duration } from './dates.ts';
import type { SeriesLog } from './store.ts';
import { upperBound } from './search.ts';

/** A step function of days: `vals[k]` holds on [starts[k], starts[k + 1]); NaN = undefined. Nothing before starts[0]. */
interface Timeline {
  starts: Int32Array;
  vals: Float64Array;
}

const cmp = (a: number, b: number) => (a > b ? 1 : a < b ? -1 : 0);

export class NowTimelines {
  readonly logs: ReadonlyMap<string, SeriesLog>;
  readonly now: Day;
  private readonly own = new Map<string, Timeline>();
  private readonly pairs = new Map<string, Timeline>();
  private readonly trends = new Map<string, Timeline>();

  constructor(logs: ReadonlyMap<string, SeriesLog>, now: Day) {
    this.logs = logs;
    this.now = now;
  }

  /** The series as known now. */
  private values(id: string): Timeline {
    let t = this.own.get(id);
    if (!t) {
      const k = knownSeries(this.logs.get(id)!, this.now);
      this.own.set(id, (t = { starts: k.dates, vals: k.values }));
    }
    return t;
  }

  /** sign(x − y) on the union of both series' observation days; NaN until both have a value. */
  private pair(a: string, b: string): Timeline {
    const key = `${a}\u0000${b}`;
    let t = this.pairs.get(key);
    if (t) return t;
    const x = this.values(a);
    const y = this.values(b);
    const starts: number[] = [];
    const vals: number[] = [];
    let i = 0;
    let j = 0;
    let xi = -1;
    let yj = -1;
    while (i < x.starts.length || j < y.starts.length) {
      const day = Math.min(i < x.starts.length ? x.starts[i]! : Infinity, j < y.starts.length ? y.starts[j]! : Infinity);
      if (i < x.starts.length && x.starts[i] === day) xi = i++;
      if (j < y.starts.length && y.starts[j] === day) yj = j++;
      starts.push(day);
      vals.push(xi < 0 || yj < 0 ? NaN : cmp(x.vals[xi]!, y.vals[yj]!));
    }
    this.pairs.set(key, (t = { starts: Int32Array.from(starts), vals: Float64Array.from(vals) }));
    return t;
  }

  /**
   * sign(x(t) − x(t − L)). It can change only on an observation day o, or on the first day whose
   * look-back reaches o (earliestWindowEnd(o, L)); both lists ascend, so one merge builds it.
   */
  private trend(id: string, over: Duration): Timeline {
    const key = `${id}\u0000${formatDuration(over)}`;
    let t = this.trends.get(key);
    if (t) return t;
    const x = this.values(id);
    const n = x.starts.length;
    const starts: number[] = [];
    const vals: number[] = [];
    let i = 0; // next observation day
    let e = 0; // next observation whose look-back day is still ahead
    let reach = n ? earliestWindowEnd(x.starts[0]!, over) : Infinity;
    let cur = -1; // last observation on or before the day
    let past = -1; // last observation on or before the day − L
    while (i < n || reach <= this.now) {
      const day = Math.min(i < n ? x.starts[i]! : Infinity, reach);
      if (day > this.now) break;
      while (i < n && x.starts[i]! <= day) cur = i++;
      while (e < n && reach <= day) {
        e++;
        reach = e < n ? earliestWindowEnd(x.starts[e]!, over) : Infinity;
      }
      const back = subtractDuration(day, over);
      while (past + 1 < n && x.starts[past + 1]! <= back) past++;
      starts.push(day);
      vals.push(cur < 0 || past < 0 ? NaN : cmp(x.vals[cur]!, x.vals[past]!));
    }
    this.trends.set(key, (t = { starts: Int32Array.from(starts), vals: Float64Array.from(vals) }));
    return t;
  }

  /**
   * The earliest day t with D < t <= now on which `c` is met as known now (with `for`, the day the
   * sustained run completes), or undefined. `reference` is the value a `then` test compares with.
   */
  firstMet(c: Condition, D: Day, reference: number | undefined): Day | undefined {
    const N = this.now;
    if (N <= D) return undefined;
    const first = D + 1;
    const window = c.test !== 'trend' ? c.for : undefined;
    const from = window ? Math.min(first, subtractDuration(first, window)) : first;
    let tl: Timeline;
    let holds: (v: number) => boolean;
    switch (c.test) {
      case 'above':
      case 'below': {
        const above = c.test === 'above';
        if (c.target.type === 'series') {
          tl = this.pair(c.series, c.target.id);
          holds = above ? (v) => v === 1 : (v) => v === -1;
        } else {
          const n = c.target.type === 'number' ? c.target.n : reference;
          if (n === undefined) return undefined;
          tl = this.values(c.series);
          holds = above ? (v) => v > n : (v) => v < n;
        }
        break;
      }
      case 'equals': {
        const s = c.state;
        tl = this.values(c.series);
        holds = (v) => v === s;
        break;
      }
      case 'trend': {
        tl = this.trend(c.series, c.over);
        holds = { rising: (v: number) => v === 1, falling: (v: number) => v === -1, 'not-rising': (v: number) => v <= 0, 'not-falling': (v: number) => v >= 0 }[c.direction];
        break;
      }
    }
    return firstRun(tl, holds, from, first, window, N);
  }
}


/**
 * Walks the maximal runs of segments where the test holds, from `from`: a run starting at s (clipped
 * to `from`) and ending before e meets the condition on max(first, s + L) if that is before e.
 */
function firstRun(tl: Timeline, holds: (v: number) => boolean, from: Day, first: Day, window: Duration | undefined, N: Day): Day | undefined {
  const { starts, vals } = tl;
  const n = starts.length;
  let i = Math.max(0, upperBound(starts, from) - 1);
  while (i < n) {
    while (i < n && !holds(vals[i]!)) i++;
    if (i >= n) return undefined;
    const runStart = Math.max(from, starts[i]!);
    let j = i + 1;
    while (j < n && holds(vals[j]!)) j++;
    const runEnd = j < n ? starts[j]! : N + 1;
    const t = Math.max(first, window ? earliestWindowEnd(runStart, window) : runStart);
    if (t < runEnd && t <= N) return t;
    i = j;
  }
  return undefined;
}
