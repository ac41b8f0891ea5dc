/**
 * Derived series: computed from other series (README "Derived series"). The view of a derived series
 * at vintage V is computed from its inputs' views at V only. Inputs change only on their rows'
 * vintages, so the derived series is materialized once as a log of its own: for each vintage of any
 * input, the rows whose derived value appeared, changed or disappeared (a withdrawal) on it. Its as-of
 * views are then exactly the derived views, and everything that reads a series (conditions, charts,
 * revisions, staleness) reads a derived one the same way.
 *
 * Every op is causal: the value on day t reads only input observations dated on or before t. So when
 * the rows of a vintage touch no input date before m, only derived dates >= m are recomputed.
 */
import { subtractDuration, type Day, type Duration } from './dates.ts';
import type { ObservationRows } from './observation-log.ts';
import type { Derive } from './schema.ts';
import { lowerBound, upperBound } from './search.ts';
import type { SeriesLog } from './store.ts';

/** A series as known on one vintage, as growable arrays (ascending dates, no withdrawn dates). */
interface Known {
  dates: number[];
  values: number[];
}

/** Derived values are rounded to 12 significant digits, so 4.33 − 4.28 is 0.05, not 0.04999999999999982. */
export function roundDerived(v: number): number {
  return Number(v.toPrecision(12));
}

/** Step value of `s` at t (last observation on or before t), or undefined. */
function stepAt(s: Known, t: Day): number | undefined {
  const i = upperBound(s.dates, t) - 1;
  return i < 0 ? undefined : s.values[i];
}

/** The derived observations dated >= from, given the inputs as known on one vintage. */
export function computeDerived(d: Derive, window: Duration | undefined, inputs: readonly Known[], from: Day): Known {
  const out: Known = { dates: [], values: [] };
  const scale = d.scale ?? 1;
  const push = (t: Day, v: number) => {
    const r = roundDerived(scale * v);
    if (Number.isFinite(r)) {
      out.dates.push(t);
      out.values.push(r);
    }
  };
  switch (d.op) {
    case 'spread':
    case 'ratio':
    case 'sum': {
      // Every date on which some input has an observation, once every input has one on or before it.
      const ptr = inputs.map((s) => upperBound(s.dates, from - 1) - 1); // last index dated < from
      for (;;) {
        let t = Infinity;
        for (let k = 0; k < inputs.length; k++) {
          const next = inputs[k]!.dates[ptr[k]! + 1];
          if (next !== undefined && next < t) t = next;
        }
        if (t === Infinity) break;
        const vals: number[] = [];
        for (let k = 0; k < inputs.length; k++) {
          const s = inputs[k]!;
          if (s.dates[ptr[k]! + 1] === t) ptr[k]!++;
          if (ptr[k]! >= 0) vals.push(s.values[ptr[k]!]!);
        }
        if (vals.length < inputs.length) continue;
        if (d.op === 'spread') push(t, vals[0]! - vals[1]!);
        else if (d.op === 'ratio') {
          if (vals[1] !== 0) push(t, vals[0]! / vals[1]!);
        } else push(t, vals.reduce((a, b) => a + b, 0));
      }
      return out;
    }
    case 'mean':
    case 'total': {
      const s = inputs[0]!;
      for (let i = lowerBound(s.dates, from); i < s.dates.length; i++) {
        const t = s.dates[i]!;
        const start = subtractDuration(t, window!); // the window is (start, t]
        const lo = upperBound(s.dates, start);
        let sum = 0;
        for (let k = lo; k <= i; k++) sum += s.values[k]!;
        push(t, d.op === 'mean' ? sum / (i - lo + 1) : sum);
      }
      return out;
    }
    case 'change':
    case 'pct-change': {
      const s = inputs[0]!;
      for (let i = lowerBound(s.dates, from); i < s.dates.length; i++) {
        const t = s.dates[i]!;
        const past = stepAt(s, subtractDuration(t, window!));
        if (past === undefined) continue;
        const x = s.values[i]!;
        if (d.op === 'change') push(t, x - past);
        else if (past !== 0) push(t, 100 * (x / past - 1));
      }
      return out;
    }
  }
}

/** Applies one vintage's versions of `log` ((date index, version index) pairs) to the known arrays; returns the earliest date touched. */
function applyVintage(s: Known, log: SeriesLog, pairs: readonly number[]): Day {
  let touched = Infinity;
  for (let p = 0; p < pairs.length; p += 2) {
    const date = log.dates[pairs[p]!]!;
    const value = log.versionValue[pairs[p + 1]!]!;
    touched = Math.min(touched, date);
    const i = lowerBound(s.dates, date);
    const present = s.dates[i] === date;
    if (Number.isNaN(value)) {
      if (present) {
        s.dates.splice(i, 1);
        s.values.splice(i, 1);
      }
    } else if (present) s.values[i] = value;
    else {
      s.dates.splice(i, 0, date);
      s.values.splice(i, 0, value);
    }
  }
  return touched;
}

/**
 * The rows of a derived series' log: one per (date, vintage) on which its derived value first
 * appears, changes, or disappears (NaN), in vintage order. `inputs` are the inputs' logs, in `of` order.
 */
export function deriveRows(d: Derive, window: Duration | undefined, inputs: readonly SeriesLog[]): ObservationRows {
  // Every version of every input, grouped by vintage.
  const byVintage = new Map<Day, number[][]>();
  inputs.forEach((log, k) => {
    for (let i = 0; i < log.dates.length; i++) {
      for (let r = log.versionStart[i]!; r < log.versionStart[i + 1]!; r++) {
        const v = log.versionVintage[r]!;
        let groups = byVintage.get(v);
        if (!groups) byVintage.set(v, (groups = inputs.map(() => [])));
        groups[k]!.push(i, r);
      }
    }
  });
  const known: Known[] = inputs.map(() => ({ dates: [], values: [] }));
  let current: Known = { dates: [], values: [] };
  const dates: number[] = [];
  const vintages: number[] = [];
  const values: number[] = [];
  for (const v of [...byVintage.keys()].sort((a, b) => a - b)) {
    const groups = byVintage.get(v)!;
    let from = Infinity;
    groups.forEach((rows, k) => {
      if (rows.length) from = Math.min(from, applyVintage(known[k]!, inputs[k]!, rows));
    });
    const next = computeDerived(d, window, known, from);
    // Compare the recomputed suffix with what was known before, date by date.
    const cut = lowerBound(current.dates, from);
    let i = cut;
    let j = 0;
    while (i < current.dates.length || j < next.dates.length) {
      const a = current.dates[i] ?? Infinity;
      const b = next.dates[j] ?? Infinity;
      if (a < b) {
        dates.push(a), values.push(NaN), vintages.push(v), i++;
      } else if (b < a) {
        dates.push(b), values.push(next.values[j]!), vintages.push(v), j++;
      } else {
        if (current.values[i] !== next.values[j]) dates.push(b), values.push(next.values[j]!), vintages.push(v);
        i++, j++;
      }
    }
    current = { dates: current.dates.slice(0, cut).concat(next.dates), values: current.values.slice(0, cut).concat(next.values) };
  }
  return {
    dates: Int32Array.from(dates),
    vintages: Int32Array.from(vintages),
    values: Float64Array.from(values),
    rowEnds: new Int32Array(0),
    count: dates.length,
  };
}

/** Ids a derived series reads, directly. */
export const inputsOf = (d: Derive): readonly string[] => d.of;
