/**
 * A series' revisions: observation dates whose value changed after it was first published. Read off
 * the store's per-date versions, so it costs one pass over the log.
 */
import { formatDay } from '../core/dates.ts';
import { WITHDRAWN } from '../core/observation-log.ts';
import type { SeriesLog } from '../core/store.ts';

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
