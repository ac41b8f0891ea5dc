/** What a series page shows besides the chart: facts about the log, and its state changes. */
import type { LoadedSeries } from '../core/dataset.ts';
import { formatDay, type Day } from '../core/dates.ts';

export interface SeriesFacts {
  /** Observation dates known now. */
  observations: number;
  /** Rows of the log: observations plus revisions. */
  rows: number;
  first: string | null;
  last: string | null;
  /** The latest value as known now. */
  latest: number | string | null;
  /** Distinct vintages in the log. */
  vintages: number;
}

export function seriesFacts(s: LoadedSeries, now: Day | undefined): SeriesFacts {
  const view = s.log.asOf(now ?? s.log.newestVintage);
  const obs = view.observations();
  const states = s.log.meta.states;
  const last = obs.at(-1);
  const vintages = new Set(s.rows.vintages).size;
  return {
    observations: obs.length,
    rows: s.rows.count,
    first: obs[0] ? formatDay(obs[0].date) : null,
    last: last ? formatDay(last.date) : null,
    latest: last ? (states ? states[last.value]! : last.value) : null,
    vintages,
  };
}

/** A status series as known now, as the days its state changed. */
export function stateChanges(s: LoadedSeries, now: Day | undefined): { date: string; state: string }[] {
  const states = s.log.meta.states ?? [];
  const out: { date: string; state: string }[] = [];
  let prev: number | undefined;
  for (const o of s.log.asOf(now ?? s.log.newestVintage).observations()) {
    if (o.value !== prev) out.push({ date: formatDay(o.date), state: states[o.value]! });
    prev = o.value;
  }
  return out;
}

/** The last `n` observations as known now, newest first. */
export function recentObservations(s: LoadedSeries, now: Day | undefined, n: number): { date: string; value: number | string }[] {
  const states = s.log.meta.states;
  return s.log
    .asOf(now ?? s.log.newestVintage)
    .observations()
    .slice(-n)
    .reverse()
    .map((o) => ({ date: formatDay(o.date), value: states ? states[o.value]! : o.value }));
}
