/** A derived series' recipe in words (series pages) and its CSV as known now. */
import { describe, expect, it } from 'vitest';
import { decimalText } from '../../src/core/observation-log.ts';
import { derivedCsv, recipeParts, type RecipePart } from '../../src/lib/series-page.ts';
import type { Derive } from '../../src/core/schema.ts';
import { day } from '../../src/core/dates.ts';
import { series } from '../core/helpers.ts';

const words = (parts: RecipePart[]) => parts.map((p) => (typeof p === 'string' ? p : `[${p.series}]`)).join('');

describe('recipeParts', () => {
  it.each<[Derive, string, string]>([
    [{ op: 'spread', of: ['sofr', 'ffu'] }, 'Spread', '[sofr] − [ffu]'],
    [{ op: 'ratio', of: ['bills', 'coupons'], scale: 100 }, 'Ratio', '100 × [bills] / [coupons]'],
    [{ op: 'sum', of: ['a', 'b', 'c'] }, 'Sum', '[a] + [b] + [c]'],
    [{ op: 'mean', of: ['bidask'], window: '5d' }, 'Rolling mean over 5 days', 'the mean of [bidask] over the 5 days up to each date'],
    [{ op: 'total', of: ['buybacks'], window: '4w' }, 'Rolling total over 4 weeks', 'the sum of [buybacks] over the 4 weeks up to each date'],
    [{ op: 'change', of: ['ffu'], window: '2y' }, 'Change over 2 years', '[ffu](t) − [ffu](t − 2 years)'],
    [{ op: 'pct-change', of: ['mcap'], window: '3m' }, 'Percent change over 3 months', '100 × ([mcap](t) / [mcap](t − 3 months) − 1)'],
  ])('%j reads as "%s: %s"', (d, op, formula) => {
    const r = recipeParts(d);
    expect(r.op).toBe(op);
    expect(words(r.formula)).toBe(formula);
    // Every input is a link part, in order.
    expect(r.formula.filter((p) => typeof p !== 'string').map((p) => (p as { series: string }).series)).toEqual(d.op === 'change' || d.op === 'pct-change' ? [d.of[0], d.of[0]] : d.of);
  });

  it('says when a ratio or a percent change has no observation', () => {
    expect(recipeParts({ op: 'ratio', of: ['a', 'b'] }).when).toContain('none where the divisor is zero');
    expect(recipeParts({ op: 'pct-change', of: ['a'], window: '1y' }).when).toContain('none where that value is zero');
  });
});

describe('derivedCsv', () => {
  it('is date,value of the view as known on now, revisions applied, nothing later', () => {
    const { log } = series('d', [
      ['2026-01-01', 1.5, '2026-01-01'],
      ['2026-01-02', 2, '2026-01-02'],
      ['2026-01-01', 1.25, '2026-01-05'],
      ['2026-01-06', 3, '2026-01-09'],
    ]);
    expect(derivedCsv(log, day('2026-01-05'))).toBe('date,value\n2026-01-01,1.25\n2026-01-02,2\n');
    expect(derivedCsv(log, day('2026-01-02'))).toBe('date,value\n2026-01-01,1.5\n2026-01-02,2\n');
  });

  it('writes plain decimals, never an exponent', () => {
    expect(decimalText(1e-7)).toBe('0.0000001');
    expect(decimalText(-2.5e-8)).toBe('-0.000000025');
    expect(decimalText(0.05)).toBe('0.05');
    expect(decimalText(123456)).toBe('123456');
    expect(decimalText(2e21)).toBe('2000000000000000000000');
  });
});
