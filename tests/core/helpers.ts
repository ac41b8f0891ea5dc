/** Small builders shared by the core tests: series metadata, CSV bytes, parsed logs, a seeded PRNG. */
import { day, formatDay, type Day } from '../../src/core/dates.ts';
import { parseObservationLog, type ObservationRows } from '../../src/core/observation-log.ts';
import type { SeriesMeta } from '../../src/core/schema.ts';
import { SeriesLog } from '../../src/core/store.ts';

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

/** mulberry32: a tiny deterministic PRNG, so random tests replay exactly. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (rand: () => number, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
export const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

export const d = day;
export const f = formatDay;
export const plus = (s: string, n: number): string => formatDay(day(s) + n);
export type { Day };
