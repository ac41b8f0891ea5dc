import { describe, expect, it } from 'vitest';
import { day, formatDay } from '../../src/core/dates.ts';
import { knownSeries } from '../../src/core/chart-data.ts';
import { parseObservationLog } from '../../src/core/observation-log.ts';
import { revisionsOf } from '../../src/core/revisions.ts';
import { csvText, enc, int, numberMeta, prng, series, statusMeta, type Row } from './helpers.ts';

const at = (rows: readonly Row[], vintage: string, t: string, meta = numberMeta()) => {
  const o = series('x', rows, meta).log.asOf(day(vintage)).at(day(t));
  return o && { date: formatDay(o.date), value: o.value };
};

describe('withdrawn observations', () => {
  // Jan 2 valued on Jan 2, withdrawn on Feb 1, valued again on Mar 1.
  const rows: Row[] = [
    ['2026-01-01', 1, '2026-01-01'],
    ['2026-01-02', 2, '2026-01-02'],
    ['2026-01-02', 'withdrawn', '2026-02-01'],
    ['2026-01-02', 5, '2026-03-01'],
  ];

  it.each([
    ['2026-01-15', '2026-01-02', { date: '2026-01-02', value: 2 }, 'before the withdrawal'],
    ['2026-02-01', '2026-01-02', { date: '2026-01-01', value: 1 }, 'from the withdrawal on, the step falls back'],
    ['2026-02-01', '2026-01-20', { date: '2026-01-01', value: 1 }, 'later days fall back too'],
    ['2026-03-01', '2026-01-02', { date: '2026-01-02', value: 5 }, 'valued again later'],
  ])('view at %s, x(%s)', (v, t, expected) => {
    expect(at(rows, v, t)).toEqual(expected);
  });

  it('a withdrawn first observation leaves no data before the next', () => {
    const r: Row[] = [
      ['2026-01-01', 1, '2026-01-01'],
      ['2026-01-01', 'withdrawn', '2026-01-05'],
    ];
    expect(at(r, '2026-01-04', '2026-01-03')).toEqual({ date: '2026-01-01', value: 1 });
    expect(at(r, '2026-01-05', '2026-01-03')).toBeUndefined();
  });

  it('works for status series', () => {
    const meta = statusMeta(['pending', 'passed']);
    const r: Row[] = [
      ['2026-01-01', 'pending', '2026-01-01'],
      ['2026-01-10', 'passed', '2026-01-10'],
      ['2026-01-10', 'withdrawn', '2026-01-12'],
    ];
    expect(at(r, '2026-01-11', '2026-01-20', meta)).toEqual({ date: '2026-01-10', value: 1 });
    expect(at(r, '2026-01-12', '2026-01-20', meta)).toEqual({ date: '2026-01-01', value: 0 });
  });

  it('on(d) gives exactly that date or nothing; observations() and the chart view skip withdrawn dates', () => {
    const { log } = series('x', rows);
    expect(log.asOf(day('2026-02-02')).on(day('2026-01-02'))).toBeUndefined();
    expect(log.asOf(day('2026-03-02')).on(day('2026-01-02'))).toEqual({ date: day('2026-01-02'), value: 5 });
    expect(log.asOf(day('2026-02-02')).observations().map((o) => formatDay(o.date))).toEqual(['2026-01-01']);
    expect(Array.from(knownSeries(log, day('2026-02-02')).dates, formatDay)).toEqual(['2026-01-01']);
    expect(Array.from(knownSeries(log, day('2026-03-02')).values)).toEqual([1, 5]);
  });

  it('the revisions table names a withdrawal', () => {
    const { log } = series('x', rows);
    expect(revisionsOf(log)[0]!.later.map((v) => v.value)).toEqual(['withdrawn', 5]);
  });

  it.each([
    [[['2026-01-01', 'withdrawn', '2026-01-02']], 2, 'a date never valued'],
    [[['2026-01-01', 1, '2026-01-01'], ['2026-01-01', 'withdrawn', '2026-01-02'], ['2026-01-01', 'withdrawn', '2026-01-03']], 4, 'a date already withdrawn'],
  ] as [Row[], number, string][])('refuses withdrawing %#: %s', (r, line) => {
    const parsed = parseObservationLog('data/series/x.csv', enc(csvText(r)), numberMeta());
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({ file: 'data/series/x.csv', line });
    expect(parsed.problems[0]!.message).toMatch(/no value to withdraw/);
  });

  it('matches a naive reference on random logs with withdrawals', () => {
    const rand = prng(91);
    for (let trial = 0; trial < 40; trial++) {
      const rowsR: { date: number; value: number; vintage: number }[] = [];
      const current = new Map<number, number>();
      const start = day('2026-01-01');
      for (let v = start; v < start + 120; v++) {
        for (let k = int(rand, 0, 2); k > 0; k--) {
          const date = v - int(rand, 0, 20);
          if (rowsR.some((r) => r.date === date && r.vintage === v)) continue;
          const has = current.has(date) && !Number.isNaN(current.get(date)!);
          const value = has && rand() < 0.3 ? NaN : int(rand, -20, 20);
          rowsR.push({ date, value, vintage: v });
          current.set(date, value);
        }
      }
      const { log } = series('x', rowsR.map((r) => [formatDay(r.date), Number.isNaN(r.value) ? 'withdrawn' : r.value, formatDay(r.vintage)] as Row));
      for (let q = 0; q < 60; q++) {
        const V = start + int(rand, -5, 130);
        const t = start + int(rand, -30, 130);
        // By definition: each date's latest row with vintage <= V; withdrawn dates have none; the last date <= t.
        const latest = new Map<number, number>();
        for (const r of rowsR) if (r.vintage <= V) latest.set(r.date, r.value);
        let best: number | undefined;
        for (const [date, value] of latest) if (date <= t && !Number.isNaN(value) && (best === undefined || date > best)) best = date;
        const o = log.asOf(V).at(t);
        expect(o && { date: o.date, value: o.value }).toEqual(best === undefined ? undefined : { date: best, value: latest.get(best) });
      }
    }
  });
});
