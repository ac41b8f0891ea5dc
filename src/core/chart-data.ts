/**
 * What charts and sparklines draw: a series as known on one vintage, decimated to at most two points
 * per horizontal pixel (each pixel's min and max, so spikes survive), and the series as known on a
 * note's snapshot wherever it has been revised since. Pure. The per-series work (materializing a
 * vintage, range-extremum tables, the list of revised dates) is done once per series and memoized,
 * so a page costs O(pixels · log n), never a scan of the whole series.
 */
import { MONTH_ABBR, formatDay, type Day } from './dates.ts';
import type { SeriesLog } from './store.ts';
import { lowerBound } from './search.ts';

/** Points as parallel arrays: day numbers and values, ascending by day. */
export interface Points {
  x: number[];
  y: number[];
}

/** A series as known on one vintage, as arrays, with O(1) range min/max. */
export class KnownSeries {
  readonly log: SeriesLog;
  readonly vintage: Day;
  /** Dates known on the vintage, ascending. */
  readonly dates: Int32Array;
  readonly values: Float64Array;
  /** Index in `log.dates` of each known date. */
  readonly logIndex: Int32Array;
  private minTable: Int32Array[] | undefined;
  private maxTable: Int32Array[] | undefined;

  constructor(log: SeriesLog, vintage: Day) {
    this.log = log;
    this.vintage = vintage;
    const n = log.dates.length;
    const dates: number[] = [];
    const values: number[] = [];
    const idx: number[] = [];
    for (let i = 0; i < n; i++) {
      if (log.firstVintage[i]! > vintage) continue;
      const value = log.valueAt(i, vintage);
      if (Number.isNaN(value)) continue; // withdrawn in this view
      dates.push(log.dates[i]!);
      values.push(value);
      idx.push(i);
    }
    this.dates = Int32Array.from(dates);
    this.values = Float64Array.from(values);
    this.logIndex = Int32Array.from(idx);
  }

  get length(): number {
    return this.dates.length;
  }

  /** First index whose date is >= t. */
  lowerBound(t: number): number {
    return lowerBound(this.dates, t);
  }

  /** Index range [lo, hi) of dates in [from, to]. */
  range(from: Day, to: Day): [number, number] {
    return [this.lowerBound(from), this.lowerBound(to + 1)];
  }

  /** Index of the smallest (first on ties) value in [lo, hi); hi > lo. */
  argMin(lo: number, hi: number): number {
    return this.query((this.minTable ??= this.table((a, b) => this.values[a]! <= this.values[b]!)), lo, hi, (a, b) => this.values[a]! <= this.values[b]!);
  }

  /** Index of the largest (first on ties) value in [lo, hi); hi > lo. */
  argMax(lo: number, hi: number): number {
    return this.query((this.maxTable ??= this.table((a, b) => this.values[a]! >= this.values[b]!)), lo, hi, (a, b) => this.values[a]! >= this.values[b]!);
  }

  /** Sparse table: level k holds the best index of each window of 2^k values. */
  private table(better: (a: number, b: number) => boolean): Int32Array[] {
    const n = this.values.length;
    const levels: Int32Array[] = [Int32Array.from({ length: n }, (_, i) => i)];
    for (let k = 1; 1 << k <= n; k++) {
      const prev = levels[k - 1]!;
      const half = 1 << (k - 1);
      const cur = new Int32Array(n - (1 << k) + 1);
      for (let i = 0; i < cur.length; i++) {
        const a = prev[i]!;
        const b = prev[i + half]!;
        cur[i] = better(a, b) ? a : b;
      }
      levels.push(cur);
    }
    return levels;
  }

  private query(levels: Int32Array[], lo: number, hi: number, better: (a: number, b: number) => boolean): number {
    const k = 31 - Math.clz32(hi - lo);
    const a = levels[k]![lo]!;
    const b = levels[k]![hi - (1 << k)]!;
    return better(a, b) ? a : b;
  }
}

const known = new WeakMap<SeriesLog, Map<Day, KnownSeries>>();

/** The series as known on `vintage`, built once per log and vintage. */
export function knownSeries(log: SeriesLog, vintage: Day): KnownSeries {
  let byVintage = known.get(log);
  if (!byVintage) known.set(log, (byVintage = new Map()));
  let s = byVintage.get(vintage);
  if (!s) byVintage.set(vintage, (s = new KnownSeries(log, vintage)));
  return s;
}

/**
 * Min/max decimation of `s` over the days [from, to] into `buckets` equal slices of time: a slice
 * with more than two points keeps only its lowest and highest (in day order), so a one-day spike
 * stays visible. Returns at most 2 · buckets points; ranges that already fit are returned whole.
 */
export function decimate(s: KnownSeries, from: Day, to: Day, buckets: number): Points {
  const [lo, hi] = s.range(from, to);
  const out: Points = { x: [], y: [] };
  const push = (i: number) => {
    out.x.push(s.dates[i]!);
    out.y.push(s.values[i]!);
  };
  if (hi - lo <= 2 * buckets) {
    for (let i = lo; i < hi; i++) push(i);
    return out;
  }
  const span = to - from + 1;
  let start = lo;
  for (let b = 0; b < buckets && start < hi; b++) {
    const edge = from + Math.ceil(((b + 1) * span) / buckets); // first day of the next slice
    const end = b === buckets - 1 ? hi : Math.min(hi, s.lowerBound(edge));
    if (end - start <= 2) {
      for (let i = start; i < end; i++) push(i);
    } else {
      const a = s.argMin(start, end);
      const c = s.argMax(start, end);
      if (a === c) push(a);
      else if (a < c) (push(a), push(c));
      else (push(c), push(a));
    }
    start = end;
  }
  return out;
}

/** Min/max decimation of plain arrays (for the revision overlay, which is rarely long). */
export function decimatePoints(p: Points, buckets: number): Points {
  const n = p.x.length;
  if (n <= 2 * buckets) return { x: [...p.x], y: [...p.y] };
  const out: Points = { x: [], y: [] };
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    if (end <= start) continue;
    let a = start;
    let c = start;
    for (let i = start + 1; i < end; i++) {
      if (p.y[i]! < p.y[a]!) a = i;
      if (p.y[i]! > p.y[c]!) c = i;
    }
    for (const i of a === c ? [a] : a < c ? [a, c] : [c, a]) {
      out.x.push(p.x[i]!);
      out.y.push(p.y[i]!);
    }
  }
  return out;
}

const revisedDates = new WeakMap<SeriesLog, Int32Array>();

/** Indexes (into log.dates) of dates with more than one version, once per log. */
function revisedIndexes(log: SeriesLog): Int32Array {
  let r = revisedDates.get(log);
  if (!r) {
    const out: number[] = [];
    for (let i = 0; i < log.dates.length; i++) if (log.versionStart[i + 1]! - log.versionStart[i]! > 1) out.push(i);
    revisedDates.set(log, (r = Int32Array.from(out)));
  }
  return r;
}

/**
 * The series as known on `then` (a note's snapshot), only where its value differs from the series as
 * known on `now`: runs of revised observations, each joined to the unrevised neighbours on either side
 * (where those were already known then) so it reads as a detour from the line. Runs are separated in
 * the result by a `null` value. Dates first known after `then` are not revisions and never appear.
 */
export function revisionOverlay(log: SeriesLog, then: Day, now: Day, from: Day, to: Day): { x: number[]; y: (number | null)[] } {
  const current = knownSeries(log, now);
  const differs: number[] = []; // indexes into `current`
  const revised = revisedIndexes(log);
  // Revised indexes ascend with dates: start at the first one inside the range.
  let lo = 0;
  let hi = revised.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (log.dates[revised[mid]!]! < from) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < revised.length && log.dates[revised[k]!]! <= to; k++) {
    const i = revised[k]!;
    if (log.firstVintage[i]! > then || log.firstVintage[i]! > now) continue;
    const a = log.valueAt(i, then);
    const b = log.valueAt(i, now);
    // A date withdrawn on either side is not drawn as a detour (it is absent from that view).
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    if (a !== b) differs.push(current.lowerBound(log.dates[i]!));
  }
  const out: { x: number[]; y: (number | null)[] } = { x: [], y: [] };
  const knownThen = (k: number) => k >= 0 && k < current.length && log.firstVintage[current.logIndex[k]!]! <= then && !Number.isNaN(log.valueAt(current.logIndex[k]!, then));
  const pushThen = (k: number) => {
    out.x.push(current.dates[k]!);
    out.y.push(log.valueAt(current.logIndex[k]!, then));
  };
  for (let r = 0; r < differs.length; ) {
    let end = r;
    while (end + 1 < differs.length && differs[end + 1] === differs[end]! + 1) end++;
    if (out.x.length) {
      out.x.push(current.dates[differs[r]!]!);
      out.y.push(null);
    }
    const before = differs[r]! - 1;
    const after = differs[end]! + 1;
    if (knownThen(before) && current.dates[before]! >= from) pushThen(before);
    for (let k = r; k <= end; k++) pushThen(differs[k]!);
    if (knownThen(after) && current.dates[after]! <= to) pushThen(after);
    r = end + 1;
  }
  return out;
}

/** "Nice" numbers for a value axis: about `count` round steps covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const raw = (max - min) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toFixed(digits)));
  return out;
}


/** First days of months between from and to, every `step` months, at most about `count` of them. */
export function dayTicks(from: Day, to: Day, count = 6): { day: Day; label: string }[] {
  const a = formatDay(from);
  const b = formatDay(to);
  const y0 = Number(a.slice(0, 4));
  const m0 = Number(a.slice(5, 7)) - 1;
  const months = (Number(b.slice(0, 4)) - y0) * 12 + Number(b.slice(5, 7)) - 1 - m0 + 1;
  const steps = [1, 2, 3, 6, 12, 24, 60, 120, 240];
  const step = steps.find((s) => months / s <= count) ?? 480;
  const out: { day: Day; label: string }[] = [];
  for (let k = 0; k <= months; k++) {
    const total = y0 * 12 + m0 + k;
    const y = Math.floor(total / 12);
    const m = total - y * 12;
    if (total % step !== 0) continue;
    const d = monthStart(y, m);
    if (d < from || d > to) continue;
    out.push({ day: d, label: step >= 12 ? String(y) : m === 0 || out.length === 0 ? `${MONTH_ABBR[m]} ${y}` : MONTH_ABBR[m]! });
  }
  return out;
}

function monthStart(y: number, month0: number): Day {
  const date = new Date(0);
  date.setUTCFullYear(y, month0, 1);
  return date.getTime() / 86_400_000;
}

/** Everything a SeriesChart draws, for the server SVG, the data table and the client island. */
export interface ChartData {
  series: string;
  name: string;
  unit: string;
  decimals: number | null;
  /** The days shown, ISO. */
  from: string;
  to: string;
  /** The note's date and the snapshot it reads (null for a chart outside a note), and now. */
  note: string | null;
  snapshot: string | null;
  now: string;
  /** Day number of `from`: every x below is an offset from it, which keeps the JSON small. */
  x0: Day;
  /** Width, in days, of the shown range (to − from). */
  span: number;
  mark: number | null;
  /** The series as known now, decimated. */
  current: Points;
  /** The series as known on the snapshot, only where revised since; null separates runs. */
  revised: { x: number[]; y: (number | null)[] };
  /** Value range of everything drawn (points, overlay, mark). */
  yMin: number;
  yMax: number;
}

export interface ChartRequest {
  from: Day;
  to: Day;
  /** The note's date and snapshot; without them there is no note mark and no revision overlay. */
  note?: Day | undefined;
  snapshot?: Day | undefined;
  now: Day;
  mark?: number | undefined;
  /** Horizontal pixels the chart is drawn at: at most two points per pixel are kept. */
  width: number;
}

/**
 * A small memo per key object: at most `MEMO_SIZE` values each, dropped all at once when full. What
 * repeats across notes (a fixed range of a series) stays; a range of one note's own (a year before its
 * date) is not kept for the whole build.
 */
const MEMO_SIZE = 64;

export function memoIn<K extends object, V>(store: WeakMap<K, Map<string, V>>, owner: K, key: string, make: () => V): V {
  let m = store.get(owner);
  if (!m) store.set(owner, (m = new Map()));
  let v = m.get(key);
  if (v === undefined) {
    if (m.size >= MEMO_SIZE) m.clear();
    m.set(key, (v = make()));
  }
  return v;
}

const decimated = new WeakMap<KnownSeries, Map<string, Readonly<Points>>>();

/**
 * `decimate` memoized per view, range and width: every note charting the same series over the same
 * days shares one result. Callers must not mutate it.
 */
export function decimatedView(s: KnownSeries, from: Day, to: Day, buckets: number): Readonly<Points> {
  return memoIn(decimated, s, `${from}:${to}:${buckets}`, () => decimate(s, from, to, buckets));
}

const shifted = new WeakMap<Readonly<Points>, Map<string, number[]>>();

/** x − x0 of a memoized point list, shared too. */
function shiftedX(p: Readonly<Points>, x0: number): number[] {
  return memoIn(shifted, p, String(x0), () => p.x.map((x) => x - x0));
}

export function chartData(log: SeriesLog, r: ChartRequest): ChartData {
  if (r.from > r.to) throw new RangeError(`chart range is empty: from ${formatDay(r.from)} is after to ${formatDay(r.to)}`);
  const now = decimatedView(knownSeries(log, r.now), r.from, r.to, r.width);
  const overlay = r.snapshot === undefined ? { x: [], y: [] } : revisionOverlay(log, r.snapshot, r.now, r.from, r.to);
  const revised = overlay.x.length > 2 * r.width ? decimateOverlay(overlay, r.width, (r.to - r.from + 1) / r.width) : overlay;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const ys of [now.y, revised.y, r.mark === undefined ? [] : [r.mark]]) {
    for (const v of ys) {
      if (v === null) continue;
      if (v < yMin) yMin = v;
      if (v > yMax) yMax = v;
    }
  }
  const shift = (xs: number[]) => xs.map((x) => x - r.from);
  return {
    series: log.id,
    name: log.meta.name,
    unit: log.meta.unit,
    decimals: log.meta.decimals ?? null,
    from: formatDay(r.from),
    to: formatDay(r.to),
    note: r.note === undefined ? null : formatDay(r.note),
    snapshot: r.snapshot === undefined ? null : formatDay(r.snapshot),
    now: formatDay(r.now),
    x0: r.from,
    span: r.to - r.from,
    mark: r.mark ?? null,
    current: { x: shiftedX(now, r.from), y: now.y as number[] },
    revised: { x: shift(revised.x), y: revised.y },
    yMin,
    yMax,
  };
}

/**
 * Decimates a long overlay without joining runs that lie more than a pixel apart: keeps the min/max
 * of each slice of points, then puts the gap back between kept points of different runs.
 */
function decimateOverlay(p: { x: number[]; y: (number | null)[] }, buckets: number, dayPerPixel: number): { x: number[]; y: (number | null)[] } {
  const flat: Points = { x: [], y: [] };
  const run: number[] = [];
  let r = 0;
  p.y.forEach((v, i) => {
    if (v === null) r++;
    else (flat.x.push(p.x[i]!), flat.y.push(v), run.push(r));
  });
  // Tag x with its run so the kept points can be traced back: decimatePoints keeps x values.
  const kept = decimatePoints(flat, buckets);
  const runOf = new Map<number, number>();
  flat.x.forEach((x, i) => runOf.set(x, run[i]!));
  const out: { x: number[]; y: (number | null)[] } = { x: [], y: [] };
  kept.x.forEach((x, i) => {
    const prev = kept.x[i - 1];
    if (prev !== undefined && runOf.get(prev) !== runOf.get(x) && x - prev > dayPerPixel) (out.x.push(x), out.y.push(null));
    out.x.push(x);
    out.y.push(kept.y[i]!);
  });
  return out;
}

/**
 * A sparkline's line: the series as known on `vintage` over [from, to] as a step function, decimated,
 * starting with the value carried in from before `from` and ending with the last value held to `to`.
 */
export function stepWindow(log: SeriesLog, vintage: Day, from: Day, to: Day, buckets: number): Points {
  const s = knownSeries(log, vintage);
  const p = decimate(s, from, to, buckets);
  const before = s.lowerBound(from) - 1;
  if (before >= 0 && (p.x.length === 0 || p.x[0]! > from)) {
    p.x.unshift(from);
    p.y.unshift(s.values[before]!);
  }
  if (p.x.length && p.x[p.x.length - 1]! < to) {
    p.x.push(to);
    p.y.push(p.y[p.y.length - 1]!);
  }
  return p;
}

/** How a data table samples a long series: every observation, or the last one of each period. */
export type Period = 'observation' | 'month' | 'quarter' | 'year';

/**
 * Rows for a chart's data table: every observation in [from, to] when there are at most `maxRows`,
 * else the last observation of each month, quarter or year (the finest that fits), as known on the
 * series' vintage. O(rows · log n).
 */
export function sampleRows(s: KnownSeries, from: Day, to: Day, maxRows = 40): { period: Period; x: number[]; y: number[] } {
  const [lo, hi] = s.range(from, to);
  if (hi - lo <= maxRows) return { period: 'observation', x: [...s.dates.subarray(lo, hi)], y: [...s.values.subarray(lo, hi)] };
  const a = formatDay(from);
  const b = formatDay(to);
  const months = (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7)) + 1;
  const [period, step] = (
    [
      ['month', 1],
      ['quarter', 3],
      ['year', 12],
    ] as const
  ).find(([, m]) => months / m <= maxRows) ?? ['year', 12];
  const out = { period: period as Period, x: [] as number[], y: [] as number[] };
  const y0 = Number(a.slice(0, 4));
  for (let total = y0 * 12; ; total += step) {
    // Last day of the period starting at month `total` (periods aligned to calendar quarters/years).
    const end = Math.min(to, monthStart(Math.floor((total + step) / 12), (total + step) % 12) - 1);
    if (end < from) continue;
    const i = s.lowerBound(end + 1) - 1;
    if (i >= lo && i < hi && out.x[out.x.length - 1] !== s.dates[i]) {
      out.x.push(s.dates[i]!);
      out.y.push(s.values[i]!);
    }
    if (end >= to) break;
  }
  return out;
}

/** A linear scale: maps [d0, d1] onto [r0, r1]; a zero-width domain maps to the middle. */
export type Scale = (v: number) => number;

export function scale(d0: number, d1: number, r0: number, r1: number): Scale {
  if (d1 === d0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/**
 * `String(Math.round(v * 10) / 10)`, from integers: turning a fractional double into its shortest text
 * was half of a sparkline's cost, and an integer's digits are cheap. The same text in every case.
 */
function r1(v: number): string {
  const q = Math.round(v * 10);
  if (q % 10 === 0 || !Number.isSafeInteger(q)) return String(q / 10);
  const a = q < 0 ? -q : q;
  return `${q < 0 ? '-' : ''}${(a - (a % 10)) / 10}.${a % 10}`;
}

// Paths are joined from parts, not grown with +=: the archive keeps them for the whole build, and a
// string grown piece by piece is a tree of pieces several times the size of its flat text.

/** An SVG polyline path; a `null` value starts a new segment (a gap). */
export function linePath(xs: readonly number[], ys: readonly (number | null)[], sx: Scale, sy: Scale): string {
  const out: string[] = [];
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    const y = ys[i];
    if (y === null || y === undefined) {
      pen = false;
      continue;
    }
    out.push(`${pen ? 'L' : 'M'}${r1(sx(xs[i]!))} ${r1(sy(y))}`);
    pen = true;
  }
  return out.join('');
}

/** An SVG step path: each value holds until the next point (how conditions read a series). */
export function stepPath(xs: readonly number[], ys: readonly number[], sx: Scale, sy: Scale): string {
  const out: string[] = [];
  for (let i = 0; i < xs.length; i++) {
    const x = r1(sx(xs[i]!));
    const y = r1(sy(ys[i]!));
    out.push(i === 0 ? `M${x} ${y}` : `H${x}V${y}`);
  }
  return out.join('');
}

/** Padded value domain covering every value given (ignoring null/undefined). */
export function domain(values: readonly (number | null | undefined)[], pad = 0.08): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) return [0, 1];
  if (lo === hi) {
    const d = Math.abs(lo) * 0.05 || 1;
    return [lo - d, hi + d];
  }
  const d = (hi - lo) * pad;
  return [lo - d, hi + d];
}
