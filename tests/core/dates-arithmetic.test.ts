/**
 * The calendar arithmetic in src/core/dates.ts is done without Date objects (for speed). These tests
 * hold it to what Date's proleptic Gregorian UTC calendar says, day by day over four millennia, and
 * month shifts against a Date-based reference.
 */
import { describe, expect, it } from 'vitest';
import { addDuration, civil, formatDay, parseDay, subtractDuration, utcDay, type Duration } from '../../src/core/dates.ts';
import { prng } from './helpers.ts';

/** Date's answer: the day number of y-m-d, years 0-99 included (setUTCFullYear does not shift them). */
function refDay(y: number, month0: number, d: number): number {
  const date = new Date(0);
  date.setUTCFullYear(y, month0, d);
  return date.getTime() / 86_400_000;
}

function refCivil(day: number): [number, number, number] {
  const date = new Date(day * 86_400_000);
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
}

/** Month shift with month-end clamping, through Date. */
function refShift(day: number, months: number): number {
  const [y, m, d] = refCivil(day);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm0 = total - ny * 12;
  const last = new Date(0);
  last.setUTCFullYear(ny, nm0 + 1, 0);
  return refDay(ny, nm0, Math.min(d, last.getUTCDate()));
}

describe('calendar arithmetic without Date', () => {
  it('civil and utcDay agree with Date on every day from year 0 to 2400', () => {
    const start = refDay(0, 0, 1);
    const end = refDay(2400, 11, 31);
    let checked = 0;
    for (let day = start; day <= end; day++) {
      const [y, m, d] = refCivil(day);
      const c = civil(day);
      if (c[0] !== y || c[1] !== m || c[2] !== d) expect(c, `civil(${day})`).toEqual([y, m, d]);
      const u = utcDay(y, m - 1, d);
      if (u !== day) expect(u, `utcDay(${y}, ${m - 1}, ${d})`).toBe(day);
      checked++;
    }
    expect(checked).toBe(end - start + 1);
  });

  it.each([
    ['0000-01-01', -719_528],
    ['0000-02-29', -719_469],
    ['0099-12-31', -683_004],
    ['1900-02-28', -25_509],
    ['1969-12-31', -1],
    ['1970-01-01', 0],
    ['2000-02-29', 11_016],
    ['2026-03-05', 20_517],
    ['9999-12-31', 2_932_896],
  ])('%s is day %i, both ways', (iso, n) => {
    expect(parseDay(iso)).toBe(n);
    expect(formatDay(n)).toBe(iso);
    expect(refDay(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)))).toBe(n);
  });

  it('month and year shifts match a Date-based reference, month ends clamped', () => {
    const rand = prng(42);
    for (let k = 0; k < 20_000; k++) {
      const day = Math.floor(rand() * 150_000) - 50_000;
      const n = 1 + Math.floor(rand() * 30);
      const m: Duration = { n, unit: 'm' };
      const y: Duration = { n: 1 + (n % 5), unit: 'y' };
      expect(subtractDuration(day, m)).toBe(refShift(day, -n));
      expect(addDuration(day, m)).toBe(refShift(day, n));
      expect(subtractDuration(day, y)).toBe(refShift(day, -12 * y.n));
    }
    expect(formatDay(subtractDuration(parseDay('2026-03-31')!, { n: 1, unit: 'm' }))).toBe('2026-02-28');
    expect(formatDay(addDuration(parseDay('2024-01-31')!, { n: 1, unit: 'm' }))).toBe('2024-02-29');
    expect(formatDay(subtractDuration(parseDay('2024-02-29')!, { n: 1, unit: 'y' }))).toBe('2023-02-28');
  });
});
