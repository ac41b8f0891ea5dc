/**
 * The timeline evaluator: a condition's status on every day of a range, as spans, over one as-of view
 * materialized as arrays (src/core/chart-data.ts `knownSeries`). It reads the test semantics from
 * the one table in conditions.ts (`operandOf`, `holds`) and walks only the days where the truth can
 * change, so a condition costs O(observations in range), not O(days · log n). From the spans come
 * `firstMetAfterNote`, `metSpans` and the note's timeline lanes; groups combine their children's spans.
 * Tested against `statusAt` day by day.
 */
import { holds, operandOf, type Condition, type Status } from './conditions.ts';
import { earliestWindowEnd, subtractDuration, type Day, type Duration } from './dates.ts';
import { upperBound } from './search.ts';

/** A series as arrays: ascending dates and their values (withdrawn dates absent). */
export interface SeriesArrays {
  dates: ArrayLike<number>;
  values: ArrayLike<number>;
}

export type DayStatus = Exclude<Status, 'baseline'>;

/** A run of days [from, to] (inclusive) with one status. */
export interface Span {
  from: Day;
  to: Day;
  status: DayStatus;
}

/** Step function of truth: vals[k] (1 true, 0 false, NaN undefined) holds on [starts[k], starts[k + 1]). */
interface Steps {
  starts: number[];
  vals: number[];
}

/**
 * x(t) and the operand's value, as one step function over the whole series: on [starts[k],
 * starts[k + 1]) x is xs[k] and the operand is others[k] (NaN: undefined). Built once per series (and
 * compared series, or look-back) per view, and shared by every condition that reads it.
 */
interface OperandSteps {
  starts: Int32Array;
  xs: Float64Array;
  others: Float64Array;
}

const ownSteps = new WeakMap<SeriesArrays, OperandSteps>();
const pairSteps = new WeakMap<SeriesArrays, WeakMap<SeriesArrays, OperandSteps>>();
const pastSteps = new WeakMap<SeriesArrays, Map<string, OperandSteps>>();

function operandSteps(c: Condition, x: SeriesArrays, y: SeriesArrays | undefined): OperandSteps {
  const op = operandOf(c);
  if (op.kind === 'series' && y) {
    let byY = pairSteps.get(x);
    if (!byY) pairSteps.set(x, (byY = new WeakMap()));
    let steps = byY.get(y);
    if (!steps) byY.set(y, (steps = mergePair(x, y)));
    return steps;
  }
  if (op.kind === 'past') {
    let byOver = pastSteps.get(x);
    if (!byOver) pastSteps.set(x, (byOver = new Map()));
    const key = `${op.over.n}${op.over.unit}`;
    let steps = byOver.get(key);
    if (!steps) byOver.set(key, (steps = mergePast(x, op.over)));
    return steps;
  }
  let steps = ownSteps.get(x);
  if (!steps) ownSteps.set(x, (steps = { starts: Int32Array.from(x.dates), xs: Float64Array.from(x.values), others: new Float64Array(x.dates.length).fill(NaN) }));
  return steps;
}

/** x and y on the union of their observation days (NaN before a series' first observation). */
function mergePair(x: SeriesArrays, y: SeriesArrays): OperandSteps {
  const starts: number[] = [];
  const xs: number[] = [];
  const others: number[] = [];
  let i = 0;
  let j = 0;
  while (i < x.dates.length || j < y.dates.length) {
    const t = Math.min(i < x.dates.length ? x.dates[i]! : Infinity, j < y.dates.length ? y.dates[j]! : Infinity);
    if (x.dates[i] === t) i++;
    if (y.dates[j] === t) j++;
    starts.push(t);
    xs.push(i > 0 ? x.values[i - 1]! : NaN);
    others.push(j > 0 ? y.values[j - 1]! : NaN);
  }
  return { starts: Int32Array.from(starts), xs: Float64Array.from(xs), others: Float64Array.from(others) };
}

/**
 * x(t) and x(t − L): they change on an observation day o, or on the first day whose look-back
 * reaches o (earliestWindowEnd(o, L)); both lists ascend, so one merge builds it.
 */
function mergePast(x: SeriesArrays, L: Duration): OperandSteps {
  const n = x.dates.length;
  const starts: number[] = [];
  const xs: number[] = [];
  const others: number[] = [];
  let i = 0; // next observation day
  let e = 0; // next observation whose look-back day is still ahead
  let reach = n ? earliestWindowEnd(x.dates[0]!, L) : Infinity;
  let cur = -1; // last observation on or before the day
  let past = -1; // last observation on or before the day − L
  while (i < n || e < n) {
    const t = Math.min(i < n ? x.dates[i]! : Infinity, reach);
    while (i < n && x.dates[i]! <= t) cur = i++;
    while (e < n && reach <= t) {
      e++;
      reach = e < n ? earliestWindowEnd(x.dates[e]!, L) : Infinity;
    }
    const back = subtractDuration(t, L);
    while (past + 1 < n && x.dates[past + 1]! <= back) past++;
    starts.push(t);
    xs.push(cur < 0 ? NaN : x.values[cur]!);
    others.push(past < 0 ? NaN : x.values[past]!);
  }
  return { starts: Int32Array.from(starts), xs: Float64Array.from(xs), others: Float64Array.from(others) };
}

/** Truth of `c` (without `for`) as a step function over [start, end]. */
function truthSteps(c: Condition, x: SeriesArrays, y: SeriesArrays | undefined, reference: number | undefined, start: Day, end: Day): Steps {
  const { starts, xs, others } = operandSteps(c, x, y);
  const steps: Steps = { starts: [], vals: [] };
  let prev: number | undefined;
  for (let k = upperBound(starts, start) - 1; k < starts.length; k++) {
    const t = k < 0 ? start : Math.max(start, starts[k]!);
    if (t > end) break;
    let v = NaN;
    if (k >= 0 && !Number.isNaN(xs[k]!)) {
      const other = others[k]!;
      const truth = holds(c, xs[k]!, Number.isNaN(other) ? undefined : other, reference);
      v = truth === undefined ? NaN : truth ? 1 : 0;
    }
    if (prev !== undefined && (v === prev || (Number.isNaN(v) && Number.isNaN(prev)))) continue;
    steps.starts.push(t);
    steps.vals.push(v);
    prev = v;
  }
  return steps;
}

const statusOf = (v: number): DayStatus => (Number.isNaN(v) ? 'no-data' : v === 1 ? 'met' : 'not-met');

/** Appends a span, merging it into the last one when the status is the same. */
function pushSpan(out: Span[], from: Day, to: Day, status: DayStatus): void {
  if (to < from) return;
  const last = out[out.length - 1];
  if (last && last.status === status && last.to + 1 === from) last.to = to;
  else out.push({ from, to, status });
}

/**
 * The condition's status on every day of [from, to], as spans in order (empty when to < from).
 * With `for L` the status on T reads the truth on [T - L, T]: any false day → not-met, else any day
 * without data → no-data, else met (the rule of `statusAt`).
 */
export function conditionSpans(c: Condition, x: SeriesArrays, y: SeriesArrays | undefined, reference: number | undefined, from: Day, to: Day): Span[] {
  const out: Span[] = [];
  if (to < from) return out;
  if (!c.for) {
    const steps = truthSteps(c, x, y, reference, from, to);
    for (let k = 0; k < steps.starts.length; k++) {
      pushSpan(out, steps.starts[k]!, k + 1 < steps.starts.length ? steps.starts[k + 1]! - 1 : to, statusOf(steps.vals[k]!));
    }
    return out;
  }
  const L = c.for;
  const steps = truthSteps(c, x, y, reference, subtractDuration(from, L), to);
  const { starts, vals } = steps;
  const n = starts.length;
  // Prefix counts of false and undefined steps: the window's worst status in O(1).
  const falses = new Int32Array(n + 1);
  const gaps = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) {
    falses[k + 1] = falses[k]! + (vals[k] === 0 ? 1 : 0);
    gaps[k + 1] = gaps[k]! + (Number.isNaN(vals[k]!) ? 1 : 0);
  }
  // The window's status changes where T enters a step, or where T - L leaves one.
  const days: number[] = [from];
  for (let k = 0; k < n; k++) {
    if (starts[k]! > from && starts[k]! <= to) days.push(starts[k]!);
    if (k > 0) {
      const t = earliestWindowEnd(starts[k]!, L);
      if (t > from && t <= to) days.push(t);
    }
  }
  days.sort((a, b) => a - b);
  let hi = 0;
  let lo = 0;
  for (let k = 0; k < days.length; k++) {
    const T = days[k]!;
    if (k > 0 && T === days[k - 1]) continue;
    while (hi + 1 < n && starts[hi + 1]! <= T) hi++;
    const back = subtractDuration(T, L);
    while (lo + 1 < n && starts[lo + 1]! <= back) lo++;
    const status: DayStatus = falses[hi + 1]! - falses[lo]! > 0 ? 'not-met' : gaps[hi + 1]! - gaps[lo]! > 0 ? 'no-data' : 'met';
    let next = k + 1;
    while (next < days.length && days[next] === T) next++;
    pushSpan(out, T, next < days.length ? days[next]! - 1 : to, status);
  }
  return out;
}

/** How a group's children combine: all, any, or at least k. */
export type Require = 'all' | 'any' | number;

/**
 * A group's status from its children's (three-valued; a child's `baseline` counts as not-met):
 * all: not-met if any is not-met, else no-data if any is, else met; any: met if any is met, else
 * no-data if any is, else not-met; k: met if at least k are met, not-met if fewer than k could still
 * be (met + no-data < k), else no-data.
 */
export function combineStatuses(require: Require, statuses: readonly Status[]): DayStatus {
  const met = statuses.filter((s) => s === 'met').length;
  const gaps = statuses.filter((s) => s === 'no-data').length;
  const k = require === 'all' ? statuses.length : require === 'any' ? 1 : require;
  if (met >= k) return 'met';
  return met + gaps < k ? 'not-met' : 'no-data';
}

/** A group's spans over [from, to] from its children's spans (each covering [from, to]). */
export function groupSpans(require: Require, children: readonly (readonly Span[])[], from: Day, to: Day): Span[] {
  const out: Span[] = [];
  if (to < from) return out;
  const cuts = new Set<number>([from]);
  for (const spans of children) for (const s of spans) if (s.from > from) cuts.add(s.from);
  const days = [...cuts].sort((a, b) => a - b);
  const ptr = children.map(() => 0);
  for (let k = 0; k < days.length; k++) {
    const T = days[k]!;
    const statuses = children.map((spans, c) => {
      while (ptr[c]! + 1 < spans.length && spans[ptr[c]! + 1]!.from <= T) ptr[c]!++;
      return spans[ptr[c]!]?.status ?? 'no-data';
    });
    pushSpan(out, T, k + 1 < days.length ? days[k + 1]! - 1 : to, combineStatuses(require, statuses));
  }
  return out;
}

/** The first day of the first met span, or undefined. */
export const firstMetOf = (spans: readonly Span[]): Day | undefined => spans.find((s) => s.status === 'met')?.from;

/** The met spans as [from, to] pairs. */
export const metSpansOf = (spans: readonly Span[]): [Day, Day][] => spans.filter((s) => s.status === 'met').map((s) => [s.from, s.to]);

const CODES: readonly DayStatus[] = ['met', 'not-met', 'no-data'];

/**
 * Spans packed three integers each (from, to, status code). A record keeps its spans for every day
 * since its note, millions of them in a large archive: packed they cost 12 bytes a span, not ~100.
 */
export type PackedSpans = Int32Array;

export function packSpans(spans: readonly Span[]): PackedSpans {
  const out = new Int32Array(spans.length * 3);
  spans.forEach((s, k) => {
    out[3 * k] = s.from;
    out[3 * k + 1] = s.to;
    out[3 * k + 2] = CODES.indexOf(s.status);
  });
  return out;
}

export function unpackSpans(p: PackedSpans): Span[] {
  const out: Span[] = [];
  for (let k = 0; k < p.length; k += 3) out.push({ from: p[k]!, to: p[k + 1]!, status: CODES[p[k + 2]!]! });
  return out;
}

/** The met spans of packed spans as [from, to] day pairs. */
export function packedMetSpans(p: PackedSpans): [Day, Day][] {
  const out: [Day, Day][] = [];
  for (let k = 0; k < p.length; k += 3) if (p[k + 2] === 0) out.push([p[k]!, p[k + 1]!]);
  return out;
}
