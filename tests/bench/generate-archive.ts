/**
 * A synthetic archive for the site benchmark: N notes of about 800 words, each with 15 <Watch>
 * conditions of every kind and 2 <SeriesChart>s, over 30 series (2 of kind status) of 10 years of
 * weekday data ending on the newest note's date, with revisions, and one sealed snapshot per note date.
 * Everything comes from a seeded PRNG: the same arguments write the same bytes.
 *
 * With the newer features (the default; `--no-features` or BENCH_FEATURES=0 turns them off) there are
 * also 7 derived series (spread, ratio, mean, total, change, pct-change over the synthetic ones) and
 * each note's 15 <Watch> elements include 4 on derived series, a `between`, an `equals` list, a trend
 * with `for`, and 3 of them in a <WatchGroup>; its prose cites 3 <Value>s. Without them the archive is
 * byte for byte the one earlier benchmark runs built, so the two can be compared.
 *
 *   npx node tests/bench/generate-archive.ts <folder> [--notes 1000] [--seed 1] [--no-features]
 *
 * Notes fall on consecutive calendar days ending on END, one per day, so there are N distinct snapshot
 * dates. With more notes than days of data (N > ~3,650), the oldest notes predate the data: their
 * conditions read "no data" then, as a real archive's oldest notes would about a series started later.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { day, formatDay, subtractDuration, type Day } from '../../src/core/dates.ts';
import { parseObservationLog } from '../../src/core/observation-log.ts';
import type { SeriesMeta } from '../../src/core/schema.ts';
import { buildSnapshots } from '../../src/core/seal.ts';
import { prng } from '../helpers/prng.ts';

/** The newest note's date and "now". Fixed, so runs on different days build the same archive. */
export const END = day('2026-06-30');
export const DATA_YEARS = 10;

export { prng };
type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/** 0 = Monday ... 6 = Sunday (day 0, 1970-01-01, was a Thursday). */
const weekday = (d: Day) => (((d + 3) % 7) + 7) % 7;
const isWeekday = (d: Day) => weekday(d) < 5;
const nextWeekday = (d: Day) => {
  let t = d + 1;
  while (!isWeekday(t)) t++;
  return t;
};

// ---------------------------------------------------------------------------------------------------
// Series

interface SeriesSpec {
  id: string;
  name: string;
  unit: string;
  level: number;
  /** Daily volatility as a fraction of the level. */
  vol: number;
  decimals: number;
  /** Published the next weekday (vintage = date + 1 weekday) rather than the same day. */
  lagged: boolean;
  states?: string[];
}

const NUMBER_SERIES: Array<[string, string, string, number, number]> = [
  ['policy-rate', 'Policy rate', 'percent', 4.25, 0.004],
  ['bill-3m', '3-month bill yield', 'percent', 4.1, 0.006],
  ['note-2y', '2-year note yield', 'percent', 3.9, 0.01],
  ['note-5y', '5-year note yield', 'percent', 3.8, 0.01],
  ['bond-10y', '10-year bond yield', 'percent', 4.2, 0.009],
  ['bond-30y', '30-year bond yield', 'percent', 4.6, 0.008],
  ['repo-rate', 'Overnight repo rate', 'percent', 4.3, 0.005],
  ['rate-vol', 'Rate volatility index', 'index points', 95, 0.03],
  ['equity-vol', 'Equity volatility index', 'index points', 17, 0.05],
  ['dollar-index', 'Trade-weighted dollar', 'index', 104, 0.004],
  ['yen-dollar', 'Yen per dollar', 'JPY per USD', 148, 0.006],
  ['euro-dollar', 'Dollars per euro', 'USD per EUR', 1.09, 0.005],
  ['ig-spread', 'Investment-grade spread', 'basis points', 110, 0.015],
  ['hy-spread', 'High-yield spread', 'basis points', 380, 0.02],
  ['term-premium', 'Term premium estimate', 'percent', 0.4, 0.05],
  ['breakeven-5y', '5-year breakeven', 'percent', 2.3, 0.01],
  ['oil-brent', 'Brent crude', 'USD per barrel', 78, 0.02],
  ['copper', 'Copper', 'USD per tonne', 8800, 0.013],
  ['gold', 'Gold', 'USD per ounce', 2300, 0.009],
  ['treasury-cash', 'Treasury cash balance', 'USD billions', 750, 0.03],
  ['bank-reserves', 'Bank reserves', 'USD billions', 3300, 0.008],
  ['reverse-repo', 'Reverse repo usage', 'USD billions', 400, 0.04],
  ['custody-holdings', 'Custody holdings for foreign officials', 'USD billions', 2900, 0.003],
  ['stablecoin-supply', 'Stablecoin supply', 'USD billions', 160, 0.006],
  ['auction-tail', 'Auction tail, 10-year', 'basis points', 0.5, 0.6],
  ['futures-net', 'Leveraged futures net position', 'thousand contracts', -700, 0.02],
  ['buyback-size', 'Buyback operation size', 'USD billions', 4, 0.05],
  ['foreign-10y', 'Foreign 10-year yield', 'percent', 1.2, 0.012],
];

const STATUS_SERIES: Array<[string, string, string[]]> = [
  ['bill-stage', 'Market structure bill', ['introduced', 'committee', 'passed-house', 'passed-senate', 'enacted']],
  ['facility-status', 'Standing lending facility', ['closed', 'open', 'paused']],
];

export const SERIES: SeriesSpec[] = [
  ...NUMBER_SERIES.map(([id, name, unit, level, vol], i) => ({ id, name, unit, level, vol, decimals: level > 1000 ? 0 : level > 50 ? 1 : 2, lagged: i % 3 === 0 })),
  ...STATUS_SERIES.map(([id, name, states]) => ({ id, name, unit: 'stage', level: 0, vol: 0, decimals: 0, lagged: false, states })),
];

/** A derived series: its recipe, and roughly its value on a day from the inputs' first-published values. */
interface DerivedSpec {
  id: string;
  name: string;
  unit: string;
  decimals: number;
  derive: string;
  approx: (at: (id: string, d: Day) => number, d: Day) => number;
}

const back = (d: Day, n: number, unit: 'd' | 'w' | 'm' | 'y') => subtractDuration(d, { n, unit });

export const DERIVED: DerivedSpec[] = [
  { id: 'curve-2s10s', name: '2s10s curve', unit: 'basis points', decimals: 1, derive: '{op: spread, of: [bond-10y, note-2y], scale: 100}', approx: (v, d) => 100 * (v('bond-10y', d) - v('note-2y', d)) },
  { id: 'repo-over-policy', name: 'Repo over the policy rate', unit: 'basis points', decimals: 1, derive: '{op: spread, of: [repo-rate, policy-rate], scale: 100}', approx: (v, d) => 100 * (v('repo-rate', d) - v('policy-rate', d)) },
  { id: 'cash-to-reserves', name: 'Treasury cash as a share of reserves', unit: 'percent', decimals: 2, derive: '{op: ratio, of: [treasury-cash, bank-reserves], scale: 100}', approx: (v, d) => (100 * v('treasury-cash', d)) / v('bank-reserves', d) },
  { id: 'rate-vol-1w', name: 'Rate volatility, one-week mean', unit: 'index points', decimals: 1, derive: '{op: mean, of: [rate-vol], window: 1w}', approx: (v, d) => v('rate-vol', d) },
  { id: 'buybacks-4w', name: 'Buybacks over four weeks', unit: 'USD billions', decimals: 1, derive: '{op: total, of: [buyback-size], window: 4w}', approx: (v, d) => 20 * v('buyback-size', d) },
  { id: 'policy-change-1y', name: 'Policy rate change over a year', unit: 'percent', decimals: 2, derive: '{op: change, of: [policy-rate], window: 1y}', approx: (v, d) => v('policy-rate', d) - v('policy-rate', back(d, 1, 'y')) },
  { id: 'stablecoin-3m', name: 'Stablecoin supply growth over three months', unit: 'percent', decimals: 2, derive: '{op: pct-change, of: [stablecoin-supply], window: 3m}', approx: (v, d) => 100 * (v('stablecoin-supply', d) / v('stablecoin-supply', back(d, 3, 'm')) - 1) },
];

function derivedYaml(s: DerivedSpec): string {
  return [`name: ${s.name}`, `unit: ${s.unit}`, 'frequency: daily', `source: "Derived: ${s.derive.replace(/[{}]/g, '')}"`, 'illustrative: true', `decimals: ${s.decimals}`, `derive: ${s.derive}`].join('\n') + '\n';
}

interface GeneratedSeries {
  spec: SeriesSpec;
  /** Weekday observation dates, ascending, and the first-published value of each. */
  dates: Day[];
  values: number[];
  csv: string;
  rows: number;
}

function yamlOf(s: SeriesSpec): string {
  const lines = [`name: ${s.name}`, `unit: ${s.unit}`, 'frequency: daily'];
  if (s.states) lines.push('kind: status', `states: [${s.states.join(', ')}]`);
  lines.push('source: asof benchmark generator', 'illustrative: true');
  if (!s.states) lines.push(`decimals: ${s.decimals}`);
  return lines.join('\n') + '\n';
}

function generateSeries(spec: SeriesSpec, start: Day, end: Day, rand: Rand): GeneratedSeries {
  const dates: Day[] = [];
  for (let d = start; d <= end; d++) if (isWeekday(d)) dates.push(d);
  const values: number[] = [];
  const round = (x: number) => Number(x.toFixed(spec.decimals));
  if (spec.states) {
    let s = 0;
    for (let i = 0; i < dates.length; i++) {
      // A stage changes about twice a year.
      if (rand() < 1 / 120) s = rand() < 0.7 ? Math.min(s + 1, spec.states.length - 1) : int(rand, 0, spec.states.length - 1);
      values.push(s);
    }
  } else {
    // Mean-reverting walk in log space, so levels stay plausible for a decade.
    let x = 0;
    for (let i = 0; i < dates.length; i++) {
      const shock = (rand() + rand() + rand() - 1.5) * 2 * spec.vol;
      x = x * 0.998 + shock;
      values.push(round(spec.level * Math.exp(x)));
    }
  }
  const fmt = (v: number) => (spec.states ? spec.states[v]! : v.toFixed(spec.decimals));
  // Rows: each date first published on its vintage; about 3% revised 1-10 weekdays later.
  const rows: Array<{ date: Day; vintage: Day; text: string }> = [];
  for (let i = 0; i < dates.length; i++) {
    const date = dates[i]!;
    const vintage = spec.lagged ? Math.min(nextWeekday(date), end) : date;
    rows.push({ date, vintage, text: fmt(values[i]!) });
    if (!spec.states && rand() < 0.03) {
      let rv = vintage;
      for (let k = int(rand, 1, 10); k > 0; k--) rv = nextWeekday(rv);
      if (rv <= end) rows.push({ date, vintage: rv, text: fmt(round(values[i]! * (1 + (rand() - 0.5) * 4 * spec.vol))) });
    }
  }
  // Append-only: file order is vintage order.
  rows.sort((a, b) => a.vintage - b.vintage || a.date - b.date);
  const csv = 'date,value,vintage\n' + rows.map((r) => `${formatDay(r.date)},${r.text},${formatDay(r.vintage)}\n`).join('');
  return { spec, dates, values, csv, rows: rows.length };
}

/** The first-published value on or before `d` (the generator's own view, close to the as-of one). */
function valueOn(s: GeneratedSeries, d: Day): number {
  let lo = 0;
  let hi = s.dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.dates[mid]! <= d) lo = mid + 1;
    else hi = mid;
  }
  return s.values[Math.max(0, lo - 1)]!;
}

// ---------------------------------------------------------------------------------------------------
// Prose

const SUBJECTS = [
  'Funding markets', 'The front end', 'Dealer balance sheets', 'Money funds', 'Foreign official holders', 'The curve',
  'Term lending', 'Collateral supply', 'Cross-currency basis', 'Hedged buyers', 'Leveraged accounts', 'The auction calendar',
  'Reserve managers', 'Primary dealers', 'Regional banks', 'Pension allocators', 'Issuance', 'Liquidity at the margin',
];
const VERBS = [
  'kept leaning on', 'moved away from', 'quietly absorbed', 'priced in', 'shrugged off', 'began to test',
  'leaned against', 'stopped rewarding', 'made room for', 'ran into', 'tracked', 'reopened the question of',
  'put a floor under', 'drifted toward', 'rebuilt exposure to', 'questioned',
];
const OBJECTS = [
  'the settlement calendar', 'quarter-end balance sheet limits', 'a heavier coupon supply', 'the swap spread',
  'the overnight corridor', 'duration demand', 'the reserve floor', 'a weaker yen', 'the basis trade',
  'bill issuance', 'the buyback schedule', 'custody flows', 'year-end funding', 'a flatter curve',
  'the repo backstop', 'tokenized collateral', 'the fiscal path', 'hedging costs',
];
const QUALIFIERS = [
  'without much fuss', 'for a second week', 'as the data came in softer', 'ahead of the refunding',
  'even as volatility eased', 'while spreads stayed contained', 'into the month end', 'despite firmer payrolls',
  'at the margin', 'on thinner volume', 'after the minutes', 'once the tax date passed', 'more than expected',
  'with little follow-through', 'as positioning turned',
];
const OPENERS = [
  'Meanwhile,', 'Still,', 'On balance,', 'For now,', 'More telling,', 'In practice,', 'Seen from the desk,',
  'Put differently,', 'Underneath that,', 'None of this means', 'The simple reading is that', 'What changed is that',
];
const HEADINGS = [
  'Where things stand', 'What moved', 'The funding picture', 'Positioning', 'Supply and demand', 'What we got wrong',
  'The policy angle', 'Cross-currents', 'Balance sheets', 'The long end',
];
const TITLE_A = ['Quiet', 'Thin', 'Heavy', 'Late', 'Patient', 'Uneven', 'Crowded', 'Slow', 'Sharp', 'Soft'];
const TITLE_B = ['funding', 'collateral', 'duration', 'reserves', 'issuance', 'basis', 'carry', 'hedging', 'auctions', 'liquidity'];
const TITLE_C = ['into quarter end', 'after the refunding', 'under a firmer dollar', 'with the curve', 'before the meeting', 'at the margin', 'and the long end', 'in a thin week'];
const TAGS = ['funding', 'rates', 'fx', 'credit', 'liquidity', 'fiscal', 'policy', 'volatility', 'commodities', 'stablecoins', 'auctions', 'positioning'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function sentence(r: Rand): string {
  const core = `${pick(r, SUBJECTS).toLowerCase()} ${pick(r, VERBS)} ${pick(r, OBJECTS)} ${pick(r, QUALIFIERS)}`;
  if (r() < 0.35) {
    const o = pick(r, OPENERS);
    return `${o} ${core}.`;
  }
  return `${core[0]!.toUpperCase()}${core.slice(1)}.`;
}

function paragraph(r: Rand, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(r)).join(' ');
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

// ---------------------------------------------------------------------------------------------------
// Notes

export interface GeneratedNote {
  id: string;
  date: Day;
  /** The MDX with the asof components. */
  mdx: string;
}

const fmtN = (v: number, decimals: number) => Number(v.toFixed(decimals));

/** The 15 conditions of a note: every test kind, with and without `for` (days, weeks and months). */
/** What both condition generators draw from: the series by kind, compared pairs, thresholds near a value. */
function conditionTools(r: Rand, D: Day, all: GeneratedSeries[]) {
  const numbers = all.filter((s) => !s.spec.states);
  const statuses = all.filter((s) => s.spec.states);
  // Series compared with each other share a unit (yields with yields, balances with balances).
  const paired = numbers.filter((s) => numbers.some((o) => o !== s && o.spec.unit === s.spec.unit));
  const takeNumbers = () => {
    const a = pick(r, paired);
    const b = pick(r, paired.filter((o) => o !== a && o.spec.unit === a.spec.unit));
    return [a, b] as const;
  };
  const nearValue = (v: number, decimals: number, spread: number) => fmtN(v * (1 + (r() - 0.5) * spread), decimals);
  const nearS = (s: GeneratedSeries, spread: number) => nearValue(valueOn(s, D), s.spec.decimals, spread);
  const out: string[] = [];
  const w = (attrs: string, label: string) => out.push(`<Watch ${attrs}>${label}</Watch>`);
  return { numbers, statuses, takeNumbers, nearValue, nearS, out, w };
}

function watches(r: Rand, D: Day, all: GeneratedSeries[]): string[] {
  const { numbers, statuses, takeNumbers, nearS: near, out, w } = conditionTools(r, D, all);
  const name = (s: GeneratedSeries) => s.spec.name;
  let s = pick(r, numbers);
  let n = near(s, 0.1);
  w(`series="${s.spec.id}" above={${n}}`, `${name(s)} above ${n}`);
  s = pick(r, numbers);
  n = near(s, 0.1);
  w(`series="${s.spec.id}" below={${n}}`, `${name(s)} below ${n}`);
  let [a, b] = takeNumbers();
  w(`series="${a.spec.id}" above="${b.spec.id}"`, `${name(a)} above ${name(b)}`);
  [a, b] = takeNumbers();
  w(`series="${a.spec.id}" below="${b.spec.id}"`, `${name(a)} below ${name(b)}`);
  s = pick(r, numbers);
  w(`series="${s.spec.id}" above="then"`, `${name(s)} higher than on the day of this note`);
  s = pick(r, numbers);
  w(`series="${s.spec.id}" below="then"`, `${name(s)} lower than on the day of this note`);
  let st = pick(r, statuses);
  let state = pick(r, st.spec.states!);
  w(`series="${st.spec.id}" equals="${state}"`, `${name(st)} reaches ${state.replace(/-/g, ' ')}`);
  s = pick(r, numbers);
  w(`series="${s.spec.id}" trend="rising" over="4w"`, `${name(s)} rising over four weeks`);
  s = pick(r, numbers);
  w(`series="${s.spec.id}" trend="falling" over="3m"`, `${name(s)} falling over three months`);
  s = pick(r, numbers);
  n = near(s, 0.08);
  w(`series="${s.spec.id}" above={${n}} for="14d"`, `${name(s)} holds above ${n} for 14 days`);
  s = pick(r, numbers);
  n = near(s, 0.08);
  w(`series="${s.spec.id}" below={${n}} for="2w"`, `${name(s)} stays below ${n} for two weeks`);
  st = pick(r, statuses);
  state = pick(r, st.spec.states!);
  w(`series="${st.spec.id}" equals="${state}" for="1m"`, `${name(st)} sits at ${state.replace(/-/g, ' ')} for a month`);
  [a, b] = takeNumbers();
  w(`series="${a.spec.id}" above="${b.spec.id}" for="5d"`, `${name(a)} above ${name(b)} for five days`);
  s = pick(r, numbers);
  w(`series="${s.spec.id}" trend="not-rising" over="1y"`, `${name(s)} no higher than a year earlier`);
  s = pick(r, numbers);
  w(`series="${s.spec.id}" below="then" for="3m"`, `${name(s)} below its level on this date for three months`);
  return out;
}

/** A derived series as the note generator sees it. */
interface DerivedSeries {
  spec: DerivedSpec;
  valueOn: (d: Day) => number;
}

/**
 * The 15 conditions of a note with the newer features: the same slots as `watches`, with 4 reading
 * derived series, a band, a list of states, a sustained trend, and the last 3 in a group.
 */
function featureWatches(r: Rand, D: Day, all: GeneratedSeries[], derived: DerivedSeries[]): string[] {
  const { numbers, statuses, takeNumbers, nearValue: near, nearS, out, w } = conditionTools(r, D, all);
  const name = (s: GeneratedSeries | DerivedSeries) => s.spec.name;
  const states = (st: GeneratedSeries) => {
    const a = pick(r, st.spec.states!);
    let b = pick(r, st.spec.states!);
    while (b === a) b = pick(r, st.spec.states!);
    return [a, b];
  };
  // Derived: a spread or ratio against a number, a mean against then, a change trend, a growth rate held.
  let d = pick(r, derived.slice(0, 3));
  let n = near(d.valueOn(D), d.spec.decimals, 0.2);
  w(`series="${d.spec.id}" above={${n}}`, `${name(d)} above ${n}`);
  let s = pick(r, numbers);
  n = nearS(s, 0.1);
  w(`series="${s.spec.id}" below={${n}}`, `${name(s)} below ${n}`);
  let [a, b] = takeNumbers();
  w(`series="${a.spec.id}" above="${b.spec.id}"`, `${name(a)} above ${name(b)}`);
  [a, b] = takeNumbers();
  w(`series="${a.spec.id}" below="${b.spec.id}"`, `${name(a)} below ${name(b)}`);
  d = pick(r, derived.slice(3, 5));
  w(`series="${d.spec.id}" above="then"`, `${name(d)} higher than on the day of this note`);
  s = pick(r, numbers);
  w(`series="${s.spec.id}" below="then"`, `${name(s)} lower than on the day of this note`);
  let st = pick(r, statuses);
  const [x, y] = states(st);
  w(`series="${st.spec.id}" equals={["${x}", "${y}"]}`, `${name(st)} at ${x!.replace(/-/g, ' ')} or ${y!.replace(/-/g, ' ')}`);
  s = pick(r, numbers);
  w(`series="${s.spec.id}" trend="rising" over="4w"`, `${name(s)} rising over four weeks`);
  d = pick(r, derived.slice(5));
  w(`series="${d.spec.id}" trend="falling" over="3m"`, `${name(d)} falling over three months`);
  s = pick(r, numbers);
  const band = [nearS(s, 0.08), nearS(s, 0.08)].sort((p, q) => p - q);
  w(`series="${s.spec.id}" between={[${band[0]}, ${band[1]}]} for="14d"`, `${name(s)} between ${band[0]} and ${band[1]} for 14 days`);
  d = pick(r, derived);
  n = near(d.valueOn(D), d.spec.decimals, 0.3);
  w(`series="${d.spec.id}" below={${n}} for="2w"`, `${name(d)} stays below ${n} for two weeks`);
  st = pick(r, statuses);
  const state = pick(r, st.spec.states!);
  w(`series="${st.spec.id}" equals="${state}" for="1m"`, `${name(st)} sits at ${state.replace(/-/g, ' ')} for a month`);
  [a, b] = takeNumbers();
  w(`series="${a.spec.id}" above="${b.spec.id}" for="5d"`, `${name(a)} above ${name(b)} for five days`);
  s = pick(r, numbers);
  w(`series="${s.spec.id}" trend="not-rising" over="4w" for="2w"`, `${name(s)} no higher than four weeks earlier, for two weeks`);
  s = pick(r, numbers);
  w(`series="${s.spec.id}" below="then" for="3m"`, `${name(s)} below its level on this date for three months`);
  const require = pick(r, ['"all"', '"any"', '{2}']);
  const group = `<WatchGroup title="${pick(r, SUBJECTS)} confirm the turn" require=${require}>\n${out.slice(-3).map((c) => `  ${c}`).join('\n')}\n</WatchGroup>`;
  return [...out.slice(0, -3), group];
}

/** A sentence citing 3 numbers with <Value>: a level, a high since a year earlier, a change over three months. */
function valueSentence(r: Rand, D: Day, all: GeneratedSeries[]): string {
  const numbers = all.filter((s) => !s.spec.states);
  const a = pick(r, numbers);
  const b = pick(r, numbers);
  const c = pick(r, numbers);
  const bp = /percent/.test(c.spec.unit) ? ' unit="bp"' : '';
  return (
    `${a.spec.name} stood at <Value series="${a.spec.id}" />, ${b.spec.name.toLowerCase()} peaked at ` +
    `<Value series="${b.spec.id}" stat="max" from="${formatDay(back(D, 1, 'y'))}" /> over the past year, and ` +
    `${c.spec.name.toLowerCase()} moved <Value series="${c.spec.id}" change from="${formatDay(back(D, 3, 'm'))}"${bp} /> in three months.`
  );
}

function noteMdx(r: Rand, D: Day, dataStart: Day, all: GeneratedSeries[], earlier: readonly GeneratedNote[], derived: DerivedSeries[] | null): { id: string; mdx: string } {
  const title = `${pick(r, TITLE_A)} ${pick(r, TITLE_B)} ${pick(r, TITLE_C)}`;
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const id = `${formatDay(D)}-${slug}`;
  const tags = [...new Set([pick(r, TAGS), pick(r, TAGS), pick(r, TAGS)])];
  const numbers = all.filter((s) => !s.spec.states);
  const c1 = pick(r, numbers);
  let c2 = pick(r, numbers);
  while (c2 === c1) c2 = pick(r, numbers);
  const mark = fmtN(valueOn(c1, D), c1.spec.decimals);
  const cond = derived ? featureWatches(r, D, all, derived) : watches(r, D, all);

  const parts: string[] = [];
  parts.push('<WatchSummary />');
  parts.push(`## ${pick(r, HEADINGS)}`);
  parts.push(paragraph(r, 6));
  if (derived) parts.push(`${sentence(r)} ${valueSentence(r, D, all)}`);
  if (earlier.length && r() < 0.4) {
    const target = earlier[int(r, Math.max(0, earlier.length - 60), earlier.length - 1)]!;
    const t = new Date(target.date * 86_400_000);
    parts.push(`${sentence(r)} We made the case in [the ${MONTHS[t.getUTCMonth()]} ${t.getUTCDate()} note](/notes/${target.id}/), and ${sentence(r).toLowerCase()}`);
  }
  parts.push(paragraph(r, 5));
  // A 10-year daily chart (the whole data range) with a threshold, and one with the default range.
  parts.push(`<SeriesChart series="${c1.spec.id}" from="${formatDay(dataStart)}" mark={${mark}} />`);
  parts.push(`## ${pick(r, HEADINGS)}`);
  parts.push(paragraph(r, 6));
  parts.push(paragraph(r, 5));
  parts.push(`<SeriesChart series="${c2.spec.id}" />`);
  parts.push(`## ${pick(r, HEADINGS)}`);
  parts.push(paragraph(r, 5));
  // Fill to about 800 words of prose and labels.
  const watchWords = words(stripComponents(cond.join('\n\n'))) + 3;
  while (words(stripComponents(parts.join('\n\n'))) + watchWords < 780) parts.push(paragraph(r, 3));
  parts.push('## What to Watch');
  parts.push(...cond);
  const body = parts.join('\n\n');
  const summary = sentence(r);
  const fm = ['---', `title: ${title}`, `date: ${formatDay(D)}`, `summary: ${summary}`, `tags: [${tags.join(', ')}]`, '---', ''];
  return { id, mdx: fm.join('\n') + '\n' + body + '\n' };
}

/**
 * The same note as plain MDX: each <Watch> becomes its label text, a <WatchGroup> its title, a <Value>
 * a number, and <WatchSummary> and <SeriesChart> go.
 */
export function stripComponents(mdx: string): string {
  return mdx
    .replace(/<Watch\b[^>]*>([\s\S]*?)<\/Watch>/g, '$1')
    .replace(/<WatchGroup\b[^>]*\btitle="([^"]*)"[^>]*>/g, '$1')
    .replace(/<\/WatchGroup>/g, '')
    .replace(/<Value\b[^>]*\/>/g, '4.25')
    .replace(/<WatchSummary\s*\/>\n*/g, '')
    .replace(/<SeriesChart\b[^>]*\/>\n*/g, '');
}

export interface GenerateOptions {
  notes: number;
  seed?: number;
  /** Derived series, groups, bands, lists of states, sustained trends and <Value>s. Default: on unless BENCH_FEATURES=0. */
  features?: boolean;
}

export interface GeneratedArchive {
  root: string;
  notes: GeneratedNote[];
  dataStart: Day;
  now: Day;
  series: number;
  /** Of `series`, how many are derived. */
  derived: number;
  rows: number;
  snapshots: number;
  features: boolean;
}

/** Writes the archive (content/notes, data/series, data/snapshots) under `root`, replacing what was there. */
export function generateArchive(root: string, options: GenerateOptions): GeneratedArchive {
  const seed = options.seed ?? 1;
  const N = options.notes;
  if (!Number.isInteger(N) || N < 1) throw new Error(`--notes must be a positive integer, not ${N}`);
  const dataStart = subtractDuration(END, { n: DATA_YEARS, unit: 'y' }) + 1;
  rmSync(join(root, 'content'), { recursive: true, force: true });
  rmSync(join(root, 'data'), { recursive: true, force: true });
  const notesDir = join(root, 'content', 'notes');
  const seriesDir = join(root, 'data', 'series');
  const snapDir = join(root, 'data', 'snapshots');
  for (const d of [notesDir, seriesDir, snapDir]) mkdirSync(d, { recursive: true });

  const all = SERIES.map((spec, i) => generateSeries(spec, dataStart, END, prng(seed * 1000 + i)));
  const logs = all.map((s) => {
    writeFileSync(join(seriesDir, `${s.spec.id}.yaml`), yamlOf(s.spec));
    writeFileSync(join(seriesDir, `${s.spec.id}.csv`), s.csv);
    const meta: SeriesMeta = { name: s.spec.name, unit: s.spec.unit, frequency: 'daily', kind: s.spec.states ? 'status' : 'number', source: 'x', ...(s.spec.states ? { states: s.spec.states } : {}) };
    const bytes = new TextEncoder().encode(s.csv);
    const parsed = parseObservationLog(`data/series/${s.spec.id}.csv`, bytes, meta);
    if (parsed.problems.length) throw new Error(`generator bug: ${JSON.stringify(parsed.problems.slice(0, 3))}`);
    return { id: s.spec.id, bytes, rows: parsed.rows };
  });

  const features = options.features ?? process.env.BENCH_FEATURES !== '0';
  const byId = new Map(all.map((s) => [s.spec.id, s]));
  const at = (id: string, d: Day) => valueOn(byId.get(id)!, d);
  const derived = features ? DERIVED.map((spec) => ({ spec, valueOn: (d: Day) => spec.approx(at, d) })) : null;
  for (const d of derived ?? []) writeFileSync(join(seriesDir, `${d.spec.id}.yaml`), derivedYaml(d.spec));

  const dates = Array.from({ length: N }, (_, i) => END - (N - 1) + i);
  const snaps = buildSnapshots(dates, logs);
  for (const s of snaps) writeFileSync(join(snapDir, `${s.date}.json`), JSON.stringify(s, null, 2) + '\n');

  const rand = prng(seed);
  const notes: GeneratedNote[] = [];
  for (const D of dates) {
    const { id, mdx } = noteMdx(rand, D, dataStart, all, notes, derived);
    notes.push({ id, date: D, mdx });
    writeFileSync(join(notesDir, `${id}.mdx`), mdx);
  }
  const series = all.length + (derived?.length ?? 0);
  return { root, notes, dataStart, now: END, series, derived: derived?.length ?? 0, rows: all.reduce((n, s) => n + s.rows, 0), snapshots: snaps.length, features };
}

/** Writes the plain-MDX copy of the notes into `dir`. */
export function writePlainNotes(notes: readonly GeneratedNote[], dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const n of notes) writeFileSync(join(dir, `${n.id}.mdx`), stripComponents(n.mdx));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const folder = args.find((a, i) => !a.startsWith('--') && !['--notes', '--seed'].includes(args[i - 1] ?? ''));
  const flag = (name: string, dflt: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  if (!folder) {
    console.error('usage: npx node tests/bench/generate-archive.ts <folder> [--notes 1000] [--seed 1] [--no-features]');
    process.exit(2);
  }
  const t0 = performance.now();
  const g = generateArchive(resolve(folder), { notes: flag('notes', 1000), seed: flag('seed', 1), ...(args.includes('--no-features') ? { features: false } : {}) });
  console.log(`${g.notes.length} notes${g.features ? ' with the newer features' : ''}, ${g.series} series (${g.derived} derived), ${g.rows} rows, ${g.snapshots} snapshots in ${((performance.now() - t0) / 1000).toFixed(1)} s -> ${g.root}`);
}
