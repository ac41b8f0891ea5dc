/**
 * `<Value>`: one number from a series in a sentence, as known on the note's snapshot, with now beside
 * it. Then reads view(S) at the note's date D; now is the same quantity with D replaced by
 * T = max(N, D) over view(N). A `date` value keeps its date on both sides, so its now side shows any
 * revision. Values never enter tallies.
 */
import { roundDerived } from './derived.ts';
import { day, formatDay, type Day } from './dates.ts';
import type { ValueProps } from './schema.ts';
import type { SeriesLog, View } from './store.ts';

export interface ValueSide {
  /** The number (or a status series' state); null when the data has none. */
  value: number | string | null;
  /** The date of the observation that gives the number (for `change`, the later one). */
  observed: string | null;
}

/** A problem with one prop of a `<Value>`, before its position is attached. */
export interface ValueProblem {
  field: string;
  message: string;
  hint: string;
}

/** Whether a unit is a percentage (so a change can be given in basis points). */
export const isPercentUnit = (unit: string): boolean => /%|percent/i.test(unit);

/** Checks the props against the series and the note's date. */
export function checkValueProps(p: ValueProps, log: SeriesLog | undefined, D: Day): ValueProblem[] {
  if (!log) return [{ field: 'series', message: `unknown series "${p.series}"`, hint: `Add data/series/${p.series}.yaml, or fix the id` }];
  const out: ValueProblem[] = [];
  if (log.meta.kind === 'status' && (p.stat !== undefined || p.change !== undefined)) {
    out.push({ field: p.stat !== undefined ? 'stat' : 'change', message: `"${p.series}" is a status series: it has no ${p.stat !== undefined ? 'highest or lowest value' : 'change'}`, hint: 'Show its state on a day instead (no stat or change)' });
  }
  for (const field of ['date', 'from'] as const) {
    if (p[field] !== undefined && day(p[field]!) > D) {
      out.push({ field, message: `${field} ${p[field]} is after the note's date ${formatDay(D)}`, hint: 'A note can only cite what was known on its date' });
    }
  }
  if (p.unit === 'bp' && !isPercentUnit(log.meta.unit)) {
    out.push({ field: 'unit', message: `unit="bp" needs a percent series; "${p.series}" is in ${log.meta.unit}`, hint: 'Leave out unit to give the change in the series\' unit' });
  }
  return out;
}

function side(p: ValueProps, log: SeriesLog, view: View, T: Day): ValueSide {
  const none: ValueSide = { value: null, observed: null };
  const show = (v: number) => (log.meta.kind === 'status' ? log.meta.states![v]! : v);
  if (p.stat !== undefined) {
    const obs = view.observations(day(p.from!), T);
    if (!obs.length) return none;
    let best = obs[0]!;
    for (const o of obs) if (p.stat === 'max' ? o.value > best.value : o.value < best.value) best = o;
    return { value: best.value, observed: formatDay(best.date) };
  }
  if (p.change !== undefined) {
    const a = view.at(day(p.from!));
    const b = view.at(T);
    if (!a || !b) return none;
    return { value: roundDerived((b.value - a.value) * (p.unit === 'bp' ? 100 : 1)), observed: formatDay(b.date) };
  }
  const o = view.at(p.date !== undefined ? day(p.date) : T);
  return o ? { value: show(o.value), observed: formatDay(o.date) } : none;
}

/** Then (view(S) at D) and now (view(N) at max(N, D)) of one `<Value>`. */
export function valueThenNow(p: ValueProps, log: SeriesLog, D: Day, S: Day, N: Day): { then: ValueSide; now: ValueSide } {
  return { then: side(p, log, log.asOf(S), D), now: side(p, log, log.asOf(N), Math.max(N, D)) };
}
