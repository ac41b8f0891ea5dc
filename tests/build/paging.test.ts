/**
 * How pages split as the archive grows (a 10,000-note archive has 150,000 conditions): the dashboard
 * into periods, the note list into years, and the dashboard's sort orders. Pure functions over
 * synthetic records, so no build is needed to reach sizes the fixtures never will.
 */
import { describe, expect, test } from 'vitest';
import type { NoteRecord, WatchRecord } from '../../src/archive/build-archive.ts';
import { day, formatDay } from '../../src/core/dates.ts';
import { INDEX_LIMIT, notesByYear, yearPages } from '../../src/lib/archive-pages.ts';
import { DASHBOARD_LIMIT, SORTS, dashboardPath, dashboardPeriods, sortWatches } from '../../src/lib/dashboard.ts';

/** `perDay` conditions on every day from `from`, newest first (archive order). */
function watches(from: string, days: number, perDay: number): WatchRecord[] {
  const out: WatchRecord[] = [];
  for (let d = days - 1; d >= 0; d--) {
    const date = formatDay(day(from) + d);
    for (let i = 0; i < perDay; i++) out.push({ note: `${date}-n`, id: `w${i}`, then: { date } } as unknown as WatchRecord);
  }
  return out;
}

describe('dashboardPeriods', () => {
  test('up to the limit, one period holding every condition', () => {
    const ws = watches('2026-01-01', 10, 15);
    expect(ws.length).toBeLessThanOrEqual(DASHBOARD_LIMIT);
    const periods = dashboardPeriods(ws);
    expect(periods.map((p) => [p.slug, p.watches.length])).toEqual([['', 150]]);
  });

  test.each([
    // [first day, days, conditions per day, limit] → expected period slugs
    ['2024-12-01', 120, 15, 1000, ['2025-03', '2025-02', '2025-01', '2024']],
    ['2025-01-01', 730, 2, 1000, ['2026', '2025']],
    ['2025-01-01', 365, 15, 100_000, ['']],
  ] as const)('from %s, %i days × %i per day, limit %i: periods %j', (from, days, perDay, limit, slugs) => {
    const ws = watches(from, days, perDay);
    const periods = dashboardPeriods(ws, limit);
    expect(periods.map((p) => p.slug)).toEqual(slugs);
    // Every condition exactly once, in archive order.
    expect(periods.flatMap((p) => p.watches)).toEqual(ws);
    // A period is a year unless the year is over the limit; a month is never split.
    for (const p of periods) {
      if (p.slug.length === 4) expect(p.watches.length).toBeLessThanOrEqual(limit);
      for (const w of p.watches) expect(w.then.date.startsWith(p.slug)).toBe(true);
    }
  });

  test('10,000 daily notes × 15 conditions: pages stay under the limit of a month, and the split is linear', () => {
    const ws = watches('1999-01-01', 10_000, 15);
    const t = performance.now();
    const periods = dashboardPeriods(ws);
    const ms = performance.now() - t;
    expect(periods.flatMap((p) => p.watches).length).toBe(150_000);
    expect(Math.max(...periods.map((p) => p.watches.length))).toBeLessThanOrEqual(31 * 15);
    expect(new Set(periods.map((p) => p.slug)).size).toBe(periods.length);
    expect(ms).toBeLessThan(1000);
  });

  test('paths: /watch/ for the default view, one folder per period and sort', () => {
    expect(dashboardPath('', '')).toBe('/watch/');
    expect(dashboardPath('', 'by-series')).toBe('/watch/by-series/');
    expect(dashboardPath('2026-05', '')).toBe('/watch/2026-05/');
    expect(dashboardPath('2026', 'by-first-met')).toBe('/watch/2026/by-first-met/');
    expect(new Set(SORTS.map((s) => s.slug)).size).toBe(SORTS.length);
  });
});

describe('sortWatches', () => {
  const w = (id: string, series: string, now: string, then: string, first: string | null) =>
    ({ note: 'n', id, series, now: { status: now }, then: { status: then }, firstMetAfterNote: first }) as unknown as WatchRecord;
  const list = [w('a', 'zeta', 'not-met', 'met', '2026-03-01'), w('b', 'alpha', 'met', 'no-data', null), w('c', 'Beta', 'no-data', 'baseline', '2026-05-01'), w('d', 'alpha', 'met', 'met', '2026-03-01')];
  const name = (id: string) => id;

  test.each([
    ['date', ['a', 'b', 'c', 'd']],
    ['first-met', ['c', 'a', 'd', 'b']],
    ['series', ['b', 'd', 'c', 'a']],
    ['status', ['d', 'b', 'a', 'c']],
  ] as const)('%s', (key, ids) => {
    expect(sortWatches(list, key, name).map((x) => x.id)).toEqual(ids);
  });

  test('does not reorder its input', () => {
    sortWatches(list, 'series', name);
    expect(list.map((x) => x.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('year pages', () => {
  const notes = (n: number, from: string) =>
    Array.from({ length: n }, (_, i) => ({ id: `x${i}`, date: formatDay(day(from) - i) }) as unknown as NoteRecord);

  test('none while the home page can list every note', () => {
    expect(yearPages(notes(INDEX_LIMIT, '2026-06-30'))).toEqual([]);
  });

  test('beyond it, one page per year, newest first, every note once', () => {
    const all = notes(INDEX_LIMIT + 400, '2026-06-30');
    const years = yearPages(all);
    expect(years.map((y) => y.year)).toEqual(['2026', '2025', '2024']);
    expect(years.flatMap((y) => y.notes)).toEqual(all);
    expect(notesByYear(all)).toEqual(years);
  });
});
