/**
 * The point-in-time store. Each series keeps every observation and revision once, grouped by date,
 * so storage grows with rows, never with the number of snapshots. An as-of view at vintage V answers
 * "the last observation dated on or before t, as known on V" in O(log n):
 *  - binary search for the last date <= t,
 *  - a min-tree over each date's first vintage finds the last such date already known on V
 *    (a backfill can make an older date known later than a newer one),
 *  - binary search in that date's few versions for the last one with vintage <= V.
 */
import type { Day } from './dates.ts';
import type { ObservationRows } from './observation-log.ts';
import type { SeriesMeta } from './schema.ts';
import { upperBound } from './search.ts';

export interface Observation {
  /** The day the value is for. */
  date: Day;
  /** The value: a number, or for a status series the index of its state. */
  value: number;
}

export class SeriesLog {
  readonly id: string;
  readonly meta: SeriesMeta;
  /** Unique observation dates, ascending. */
  readonly dates: Int32Array;
  /** The vintage on which each date was first known. */
  readonly firstVintage: Int32Array;
  /** Versions of date i are [versionStart[i], versionStart[i + 1]), by ascending vintage. */
  readonly versionStart: Int32Array;
  readonly versionVintage: Int32Array;
  readonly versionValue: Float64Array;
  /** Row count of the log (observations plus revisions). */
  readonly rowCount: number;
  /** The newest vintage in the log, or -Infinity when empty. */
  readonly newestVintage: number;
  private readonly monotone: boolean;
  private readonly tree: Int32Array;
  private readonly leaves: number;

  constructor(id: string, meta: SeriesMeta, rows: ObservationRows) {
    this.id = id;
    this.meta = meta;
    this.rowCount = rows.count;
    const n = rows.count;
    // Stable sort of row indexes by date keeps file order (= vintage order) within a date.
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => rows.dates[a]! - rows.dates[b]! || a - b);
    const dates: number[] = [];
    const starts: number[] = [];
    const vv = new Int32Array(n);
    const vx = new Float64Array(n);
    let newest = -Infinity;
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      if (dates.length === 0 || dates[dates.length - 1] !== rows.dates[i]) {
        dates.push(rows.dates[i]!);
        starts.push(k);
      }
      vv[k] = rows.vintages[i]!;
      vx[k] = rows.values[i]!;
      if (vv[k]! > newest) newest = vv[k]!;
    }
    starts.push(n);
    this.dates = Int32Array.from(dates);
    this.versionStart = Int32Array.from(starts);
    this.versionVintage = vv;
    this.versionValue = vx;
    this.newestVintage = newest;
    this.firstVintage = new Int32Array(dates.length);
    let monotone = true;
    for (let i = 0; i < dates.length; i++) {
      this.firstVintage[i] = vv[starts[i]!]!;
      if (i > 0 && this.firstVintage[i]! < this.firstVintage[i - 1]!) monotone = false;
    }
    this.monotone = monotone;
    // Only a backfilled log (first vintages out of date order) needs the min-tree.
    let leaves = 1;
    while (leaves < dates.length) leaves *= 2;
    this.leaves = monotone ? 0 : leaves;
    this.tree = monotone ? new Int32Array(0) : buildMinTree(this.firstVintage, leaves);
  }

  /** Bytes held for this series' observations (typed arrays only). */
  get bytes(): number {
    return (
      this.dates.byteLength +
      this.firstVintage.byteLength +
      this.versionStart.byteLength +
      this.versionVintage.byteLength +
      this.versionValue.byteLength +
      this.tree.byteLength
    );
  }

  /** The view of this series as known on vintage `v`. */
  asOf(v: Day): View {
    return new View(this, v);
  }

  /** Index of the last date <= t, or -1. */
  lastDateIndex(t: Day): number {
    return upperBound(this.dates, t) - 1;
  }

  /** The last index i <= i0 whose date was known on vintage v, or -1. */
  lastKnownIndex(i0: number, v: Day): number {
    if (i0 < 0) return -1;
    if (this.monotone) {
      // First vintages ascend with dates: the dates known on v are a prefix.
      return upperBound(this.firstVintage, v, 0, i0 + 1) - 1;
    }
    return rightmostAtMost(this.tree, this.leaves, i0, v);
  }

  /** The value of date index i as known on vintage v (assumes the date was known on v). */
  valueAt(i: number, v: Day): number {
    // The last version with vintage <= v.
    return this.versionValue[upperBound(this.versionVintage, v, this.versionStart[i]!, this.versionStart[i + 1]!) - 1]!;
  }

  /** How many versions date index i has with vintage <= v (1 = never revised by then). */
  versionsKnown(i: number, v: Day): number {
    let count = 0;
    for (let k = this.versionStart[i]!; k < this.versionStart[i + 1]!; k++) if (this.versionVintage[k]! <= v) count++;
    return count;
  }
}

/** A series as known on one vintage: a step function of calendar days. */
export class View {
  readonly log: SeriesLog;
  readonly vintage: Day;
  constructor(log: SeriesLog, vintage: Day) {
    this.log = log;
    this.vintage = vintage;
  }

  /**
   * x(t): the last observation dated on or before t, or undefined before the first. O(log n); a date
   * withdrawn in this view is passed over (the step function falls back to the one before).
   */
  at(t: Day): Observation | undefined {
    const log = this.log;
    for (let i = log.lastKnownIndex(log.lastDateIndex(t), this.vintage); i >= 0; i = log.lastKnownIndex(i - 1, this.vintage)) {
      const value = log.valueAt(i, this.vintage);
      if (!Number.isNaN(value)) return { date: log.dates[i]!, value };
    }
    return undefined;
  }

  /** The observation of exactly date `d` in this view, or undefined (never observed, or withdrawn). */
  on(d: Day): Observation | undefined {
    const i = this.log.lastDateIndex(d);
    if (i < 0 || this.log.dates[i] !== d || this.log.firstVintage[i]! > this.vintage) return undefined;
    const value = this.log.valueAt(i, this.vintage);
    return Number.isNaN(value) ? undefined : { date: d, value };
  }

  /** Observation dates in (from, to] known in this view, ascending: where the step function may change (a superset: withdrawn dates are included). */
  changeDays(from: Day, to: Day): Day[] {
    const out: Day[] = [];
    const { dates, firstVintage } = this.log;
    for (let i = this.log.lastDateIndex(from) + 1; i < dates.length && dates[i]! <= to; i++) {
      if (firstVintage[i]! <= this.vintage) out.push(dates[i]!);
    }
    return out;
  }

  /** Every observation in [from, to] known in this view. */
  observations(from: Day = -Infinity, to: Day = Infinity): Observation[] {
    const out: Observation[] = [];
    const { dates, firstVintage } = this.log;
    for (let i = this.log.lastDateIndex(from - 1) + 1; i < dates.length && dates[i]! <= to; i++) {
      if (firstVintage[i]! > this.vintage) continue;
      const value = this.log.valueAt(i, this.vintage);
      if (!Number.isNaN(value)) out.push({ date: dates[i]!, value });
    }
    return out;
  }
}

function buildMinTree(values: Int32Array, leaves: number): Int32Array {
  const tree = new Int32Array(2 * leaves).fill(0x7fffffff);
  tree.set(values, leaves);
  for (let i = leaves - 1; i >= 1; i--) tree[i] = Math.min(tree[2 * i]!, tree[2 * i + 1]!);
  return tree;
}

/** Rightmost leaf index <= i0 whose value is <= v, or -1. O(log n). */
function rightmostAtMost(tree: Int32Array, leaves: number, i0: number, v: number): number {
  // Walk up from leaf i0, looking at left siblings; then descend into the first subtree that qualifies.
  let node = leaves + i0;
  if (tree[node]! <= v) return i0;
  while (node > 1) {
    if (node % 2 === 1 && tree[node - 1]! <= v) {
      node = node - 1;
      while (node < leaves) node = tree[2 * node + 1]! <= v ? 2 * node + 1 : 2 * node;
      return node - leaves;
    }
    node = node >>> 1;
  }
  return -1;
}
