/**
 * How pages split as the archive grows (a 10,000-note archive has 150,000 conditions): the dashboard
 * into periods, the note list into years, and the dashboard's sort orders. Pure functions over
 * synthetic records, so no build is needed to reach sizes the fixtures never will.
 */
import { describe, expect, test } from 'vitest';
import type { ConditionRecord, NoteRecord } from '../../src/archive/build-archive.ts';
import { day, formatDay } from '../../src/core/dates.ts';
import { INDEX_LIMIT, notesByYear, yearPages } from '../../src/lib/archive-pages.ts';
import { DASHBOARD_LIMIT, SORTS, dashboardPages, dashboardPath, dashboardPeriods, rowsOf, sortConditions } from '../../src/lib/dashboard.ts';

/** `perDay` single conditions on every day from `from`, newest first (archive order). */
function watches(from: string, days: number, perDay: number): ConditionRecord[] {
  const out: ConditionRecord[] = [];
  for (let d = days - 1; d >= 0; d--) {
    const date = formatDay(day(from) + d);
    for (let i = 0; i < perDay; i++) out.push({ kind: 'watch', note: `${date}-n`, id: `w${i}`, then: { date } } as unknown as ConditionRecord);
  }
  return out;
}

/** A group of `parts` conditions on `date`. */
const group = (date: string, id: string, parts: number) =>
  ({ kind: 'group', note: `${date}-n`, id, then: { date }, children: Array.from({ length: parts }, (_, i) => ({ kind: 'watch', note: `${date}-n`, id: `${id}-${i}`, group: id, then: { date } })) }) as unknown as ConditionRecord;

describe('dashboardPeriods', () => {
  test('up to the limit, one period holding every condition', () => {
    const ws = watches('2026-01-01', 10, 15);
    expect(ws.length).toBeLessThanOrEqual(DASHBOARD_LIMIT);
    const periods = dashboardPeriods(ws);
    expect(periods.map((p) => [p.slug, p.conditions.length, p.rows])).toEqual([['', 150, 150]]);
  });

  test('a group takes a row, and one more for each part, and stays on its page', () => {
    // 2 days × 400 single conditions, plus a group of 3 on the newer day: 804 rows.
    const ws = [group('2026-02-01', 'g', 3), ...watches('2026-01-31', 2, 400)];
    expect(dashboardPeriods(ws, 804).map((p) => [p.slug, p.conditions.length, p.rows])).toEqual([['', 801, 804]]);
    // One row fewer allowed: split by year, then month; the group's 4 rows count in February.
    const split = dashboardPeriods(ws, 803);
    expect(split.map((p) => [p.slug, p.conditions.length, p.rows])).toEqual([
      ['2026-02', 401, 404],
      ['2026-01', 400, 400],
    ]);
    expect(split[0]!.conditions.flatMap(rowsOf).map((c) => c.id).slice(0, 4)).toEqual(['g', 'g-0', 'g-1', 'g-2']);
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
    expect(periods.flatMap((p) => p.conditions)).toEqual(ws);
    // A period is a year unless the year is over the limit; a month is never split.
    for (const p of periods) {
      if (p.slug.length === 4) expect(p.rows).toBeLessThanOrEqual(limit);
      for (const w of p.conditions) expect(w.then.date.startsWith(p.slug)).toBe(true);
    }
  });

  test('10,000 daily notes × 15 conditions: pages stay under the limit of a month, and the split is linear', () => {
    const ws = watches('1999-01-01', 10_000, 15);
    const t = performance.now();
    const periods = dashboardPeriods(ws);
    const ms = performance.now() - t;
    expect(periods.flatMap((p) => p.conditions).length).toBe(150_000);
    expect(Math.max(...periods.map((p) => p.rows))).toBeLessThanOrEqual(31 * 15);
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

  test('pages: every period once; the newest is /watch/ in every order, an older one its note-date page only', () => {
    const periods = dashboardPeriods(watches('2024-12-01', 120, 15), 1000);
    const pages = dashboardPages(periods);
    expect(pages.map((p) => [p.slug, p.sorts.map((s) => s.key)])).toEqual([
      ['', ['date', 'first-met', 'series', 'status']],
      ['2025-02', ['date']],
      ['2025-01', ['date']],
      ['2024', ['date']],
    ]);
    expect(pages.map((p) => p.period)).toEqual(periods);
    const paths = pages.flatMap((p) => p.sorts.map((s) => dashboardPath(p.slug, s.slug)));
    expect(paths).toEqual(['/watch/', '/watch/by-first-met/', '/watch/by-series/', '/watch/by-status/', '/watch/2025-02/', '/watch/2025-01/', '/watch/2024/']);
    // A small archive: one period, every order.
    const one = dashboardPages(dashboardPeriods(watches('2026-01-01', 3, 2)));
    expect(one.map((p) => [p.slug, p.sorts])).toEqual([['', SORTS]]);
  });

  test('10,000 daily notes: dashboard pages grow with the periods, not four times them', () => {
    const periods = dashboardPeriods(watches('1999-01-01', 10_000, 15));
    const pages = dashboardPages(periods).reduce((n, p) => n + p.sorts.length, 0);
    expect(pages).toBe(periods.length + SORTS.length - 1);
  });
});

describe('sortConditions', () => {
  const w = (id: string, series: string, now: string, then: string, first: string | null, read: string[] = [series]) =>
    ({ kind: 'watch', note: 'n', id, series, seriesRead: read, now: { status: now }, then: { status: then }, firstMetShown: first }) as unknown as ConditionRecord;
  // A group reads its parts' series; it sorts by its own statuses, first met and first series by name.
  const g = { kind: 'group', note: 'n', id: 'g', seriesRead: ['zeta', 'Beta'], now: { status: 'met' }, then: { status: 'not-met' }, firstMetShown: '2026-04-01', children: [w('g1', 'zeta', 'met', 'met', null), w('g2', 'Beta', 'not-met', 'no-data', null)] } as unknown as ConditionRecord;
  const list = [w('a', 'zeta', 'not-met', 'met', '2026-03-01'), w('b', 'alpha', 'met', 'no-data', null), g, w('c', 'Beta', 'no-data', 'baseline', '2026-05-01'), w('d', 'alpha', 'met', 'met', '2026-03-01')];
  const name = (id: string) => id;

  test.each([
    ['date', ['a', 'b', 'g', 'c', 'd']],
    ['first-met', ['c', 'g', 'a', 'd', 'b']],
    ['series', ['b', 'd', 'g', 'c', 'a']],
    ['status', ['d', 'g', 'b', 'a', 'c']],
  ] as const)('%s', (key, ids) => {
    const sorted = sortConditions(list, key, name);
    expect(sorted.map((x) => x.id)).toEqual(ids);
    // Table rows: the group's parts right under it, in every order.
    const rows = sorted.flatMap(rowsOf).map((x) => x.id);
    expect(rows.slice(rows.indexOf('g'), rows.indexOf('g') + 3)).toEqual(['g', 'g1', 'g2']);
  });

  test('does not reorder its input', () => {
    sortConditions(list, 'series', name);
    expect(list.map((x) => x.id)).toEqual(['a', 'b', 'g', 'c', 'd']);
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
