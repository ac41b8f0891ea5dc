/** Small builders shared by the core tests: series metadata, CSV bytes, parsed logs, a seeded PRNG. */
import { day, formatDay, type Day } from '../../src/core/dates.ts';
import { parseObservationLog, type ObservationRows } from '../../src/core/observation-log.ts';
import type { SeriesMeta } from '../../src/core/schema.ts';
import { SeriesLog, type Observation } from '../../src/core/store.ts';
import { prng } from '../helpers/prng.ts';
export { prng };

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

export function numberMeta(over: Partial<SeriesMeta> = {}): SeriesMeta {
  return { name: 'Test', unit: 'pct', frequency: 'daily', kind: 'number', source: 'tests', ...over };
}

export function statusMeta(states: string[], over: Partial<SeriesMeta> = {}): SeriesMeta {
  return { name: 'Bill', unit: 'stage', frequency: 'irregular', kind: 'status', states, source: 'tests', ...over };
}

/** A row as written: date, value, vintage (vintage defaults to the date). */
export type Row = readonly [date: string, value: string | number, vintage?: string];

export function csvText(rows: readonly Row[]): string {
  return 'date,value,vintage\n' + rows.map(([d, v, vin]) => `${d},${v},${vin ?? d}\n`).join('');
}

export interface ParsedSeries {
  bytes: Uint8Array;
  rows: ObservationRows;
  log: SeriesLog;
}

/** Parses rows into a log; fails the test on any problem, since callers mean the rows to be valid. */
export function series(id: string, rows: readonly Row[], meta: SeriesMeta = numberMeta()): ParsedSeries {
  const bytes = enc(csvText(rows));
  const parsed = parseObservationLog(`data/series/${id}.csv`, bytes, meta);
  if (parsed.problems.length) throw new Error(`bad test rows for ${id}: ${JSON.stringify(parsed.problems)}`);
  return { bytes, rows: parsed.rows, log: new SeriesLog(id, meta, parsed.rows) };
}


export const int = (rand: () => number, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
export const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

export const d = day;
export const f = formatDay;
export const plus = (s: string, n: number): string => formatDay(day(s) + n);

export interface RawRow {
  date: Day;
  value: number;
  vintage: Day;
}

/** The as-of lookup by definition: among rows known on V dated <= t, the latest date, its latest vintage. */
export function naiveAt(rows: readonly RawRow[], V: Day, t: Day): Observation | undefined {
  let best: RawRow | undefined;
  for (const r of rows) {
    if (r.vintage > V || r.date > t) continue;
    if (!best || r.date > best.date || (r.date === best.date && r.vintage > best.vintage)) best = r;
  }
  return best && { date: best.date, value: best.value };
}

/**
 * A random append-only log with live rows, revisions and backfills (old dates with new vintages).
 * With backfillRate 0 every new date is later than all known ones, so first vintages ascend.
 */
export function randomLog(rand: () => number, start: Day, days: number, backfillRate: number): RawRow[] {
  const rows: RawRow[] = [];
  const seen = new Set<string>();
  const known: Day[] = [];
  let newest = -Infinity;
  for (let v = start; v < start + days; v++) {
    const steps = int(rand, 0, 3);
    for (let s = 0; s < steps; s++) {
      const r = rand();
      let date: Day;
      if (r < backfillRate) date = v - int(rand, 5, 200);
      else if (r < backfillRate + 0.2 && known.length) date = known[int(rand, 0, known.length - 1)]!;
      else date = v - int(rand, 0, 3);
      if (backfillRate === 0 && date <= newest && !known.includes(date)) continue;
      newest = Math.max(newest, date);
      const key = `${date},${v}`;
      if (seen.has(key)) continue;
      seen.add(key);
      known.push(date);
      rows.push({ date, value: int(rand, -50, 50) / 4, vintage: v });
    }
  }
  return rows;
}

export const toRows = (raw: readonly RawRow[]): Row[] => raw.map((r) => [formatDay(r.date), r.value, formatDay(r.vintage)]);

export type { Day };
