/**
 * Revisions, in one place: a series' revised dates (its page), the value of one date as known on a
 * vintage (a Watch row's revision mark), and the dates whose value differs between two vintages (a
 * chart's revisions table and overlay). All read the store's per-date versions, never a drawing.
 */
import { formatDay, type Day } from './dates.ts';
import { WITHDRAWN } from './observation-log.ts';
import { lowerBound, upperBound } from './search.ts';
import type { SeriesLog } from './store.ts';

export interface Version {
  /** The number, or the state of a status series. */
  value: number | string;
  vintage: string;
}

export interface Revision {
  date: string;
  first: Version;
  /** Each later version whose value differs from the one before it, oldest first. */
  later: Version[];
}

/** Every revised date, newest date first. A re-publication of the same value is not a revision. */
export function revisionsOf(log: SeriesLog): Revision[] {
  const states = log.meta.kind === 'status' ? log.meta.states! : undefined;
  const show = (v: number): number | string => (Number.isNaN(v) ? WITHDRAWN : states ? states[v]! : v);
  const out: Revision[] = [];
  for (let i = log.dates.length - 1; i >= 0; i--) {
    const start = log.versionStart[i]!;
    const end = log.versionStart[i + 1]!;
    if (end - start < 2) continue;
    const later: Version[] = [];
    let prev = log.versionValue[start]!;
    for (let k = start + 1; k < end; k++) {
      const v = log.versionValue[k]!;
      if (v !== prev) later.push({ value: show(v), vintage: formatDay(log.versionVintage[k]!) });
      prev = v;
    }
    if (later.length) {
      out.push({
        date: formatDay(log.dates[i]!),
        first: { value: show(log.versionValue[start]!), vintage: formatDay(log.versionVintage[start]!) },
        later,
      });
    }
  }
  return out;
}

/** The value of date `d` as known on vintage v, with the vintage of the version that says it (undefined: unknown or withdrawn). */
export function versionOn(log: SeriesLog, d: Day, v: Day): { value: number; vintage: Day } | undefined {
  const i = log.lastDateIndex(d);
  if (i < 0 || log.dates[i] !== d || log.firstVintage[i]! > v) return undefined;
  const k = upperBound(log.versionVintage, v, log.versionStart[i]!, log.versionStart[i + 1]!) - 1;
  const value = log.versionValue[k]!;
  return Number.isNaN(value) ? undefined : { value, vintage: log.versionVintage[k]! };
}

/** A date whose value as known on `then` differs from its value as known on `now`. */
export interface Changed {
  date: Day;
  then: number;
  now: number;
  /** The vintage of the value known now. */
  revisedOn: Day;
}

/** Dates in [from, to] valued on both `then` and `now` whose values differ, ascending. O(revised dates). */
export function revisedBetween(log: SeriesLog, then: Day, now: Day, from: Day, to: Day): Changed[] {
  const out: Changed[] = [];
  for (let i = lowerBound(log.dates, from); i < log.dates.length && log.dates[i]! <= to; i++) {
    if (log.versionStart[i + 1]! - log.versionStart[i]! < 2) continue;
    const a = versionOn(log, log.dates[i]!, then);
    const b = versionOn(log, log.dates[i]!, now);
    if (a && b && a.value !== b.value) out.push({ date: log.dates[i]!, then: a.value, now: b.value, revisedOn: b.vintage });
  }
  return out;
}
