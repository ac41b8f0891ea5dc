import { describe, expect, it } from 'vitest';
import { day, formatDay } from '../../src/core/dates.ts';
import { SeriesLog, type Observation } from '../../src/core/store.ts';
import { int, naiveAt, numberMeta, prng, randomLog, series, statusMeta, toRows } from './helpers.ts';

const at = (log: SeriesLog, vintage: string, t: string) => {
  const o = log.asOf(day(vintage)).at(day(t));
  return o && { date: formatDay(o.date), value: o.value };
};

describe('as-of views', () => {
  // Weekday data with a revision: Jan 6 was 4.1, revised to 4.3 on Jan 12.
  const { log } = series('rate', [
    ['2026-01-05', 4.0, '2026-01-05'],
    ['2026-01-06', 4.1, '2026-01-06'],
    ['2026-01-07', 4.2, '2026-01-07'],
    ['2026-01-08', 4.25, '2026-01-08'],
    ['2026-01-09', 4.0, '2026-01-09'],
    ['2026-01-06', 4.3, '2026-01-12'],
    ['2026-01-12', 3.9, '2026-01-12'],
    ['2026-01-20', 3.5, '2026-01-21'],
  ]);

  it.each([
    // [vintage, t, expected]
    ['2026-01-12', '2026-01-04', undefined, 'before the first observation'],
    ['2026-01-04', '2026-01-05', undefined, 'nothing known yet on that vintage'],
    ['2026-01-05', '2026-01-05', { date: '2026-01-05', value: 4.0 }, 'first observation'],
    ['2026-01-06', '2026-01-06', { date: '2026-01-06', value: 4.1 }, 'the value as first published'],
    ['2026-01-11', '2026-01-06', { date: '2026-01-06', value: 4.1 }, 'before the revision'],
    ['2026-01-12', '2026-01-06', { date: '2026-01-06', value: 4.3 }, 'on the revision vintage'],
    ['2026-02-01', '2026-01-06', { date: '2026-01-06', value: 4.3 }, 'after the revision'],
    ['2026-01-06', '2026-01-08', { date: '2026-01-06', value: 4.1 }, 'later days not yet published step back'],
    ['2026-01-12', '2026-01-10', { date: '2026-01-09', value: 4.0 }, 'Saturday holds Friday'],
    ['2026-01-12', '2026-01-11', { date: '2026-01-09', value: 4.0 }, 'Sunday holds Friday'],
    ['2026-01-12', '2026-01-12', { date: '2026-01-12', value: 3.9 }, 'Monday'],
    ['2026-01-20', '2026-01-19', { date: '2026-01-12', value: 3.9 }, 'a gap holds the last value'],
    ['2026-01-20', '2026-01-20', { date: '2026-01-12', value: 3.9 }, 'Jan 20 not published until Jan 21'],
    ['2026-01-21', '2026-01-20', { date: '2026-01-20', value: 3.5 }, 'published'],
    ['2026-12-31', '2030-01-01', { date: '2026-01-20', value: 3.5 }, 'far future holds the last value'],
  ])('vintage %s, day %s: %j (%s)', (vintage, t, expected, _why) => {
    expect(at(log, vintage, t)).toEqual(expected);
  });

  it('versionsKnown counts revisions known by a vintage', () => {
    const i = log.lastDateIndex(day('2026-01-06'));
    expect(log.versionsKnown(i, day('2026-01-11'))).toBe(1);
    expect(log.versionsKnown(i, day('2026-01-12'))).toBe(2);
    expect(log.versionsKnown(i, day('2026-01-05'))).toBe(0);
  });

  it('observations and changeDays list what the view knows', () => {
    const v = log.asOf(day('2026-01-12'));
    expect(v.observations(day('2026-01-06'), day('2026-01-12')).map((o) => [formatDay(o.date), o.value])).toEqual([
      ['2026-01-06', 4.3],
      ['2026-01-07', 4.2],
      ['2026-01-08', 4.25],
      ['2026-01-09', 4.0],
      ['2026-01-12', 3.9],
    ]);
    // (from, to]: Jan 6 excluded, Jan 20 unknown on Jan 12.
    expect(v.changeDays(day('2026-01-06'), day('2026-01-31')).map(formatDay)).toEqual(['2026-01-07', '2026-01-08', '2026-01-09', '2026-01-12']);
  });

  it('a status series keeps state indexes', () => {
    const { log: bill } = series(
      'bill',
      [
        ['2026-01-05', 'pending'],
        ['2026-02-10', 'passed'],
      ],
      statusMeta(['pending', 'passed', 'enacted']),
    );
    expect(at(bill, '2026-03-01', '2026-02-09')).toEqual({ date: '2026-01-05', value: 0 });
    expect(at(bill, '2026-03-01', '2026-02-10')).toEqual({ date: '2026-02-10', value: 1 });
  });

  it('an empty log has no observation anywhere', () => {
    const { log: empty } = series('empty', []);
    expect(empty.asOf(day('2030-01-01')).at(day('2030-01-01'))).toBeUndefined();
    expect(empty.newestVintage).toBe(-Infinity);
    expect(empty.rowCount).toBe(0);
  });
});

describe('backfills: old dates that arrive with later vintages', () => {
  // Jan 2-6 published live; Dec 29-31 added on Jan 20; Jan 3 revised on Jan 21.
  const { log } = series('backfilled', [
    ['2026-01-02', 10, '2026-01-02'],
    ['2026-01-05', 11, '2026-01-05'],
    ['2026-01-06', 12, '2026-01-06'],
    ['2025-12-29', 7, '2026-01-20'],
    ['2025-12-31', 8, '2026-01-20'],
    ['2026-01-03', 9, '2026-01-20'],
    ['2026-01-03', 9.5, '2026-01-21'],
  ]);

  it.each([
    ['2026-01-10', '2025-12-31', undefined],
    ['2026-01-20', '2025-12-31', { date: '2025-12-31', value: 8 }],
    ['2026-01-20', '2025-12-30', { date: '2025-12-29', value: 7 }],
    ['2026-01-10', '2026-01-04', { date: '2026-01-02', value: 10 }],
    ['2026-01-20', '2026-01-04', { date: '2026-01-03', value: 9 }],
    ['2026-01-21', '2026-01-04', { date: '2026-01-03', value: 9.5 }],
    ['2026-01-21', '2026-01-07', { date: '2026-01-06', value: 12 }],
  ])('vintage %s, day %s: %j', (vintage, t, expected) => {
    expect(at(log, vintage, t)).toEqual(expected);
  });

  it('storage is one entry per row plus a min-tree, not per snapshot', () => {
    // 6 unique dates, 7 rows; a tree over 8 leaves has 16 slots.
    expect(log.dates.length).toBe(6);
    expect(log.rowCount).toBe(7);
    expect(log.bytes).toBe(6 * 4 + 6 * 4 + 7 * 4 + 7 * 4 + 7 * 8 + 16 * 4);
  });

  it('a log whose first vintages ascend with dates needs no tree', () => {
    const { log: plain } = series('plain', [
      ['2026-01-02', 1],
      ['2026-01-05', 2],
      ['2026-01-02', 3, '2026-01-06'],
    ]);
    expect(plain.bytes).toBe(2 * 4 + 2 * 4 + 3 * 4 + 3 * 4 + 3 * 8);
  });
});

describe('as-of lookups against a naive reference (seeded random logs)', () => {
  it.each([
    [1, 0],
    [2, 0.05],
    [3, 0.3],
    [4, 0.8],
  ])('seed %i, backfill rate %d', (seed, backfillRate) => {
    const rand = prng(seed);
    const start = day('2024-01-01');
    let nonMonotone = 0;
    let queries = 0;
    for (let trial = 0; trial < 6; trial++) {
      const raw = randomLog(rand, start, int(rand, 10, 400), backfillRate);
      const { log } = series(`s${trial}`, toRows(raw), numberMeta());
      for (let i = 1; i < log.firstVintage.length; i++) {
        if (log.firstVintage[i]! < log.firstVintage[i - 1]!) {
          nonMonotone++;
          break;
        }
      }
      for (let q = 0; q < 1000; q++) {
        const V = start + int(rand, -10, 420);
        const t = start + int(rand, -220, 420);
        expect(log.asOf(V).at(t), `V=${formatDay(V)} t=${formatDay(t)}`).toEqual(naiveAt(raw, V, t));
        queries++;
      }
      // observations() over a random window equals the naive step points.
      const V = start + int(rand, 0, 420);
      const from = start + int(rand, -220, 200);
      const to = from + int(rand, 0, 300);
      const naive: Observation[] = [];
      const dates = [...new Set(raw.filter((r) => r.vintage <= V && r.date >= from && r.date <= to).map((r) => r.date))].sort((a, b) => a - b);
      for (const dd of dates) naive.push(naiveAt(raw, V, dd)!);
      expect(log.asOf(V).observations(from, to)).toEqual(naive);
      expect(log.asOf(V).changeDays(from, to)).toEqual(dates.filter((dd) => dd > from));
    }
    expect(queries).toBe(6000);
    // The backfilled seeds must exercise the min-tree path, the others the binary-search path.
    if (backfillRate > 0.1) expect(nonMonotone).toBeGreaterThan(0);
    if (backfillRate === 0) expect(nonMonotone).toBe(0);
  });
});
