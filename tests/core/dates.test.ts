import { describe, expect, it } from 'vitest';
import {
  addDuration,
  day,
  daysInMonth,
  earliestWindowEnd,
  formatDay,
  formatDuration,
  isLeapYear,
  parseDay,
  parseDuration,
  subtractDuration,
  type Duration,
} from '../../src/core/dates.ts';
import { int, prng } from './helpers.ts';

const dur = (s: string): Duration => {
  const p = parseDuration(s);
  if (!p) throw new Error(`bad duration in test: ${s}`);
  return p;
};

describe('parseDay', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-03-01', 11017],
    ['2024-02-29', 19782],
  ])('%s is day %i', (text, n) => {
    expect(parseDay(text)).toBe(n);
  });

  it.each([
    ['2026-02-29', 'not a leap year'],
    ['2024-02-30', 'February never has 30 days'],
    ['1900-02-29', 'century not divisible by 400'],
    ['2026-04-31', 'April has 30 days'],
    ['2026-13-01', 'month 13'],
    ['2026-00-10', 'month 0'],
    ['2026-01-00', 'day 0'],
    ['2026-01-32', 'day 32'],
    ['2026-1-05', 'unpadded month'],
    ['2026-01-5', 'unpadded day'],
    ['26-01-05', 'two-digit year'],
    ['2026/01/05', 'slashes'],
    ['2026-01-05T00:00', 'a time'],
    [' 2026-01-05', 'leading space'],
    ['2026-01-05 ', 'trailing space'],
    ['', 'empty'],
    ['20260105', 'no dashes'],
    ['+2026-01-05', 'signed year'],
  ])('refuses %j (%s)', (text) => {
    expect(parseDay(text)).toBeUndefined();
  });

  it.each(['2000-02-29', '2024-02-29', '1600-02-29', '2400-02-29'])('accepts leap day %s', (text) => {
    expect(parseDay(text)).toBeDefined();
    expect(formatDay(parseDay(text)!)).toBe(text);
  });

  it('day() throws on a bad date, naming it', () => {
    expect(() => day('2026-02-30')).toThrow(/2026-02-30/);
  });

  it('round-trips every day of random years 0000-9999, including 0000-0099', () => {
    const rand = prng(7);
    const samples = ['0000-01-01', '0001-03-01', '0050-02-28', '0099-12-31', '0100-01-01', '9999-12-31'];
    for (let i = 0; i < 2000; i++) {
      const y = int(rand, 0, 9999);
      const m = int(rand, 1, 12);
      const dd = int(rand, 1, daysInMonth(y, m));
      samples.push(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`);
    }
    for (const s of samples) expect(formatDay(parseDay(s)!)).toBe(s);
  });

  it('consecutive dates are consecutive day numbers, across year 99/100 and month ends', () => {
    for (const [a, b] of [
      ['0099-12-31', '0100-01-01'],
      ['2024-02-28', '2024-02-29'],
      ['2024-02-29', '2024-03-01'],
      ['2026-02-28', '2026-03-01'],
      ['1999-12-31', '2000-01-01'],
    ] as const) {
      expect(parseDay(b)! - parseDay(a)!).toBe(1);
    }
  });
});

describe('leap years and month lengths', () => {
  it.each([
    [2024, true],
    [2026, false],
    [2000, true],
    [1900, false],
    [2100, false],
    [2400, true],
  ])('isLeapYear(%i) = %s', (y, leap) => {
    expect(isLeapYear(y)).toBe(leap);
    expect(daysInMonth(y, 2)).toBe(leap ? 29 : 28);
  });

  it('month lengths', () => {
    expect([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2026, m))).toEqual([31, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
  });
});

describe('formatDay', () => {
  it.each([
    [0, '1970-01-01'],
    [-1, '1969-12-31'],
    [20_000, '2024-10-04'],
    [19_782, '2024-02-29'],
  ])('day %i is %s', (n, s) => {
    expect(formatDay(n)).toBe(s);
  });
});

describe('durations', () => {
  it.each([
    ['1d', { n: 1, unit: 'd' }],
    ['14d', { n: 14, unit: 'd' }],
    ['2w', { n: 2, unit: 'w' }],
    ['3m', { n: 3, unit: 'm' }],
    ['1y', { n: 1, unit: 'y' }],
    ['99999d', { n: 99999, unit: 'd' }],
  ])('parses %s', (text, expected) => {
    expect(parseDuration(text)).toEqual(expected);
    expect(formatDuration(parseDuration(text)!)).toBe(text);
  });

  it.each(['0d', '01d', '1', 'd', '1D', '1h', '1.5m', '-1d', ' 1d', '1d ', '1 d', '100000d', ''])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it.each([
    // [T, L, T - L]
    ['2026-03-10', '1d', '2026-03-09'],
    ['2026-03-01', '1d', '2026-02-28'],
    ['2024-03-01', '1d', '2024-02-29'],
    ['2026-03-10', '10d', '2026-02-28'],
    ['2026-01-05', '1w', '2025-12-29'],
    ['2026-03-15', '2w', '2026-03-01'],
    ['2026-05-20', '1m', '2026-04-20'],
    ['2026-01-15', '1m', '2025-12-15'],
    ['2026-03-31', '1m', '2026-02-28'],
    ['2024-03-31', '1m', '2024-02-29'],
    ['2026-05-31', '1m', '2026-04-30'],
    ['2026-05-31', '3m', '2026-02-28'],
    ['2026-08-31', '6m', '2026-02-28'],
    ['2026-03-30', '1m', '2026-02-28'],
    ['2026-03-28', '1m', '2026-02-28'],
    ['2026-03-27', '1m', '2026-02-27'],
    ['2026-12-31', '10m', '2026-02-28'],
    ['2026-01-31', '13m', '2024-12-31'],
    ['2024-02-29', '1y', '2023-02-28'],
    ['2028-02-29', '4y', '2024-02-29'],
    ['2025-02-28', '1y', '2024-02-28'],
    ['2026-05-20', '2y', '2024-05-20'],
  ])('%s - %s = %s', (t, l, expected) => {
    expect(formatDay(subtractDuration(day(t), dur(l)))).toBe(expected);
  });

  it.each([
    ['2026-01-31', '1m', '2026-02-28'],
    ['2024-01-31', '1m', '2024-02-29'],
    ['2026-01-31', '3m', '2026-04-30'],
    ['2026-12-31', '2m', '2027-02-28'],
    ['2024-02-29', '1y', '2025-02-28'],
    ['2024-02-29', '4y', '2028-02-29'],
    ['2026-02-28', '1w', '2026-03-07'],
    ['2026-12-25', '10d', '2027-01-04'],
  ])('%s + %s = %s', (t, l, expected) => {
    expect(formatDay(addDuration(day(t), dur(l)))).toBe(expected);
  });

  it('calendar steps are monotone: a later T never has an earlier T - L', () => {
    const rand = prng(11);
    for (let i = 0; i < 3000; i++) {
      const t = day('2020-01-01') + int(rand, 0, 3000);
      const l = dur(`${int(rand, 1, 14)}${'dwmy'[int(rand, 0, 3)]}`);
      expect(subtractDuration(t + 1, l)).toBeGreaterThanOrEqual(subtractDuration(t, l));
      expect(addDuration(t + 1, l)).toBeGreaterThanOrEqual(addDuration(t, l));
    }
  });
});

describe('earliestWindowEnd', () => {
  it.each([
    // A window that must begin on or after `start` first fits on the returned day.
    ['2026-03-02', '5d', '2026-03-07'],
    ['2026-03-02', '1w', '2026-03-09'],
    ['2026-01-15', '1m', '2026-02-15'],
    // Jan 31 + 1m clamps to Feb 28, but Feb 28 - 1m = Jan 28 < Jan 31: the first fit is Mar 1.
    ['2026-01-31', '1m', '2026-03-01'],
    ['2026-01-29', '1m', '2026-03-01'],
    ['2026-01-28', '1m', '2026-02-28'],
    ['2024-01-30', '1m', '2024-03-01'],
    ['2024-01-29', '1m', '2024-02-29'],
    // Apr 30 - 1m = Mar 30, one day short of Mar 31.
    ['2026-03-31', '1m', '2026-05-01'],
    ['2024-02-29', '1y', '2025-03-01'],
    ['2023-02-28', '1y', '2024-02-28'],
  ])('start %s, window %s: %s', (start, l, expected) => {
    expect(formatDay(earliestWindowEnd(day(start), dur(l)))).toBe(expected);
  });

  it('matches a naive day-by-day search on random starts', () => {
    const rand = prng(5);
    for (let i = 0; i < 1500; i++) {
      const start = day('2023-01-01') + int(rand, 0, 1200);
      const l = dur(`${int(rand, 1, 13)}${'dwmy'[int(rand, 0, 3)]}`);
      let naive = start;
      while (subtractDuration(naive, l) < start) naive++;
      expect(earliestWindowEnd(start, l)).toBe(naive);
    }
  });
});
