import { gzipSync } from 'node:zlib';
import { displayDate } from '../../src/lib/format.ts';
import { describe, expect, it } from 'vitest';
import {
  chartData,
  dayTicks,
  decimate,
  decimatePoints,
  knownSeries,
  linePath,
  niceTicks,
  revisionOverlay,
  sampleRows,
  scale,
  stepPath,
  stepWindow,
} from '../../src/core/chart-data.ts';
import { day, formatDay } from '../../src/core/dates.ts';
import { int, prng, series, type Row } from './helpers.ts';

/** `n` consecutive daily rows from `start`, values from `value(i)`, each known on its own date. */
function daily(start: string, n: number, value: (i: number) => number): Row[] {
  return Array.from({ length: n }, (_, i) => {
    const date = formatDay(day(start) + i);
    return [date, value(i), date] as const;
  });
}

const TEN_YEARS = 3653;

describe('KnownSeries range extrema', () => {
  it('argMin/argMax agree with a scan on random ranges', () => {
    const rand = prng(7);
    const { log } = series('r', daily('2020-01-01', 500, () => Math.round(rand() * 1000) / 10));
    const s = knownSeries(log, day('2030-01-01'));
    for (let k = 0; k < 400; k++) {
      const lo = int(rand, 0, 499);
      const hi = int(rand, lo + 1, 500);
      let mn = lo;
      let mx = lo;
      for (let i = lo; i < hi; i++) {
        if (s.values[i]! < s.values[mn]!) mn = i;
        if (s.values[i]! > s.values[mx]!) mx = i;
      }
      expect(s.argMin(lo, hi)).toBe(mn);
      expect(s.argMax(lo, hi)).toBe(mx);
    }
  });

  it('holds only the dates known on its vintage, at their values then', () => {
    const { log } = series('r', [
      ['2026-01-01', 1, '2026-01-01'],
      ['2026-01-02', 2, '2026-01-05'],
      ['2026-01-01', 9, '2026-01-10'],
    ]);
    const at = (v: string) => {
      const s = knownSeries(log, day(v));
      return [...s.dates].map((d, i) => [formatDay(d), s.values[i]]);
    };
    expect(at('2026-01-01')).toEqual([['2026-01-01', 1]]);
    expect(at('2026-01-05')).toEqual([['2026-01-01', 1], ['2026-01-02', 2]]);
    expect(at('2026-01-10')).toEqual([['2026-01-01', 9], ['2026-01-02', 2]]);
  });
});

describe('decimate', () => {
  it.each([
    // [points, buckets]
    [10, 5],
    [10, 800],
    [1600, 800],
  ])('keeps all %i points when they fit in %i buckets', (n, buckets) => {
    const { log } = series('r', daily('2020-01-01', n, (i) => i % 7));
    const s = knownSeries(log, day('2030-01-01'));
    const p = decimate(s, day('2020-01-01'), day('2020-01-01') + n - 1, buckets);
    expect(p.x.length).toBe(n);
  });

  it.each([
    [800, 'a 800 px chart'],
    [400, 'a 400 px chart'],
    [60, 'a sparkline'],
  ])('keeps at most two points per pixel of ten years of daily data for %i buckets (%s), spikes included', (buckets) => {
    const rand = prng(buckets);
    const rows = daily('2016-01-01', TEN_YEARS, (i) => Math.round((100 + 10 * Math.sin(i / 50) + rand()) * 100) / 100);
    // One-day spikes, up and down, far outside the noise.
    rows[1234] = [rows[1234]![0], 500, rows[1234]![2]];
    rows[2345] = [rows[2345]![0], -300, rows[2345]![2]];
    const { log } = series('r', rows);
    const s = knownSeries(log, day('2030-01-01'));
    const from = day('2016-01-01');
    const p = decimate(s, from, from + TEN_YEARS - 1, buckets);
    expect(p.x.length).toBeLessThanOrEqual(2 * buckets);
    expect(p.x.length).toBeGreaterThan(buckets); // min and max of most slices
    expect(p.y).toContain(500);
    expect(p.y).toContain(-300);
    for (let i = 1; i < p.x.length; i++) expect(p.x[i]!).toBeGreaterThan(p.x[i - 1]!);
    // Every kept point is a real observation.
    const byDay = new Map(rows.map(([d, v]) => [day(d), Number(v)]));
    p.x.forEach((x, i) => expect(byDay.get(x)).toBe(p.y[i]));
  });

  it('returns nothing for a range with no observations', () => {
    const { log } = series('r', daily('2020-01-01', 10, (i) => i));
    const p = decimate(knownSeries(log, day('2030-01-01')), day('2021-01-01'), day('2021-12-31'), 100);
    expect(p).toEqual({ x: [], y: [] });
  });

  it('decimatePoints keeps at most two points per bucket and the extremes', () => {
    const x = Array.from({ length: 5000 }, (_, i) => i);
    const y = x.map((i) => (i === 4321 ? 99 : i === 17 ? -99 : i % 10));
    const p = decimatePoints({ x, y }, 100);
    expect(p.x.length).toBeLessThanOrEqual(200);
    expect(p.y).toContain(99);
    expect(p.y).toContain(-99);
  });
});

describe('revisionOverlay', () => {
  // Daily values known on their dates; Jan 5-6 revised on Jan 20; Jan 8 restated unchanged on Jan 20;
  // Jan 12 revised on Jan 25 (after "now" = Jan 22, so invisible); Jan 15 first known on Jan 18 (a late
  // observation, not a revision); Jan 17 revised on the snapshot's own day (Jan 18), so never differs.
  const rows: Row[] = [
    ...daily('2026-01-01', 14, (i) => 10 + i),
    ['2026-01-16', 30, '2026-01-16'],
    ['2026-01-17', 31, '2026-01-17'],
    ['2026-01-17', 32, '2026-01-18'],
    ['2026-01-15', 29, '2026-01-18'],
    ['2026-01-05', 50, '2026-01-20'],
    ['2026-01-06', 51, '2026-01-20'],
    ['2026-01-08', 17, '2026-01-20'],
    ['2026-01-12', 99, '2026-01-25'],
  ];
  const { log } = series('r', rows);
  const overlay = (then: string, now = '2026-01-22', from = '2026-01-01', to = '2026-01-31') =>
    revisionOverlay(log, day(then), day(now), day(from), day(to));
  const show = (o: { x: number[]; y: (number | null)[] }) => o.x.map((x, i) => [formatDay(x).slice(5), o.y[i]]);

  it('shows the then-values of revised dates, joined to their unrevised neighbours', () => {
    expect(show(overlay('2026-01-18'))).toEqual([
      ['01-04', 13],
      ['01-05', 14],
      ['01-06', 15],
      ['01-07', 16],
    ]);
  });

  it('is empty when nothing known then was revised by now', () => {
    expect(show(overlay('2026-01-21'))).toEqual([]); // the Jan 20 revisions were already known
    expect(show(overlay('2026-01-18', '2026-01-19'))).toEqual([]); // now is before the revisions
  });

  it('separates runs of revisions with a gap', () => {
    // Seen from Jan 10, Jan 12 (revised Jan 25) differs too once "now" is Jan 26.
    expect(show(overlay('2026-01-18', '2026-01-26'))).toEqual([
      ['01-04', 13],
      ['01-05', 14],
      ['01-06', 15],
      ['01-07', 16],
      ['01-12', null],
      ['01-11', 20],
      ['01-12', 21],
      ['01-13', 22],
    ]);
  });

  it('never shows dates the snapshot did not know', () => {
    // On Jan 3 only Jan 1-3 were known: Jan 5-6 were not revisions yet, they did not exist.
    expect(show(overlay('2026-01-03'))).toEqual([]);
  });

  it('clips to the chart range', () => {
    expect(show(overlay('2026-01-18', '2026-01-22', '2026-01-06', '2026-01-31'))).toEqual([
      ['01-06', 15],
      ['01-07', 16],
    ]);
  });
});

describe('chartData', () => {
  it('offsets days from `from`, bounds the points, and spans the mark', () => {
    const { log } = series('r', [...daily('2016-01-01', TEN_YEARS, (i) => 100 + (i % 30))]);
    const from = day('2016-01-01');
    const c = chartData(log, { from, to: from + TEN_YEARS - 1, note: day('2020-01-01'), snapshot: day('2020-01-01'), now: day('2026-01-01'), mark: 200, width: 800 });
    expect(c.x0).toBe(from);
    expect(c.current.x[0]).toBe(0);
    expect(c.current.x.length).toBeLessThanOrEqual(1600);
    expect(c.revised.x).toEqual([]);
    expect(c.yMin).toBe(100);
    expect(c.yMax).toBe(200);
    expect([c.from, c.note, c.snapshot, c.now]).toEqual(['2016-01-01', '2020-01-01', '2020-01-01', '2026-01-01']);
  });

  it('costs at most 15 KB gzip for ten years of noisy daily data', () => {
    const rand = prng(3);
    let v = 140;
    const { log } = series('usdjpy', daily('2016-01-01', TEN_YEARS, () => (v = Math.round((v + (rand() - 0.5) * 2) * 100) / 100)));
    const from = day('2016-01-01');
    const c = chartData(log, { from, to: from + TEN_YEARS - 1, note: day('2025-01-01'), snapshot: day('2025-01-01'), now: day('2026-01-01'), width: 800 });
    const bytes = gzipSync(JSON.stringify(c)).length;
    expect(bytes).toBeLessThanOrEqual(15 * 1024);
  });

  it('refuses an empty range', () => {
    const { log } = series('r', daily('2020-01-01', 3, (i) => i));
    expect(() => chartData(log, { from: day('2020-02-01'), to: day('2020-01-01'), note: 0, snapshot: 0, now: 0, width: 10 })).toThrow(/from 2020-02-01 is after to 2020-01-01/);
  });

  it('decimates a long revision overlay without joining far-apart runs', () => {
    // Every day of 2020 revised; 2022 entirely revised too; 2021 unrevised in between.
    const base = daily('2020-01-01', 1096, (i) => i % 50);
    const revisions: Row[] = base.filter(([d]) => !d.startsWith('2021')).map(([d, v]) => [d, Number(v) + 1000, '2023-06-01']);
    const { log } = series('r', [...base, ...revisions]);
    const c = chartData(log, { from: day('2020-01-01'), to: day('2022-12-31'), note: day('2023-01-01'), snapshot: day('2023-01-01'), now: day('2023-07-01'), width: 200 });
    const values = c.revised.y.filter((y) => y !== null);
    expect(values.length).toBeLessThanOrEqual(400);
    expect(c.revised.y.filter((y) => y === null).length).toBe(1);
    expect(values.every((y) => y < 50)).toBe(true); // then-values, not the revised ones
  });
});

describe('sampleRows', () => {
  const { log } = series('r', daily('2016-01-01', TEN_YEARS, (i) => i));
  const s = knownSeries(log, day('2030-01-01'));
  it.each([
    // [from, to, period, rows, first, last]
    ['2020-03-01', '2020-03-20', 'observation', 20, '2020-03-01', '2020-03-20'],
    ['2020-01-01', '2021-06-30', 'month', 18, '2020-01-31', '2021-06-30'],
    ['2016-01-01', '2025-12-31', 'quarter', 40, '2016-03-31', '2025-12-31'],
    ['2016-01-01', '2025-12-31', 'year', 10, '2016-12-31', '2025-12-31', 12],
    ['2020-01-15', '2020-04-10', 'month', 4, '2020-01-31', '2020-04-10', 30],
  ] as const)('%s to %s: %s ends', (from, to, period, rows, first, last, max: number = 40) => {
    const t = sampleRows(s, day(from), day(to), max);
    expect(t.period).toBe(period);
    expect(t.x.length).toBe(rows);
    expect(formatDay(t.x[0]!)).toBe(first);
    expect(formatDay(t.x.at(-1)!)).toBe(last);
    // Each row is the observation of its own day (value = day index here).
    t.x.forEach((x, i) => expect(t.y[i]).toBe(x - day('2016-01-01')));
  });

  it('takes the last observation of each period, not the period end', () => {
    const { log: weekly } = series('w', [
      ['2026-01-07', 1],
      ['2026-01-28', 2],
      ['2026-02-04', 3],
      ['2026-02-25', 4],
      ['2026-03-04', 5],
    ]);
    const t = sampleRows(knownSeries(weekly, day('2026-12-31')), day('2026-01-01'), day('2026-03-31'), 2);
    expect(t.period).toBe('quarter');
    expect(t.x.map((x) => formatDay(x))).toEqual(['2026-03-04']);
    const m = sampleRows(knownSeries(weekly, day('2026-12-31')), day('2026-01-01'), day('2026-03-31'), 3);
    expect(m.x.map((x) => formatDay(x))).toEqual(['2026-01-28', '2026-02-25', '2026-03-04']);
  });
});

describe('stepWindow', () => {
  const { log } = series('w', [
    ['2026-01-05', 1, '2026-01-05'],
    ['2026-01-12', 2, '2026-01-12'],
    ['2026-01-19', 3, '2026-01-19'],
  ]);
  it('carries the value in from before the window and holds the last value to its end', () => {
    const p = stepWindow(log, day('2026-02-01'), day('2026-01-08'), day('2026-01-31'), 10);
    expect(p.x.map((x) => formatDay(x))).toEqual(['2026-01-08', '2026-01-12', '2026-01-19', '2026-01-31']);
    expect(p.y).toEqual([1, 2, 3, 3]);
  });
  it('starts at the first observation when the window begins before it', () => {
    const p = stepWindow(log, day('2026-02-01'), day('2025-12-01'), day('2026-01-12'), 10);
    expect(p.x.map((x) => formatDay(x))).toEqual(['2026-01-05', '2026-01-12']);
  });
});

describe('axis helpers', () => {
  it.each([
    [0, 10, 5, [0, 2, 4, 6, 8, 10]],
    [4.1, 4.6, 5, [4.1, 4.2, 4.3, 4.4, 4.5, 4.6]],
    [-3, 97, 4, [0, 25, 50, 75]],
    [7, 7, 5, [7]],
  ])('niceTicks(%d, %d, %d)', (min, max, count, expected) => {
    expect(niceTicks(min, max, count)).toEqual(expected);
  });

  it.each([
    ['2026-01-15', '2026-06-30', ['Feb 2026', 'Mar', 'Apr', 'May', 'Jun']],
    ['2016-01-01', '2026-01-01', ['2016', '2018', '2020', '2022', '2024', '2026']],
    ['2025-11-20', '2026-03-02', ['Dec 2025', 'Jan 2026', 'Feb', 'Mar']],
  ])('dayTicks(%s, %s) are month starts, with the year at the first and at each January', (from, to, labels) => {
    const t = dayTicks(day(from), day(to), 6);
    expect(t.map((x) => x.label)).toEqual(labels);
    for (const x of t) expect(formatDay(x.day).endsWith('-01')).toBe(true);
  });

  it.each([
    ['2026-03-05', '5 Mar 2026'],
    ['1999-12-31', '31 Dec 1999'],
  ])('displayDate(%s), the one formatter charts use', (iso, text) => expect(displayDate(iso)).toBe(text));
});

describe('path text', () => {
  it('writes every coordinate as String(Math.round(v * 10) / 10), from integer digits', () => {
    const rand = prng(11);
    const id = scale(0, 1, 0, 1);
    const expected = (v: number) => String(Math.round(v * 10) / 10);
    const values = [0, -0, 0.04, -0.04, -0.05, 0.05, 0.95, -0.95, 999.95, -1e-9, 1e15, -12.35, 1000];
    for (let i = 0; i < 20_000; i++) values.push((rand() - 0.5) * [0.4, 20, 2000][i % 3]!);
    for (const v of values) {
      expect(stepPath([v], [v], id, id)).toBe(`M${expected(v)} ${expected(v)}`);
      expect(linePath([0, v], [v, 1], id, id)).toBe(`M0 ${expected(v)}L${expected(v)} 1`);
    }
  });
});
