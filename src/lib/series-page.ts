/**
 * What a series page shows besides the chart: facts about the log (logged or derived), its state
 * changes, a derived series' recipe in words, and a derived series' CSV (its view as known now).
 */
import type { DerivedSeries } from '../core/dataset.ts';
import { formatDay, type Day } from '../core/dates.ts';
import { decimalText } from '../core/observation-log.ts';
import type { Derive } from '../core/schema.ts';
import type { SeriesLog } from '../core/store.ts';
import { durationText, formatNumber } from './format.ts';

export interface SeriesFacts {
  /** Observation dates known now. */
  observations: number;
  /** Rows of the log: observations plus revisions (for a derived series, of its materialized log). */
  rows: number;
  first: string | null;
  last: string | null;
  /** The latest value as known now. */
  latest: number | string | null;
  /** Distinct vintages in the log. */
  vintages: number;
}

export function seriesFacts(log: SeriesLog, now: Day | undefined): SeriesFacts {
  const obs = log.asOf(now ?? log.newestVintage).observations();
  const states = log.meta.states;
  const last = obs.at(-1);
  return {
    observations: obs.length,
    rows: log.rowCount,
    first: obs[0] ? formatDay(obs[0].date) : null,
    last: last ? formatDay(last.date) : null,
    latest: last ? (states ? states[last.value]! : last.value) : null,
    vintages: new Set(log.versionVintage).size,
  };
}

/** A status series as known now, as the days its state changed. */
export function stateChanges(log: SeriesLog, now: Day | undefined): { date: string; state: string }[] {
  const states = log.meta.states ?? [];
  const out: { date: string; state: string }[] = [];
  let prev: number | undefined;
  for (const o of log.asOf(now ?? log.newestVintage).observations()) {
    if (o.value !== prev) out.push({ date: formatDay(o.date), state: states[o.value]! });
    prev = o.value;
  }
  return out;
}

/** The last `n` observations as known now, newest first. */
export function recentObservations(log: SeriesLog, now: Day | undefined, n: number): { date: string; value: number | string }[] {
  const states = log.meta.states;
  return log
    .asOf(now ?? log.newestVintage)
    .observations()
    .slice(-n)
    .reverse()
    .map((o) => ({ date: formatDay(o.date), value: states ? states[o.value]! : o.value }));
}

/** A part of a recipe sentence: text, or an input series (the page links it). */
export type RecipePart = string | { series: string };

const OP_NAME: Record<Derive['op'], string> = {
  spread: 'Spread',
  ratio: 'Ratio',
  sum: 'Sum',
  mean: 'Rolling mean',
  total: 'Rolling total',
  change: 'Change',
  'pct-change': 'Percent change',
};

/**
 * A derived series' recipe as a sentence: op, inputs (as links), window and scale, with when it has
 * an observation. `window` is the text of the YAML (`5d`, `4w`, `3m`, `2y`).
 */
export function recipeParts(d: Derive): { op: string; formula: RecipePart[]; when: string } {
  const inputs = d.of.map((series) => ({ series }));
  const join = (sep: string): RecipePart[] => inputs.flatMap((s, i) => (i === 0 ? [s] : [sep, s]));
  const scale = d.scale !== undefined && d.scale !== 1 ? `${formatNumber(d.scale)} × ` : '';
  const w = d.window === undefined ? '' : durationText(String(d.window));
  const x = inputs[0]!;
  const daily = 'one observation on every date on which any input has one, once every input has one on or before it (each at its latest value)';
  switch (d.op) {
    case 'spread':
      return { op: OP_NAME[d.op], formula: [scale ? `${scale}(` : '', ...join(' − '), scale ? ')' : ''].filter((p) => p !== ''), when: daily };
    case 'ratio':
      return { op: OP_NAME[d.op], formula: [scale, inputs[0]!, ' / ', inputs[1]!].filter((p) => p !== ''), when: `${daily}; none where the divisor is zero` };
    case 'sum':
      return { op: OP_NAME[d.op], formula: [scale ? `${scale}(` : '', ...join(' + '), scale ? ')' : ''].filter((p) => p !== ''), when: daily };
    case 'mean':
    case 'total':
      return {
        op: `${OP_NAME[d.op]} over ${w}`,
        formula: [`${scale}${d.op === 'mean' ? 'the mean' : 'the sum'} of `, x, ` over the ${w} up to each date`],
        when: `one observation on each date of the input, from its observations dated in the ${w} ending that day`,
      };
    case 'change':
      return { op: `${OP_NAME[d.op]} over ${w}`, formula: [scale ? `${scale}(` : '', x, `(t) − `, x, `(t − ${w})`, scale ? ')' : ''].filter((p) => p !== ''), when: `one observation on each date of the input that has a value ${w} earlier` };
    case 'pct-change':
      return {
        op: `${OP_NAME[d.op]} over ${w}`,
        formula: [`${scale}100 × (`, x, `(t) / `, x, `(t − ${w}) − 1)`],
        when: `one observation on each date of the input that has a value ${w} earlier; none where that value is zero`,
      };
  }
}

/** A derived series' download: `date,value` of its view as known on `now`. */
export function derivedCsv(log: SeriesLog, now: Day | undefined): string {
  let out = 'date,value\n';
  for (const o of log.asOf(now ?? log.newestVintage).observations()) out += `${formatDay(o.date)},${decimalText(o.value)!}\n`;
  return out;
}

/** Every series a page lists: logged ones with their log, derived ones with their recipe. */
export interface SeriesEntry {
  id: string;
  log: SeriesLog;
  /** The CSV log, for a logged series. */
  bytes: Uint8Array | undefined;
  derived: DerivedSeries | undefined;
}
