import { describe, expect, it } from 'vitest';
import { day } from '../../src/core/dates.ts';
import { isStale, staleRule, typicalLag } from '../../src/core/staleness.ts';
import { SeriesLog } from '../../src/core/store.ts';
import { int, numberMeta, prng, series, type Row } from './helpers.ts';

/** A monthly series published about six weeks after its month (TIC-like). */
const tic = series(
  'tic',
  [
    ['2026-01-31', 1, '2026-03-16'], // lag 44
    ['2026-02-28', 2, '2026-04-15'], // lag 46
    ['2026-03-31', 3, '2026-05-15'], // lag 45
    ['2026-03-31', 4, '2026-06-01'], // a revision: not a first row
    ['2026-04-30', 5, '2026-06-16'], // lag 47
  ],
  numberMeta({ frequency: 'monthly' }),
).log;

describe('lag-aware staleness', () => {
  it('the typical lag is the lower median over each known date’s first row', () => {
    expect(typicalLag(tic, day('2026-03-01'))).toBe(0); // nothing known yet
    expect(typicalLag(tic, day('2026-03-16'))).toBe(44);
    expect(typicalLag(tic, day('2026-04-15'))).toBe(44); // [44, 46]: the lower middle
    expect(typicalLag(tic, day('2026-05-15'))).toBe(45); // [44, 45, 46]
    expect(typicalLag(tic, day('2026-06-16'))).toBe(45); // [44, 45, 46, 47]: lower middle
  });

  it('a monthly value 80 days old is not stale when the series is typically published 45 days late', () => {
    const rule = staleRule(tic, day('2026-06-16'));
    expect(rule).toEqual({ days: 45 + 45, lag: 45 });
    expect(isStale(rule, day('2026-04-30') + 80, day('2026-04-30'))).toBe(false);
    expect(isStale(rule, day('2026-04-30') + 90, day('2026-04-30'))).toBe(false);
    expect(isStale(rule, day('2026-04-30') + 91, day('2026-04-30'))).toBe(true);
  });

  it('staleAfter overrides, as a calendar duration', () => {
    const rule = staleRule(new SeriesLog('x', numberMeta({ frequency: 'monthly', staleAfter: '2m' }), series('x', [['2026-01-31', 1, '2026-01-31']]).rows), day('2026-05-01'));
    expect(rule.after).toBe('2m');
    // Apr 30 − 2m = Feb 28: an observation on Feb 28 is not stale, one on Feb 27 is.
    expect(isStale(rule, day('2026-04-30'), day('2026-02-28'))).toBe(false);
    expect(isStale(rule, day('2026-04-30'), day('2026-02-27'))).toBe(true);
  });

  it('irregular series are never stale', () => {
    const log = series('i', [['2020-01-01', 1]], numberMeta({ frequency: 'irregular' })).log;
    expect(isStale(staleRule(log, day('2030-01-01')), day('2030-01-01'), day('2020-01-01'))).toBe(false);
  });

  it('matches a naive median on random logs, backfilled or not', () => {
    const rand = prng(5);
    for (let trial = 0; trial < 30; trial++) {
      const rows: Row[] = [];
      const start = day('2025-01-01');
      const backfill = trial % 2 === 1;
      let next = start;
      const firsts: { date: number; vintage: number }[] = [];
      for (let v = start; v < start + 200; v += int(rand, 1, 5)) {
        const date = backfill && rand() < 0.2 ? v - int(rand, 30, 300) : Math.min(v, (next += int(rand, 1, 3)));
        if (firsts.some((f) => f.date === date) || date > v) continue;
        rows.push([new Date(date * 864e5).toISOString().slice(0, 10), 1, new Date(v * 864e5).toISOString().slice(0, 10)]);
        firsts.push({ date, vintage: v });
      }
      const log = series('r', rows).log;
      for (let q = 0; q < 20; q++) {
        const V = start + int(rand, -5, 210);
        const lags = firsts.filter((f) => f.vintage <= V).map((f) => f.vintage - f.date).sort((a, b) => a - b);
        expect(typicalLag(log, V)).toBe(lags.length ? lags[(lags.length - 1) >> 1] : 0);
      }
    }
  });
});
