/**
 * Calendar dates as whole day numbers (days since 1970-01-01), so arithmetic never meets a time zone.
 * Strings are ISO `YYYY-MM-DD` at every boundary; `Day` is what the core computes with.
 */
export type Day = number;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD`; returns undefined for anything else, including impossible dates (2026-02-30). */
export function parseDay(text: string): Day | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  return utcDay(y, mo - 1, d);
}

/** Day number of a calendar date. Not Date.UTC, which reads years 0-99 as 1900-1999. */
function utcDay(y: number, month0: number, d: number): Day {
  const date = new Date(0);
  date.setUTCFullYear(y, month0, d);
  return date.getTime() / 86_400_000;
}

/** Like parseDay, but for values already validated upstream: a bad date here is a bug, not input. */
export function day(text: string): Day {
  const d = parseDay(text);
  if (d === undefined) throw new Error(`not a calendar date: ${JSON.stringify(text)}`);
  return d;
}

export function formatDay(d: Day): string {
  const date = new Date(d * 86_400_000);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + 1;
  const dd = date.getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, month1: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month1 - 1] ?? 0;
}

/** `<n>d`, `<n>w`, `<n>m`, `<n>y`. Months and years are calendar steps. */
export interface Duration {
  n: number;
  unit: 'd' | 'w' | 'm' | 'y';
}

export const DURATION_PATTERN = /^([1-9]\d{0,4})([dwmy])$/;

export function parseDuration(text: string): Duration | undefined {
  const m = DURATION_PATTERN.exec(text);
  if (!m) return undefined;
  return { n: Number(m[1]), unit: m[2] as Duration['unit'] };
}

export function formatDuration(d: Duration): string {
  return `${d.n}${d.unit}`;
}

/** Moves `d` by `months` calendar months, clamping to the end of a shorter month (Mar 31 - 1m = Feb 28). */
function shiftMonths(d: Day, months: number): Day {
  const date = new Date(d * 86_400_000);
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const y = Math.floor(total / 12);
  const m0 = total - y * 12;
  const dd = Math.min(date.getUTCDate(), daysInMonth(y, m0 + 1));
  return utcDay(y, m0, dd);
}

/** T - L. */
export function subtractDuration(d: Day, dur: Duration): Day {
  switch (dur.unit) {
    case 'd':
      return d - dur.n;
    case 'w':
      return d - 7 * dur.n;
    case 'm':
      return shiftMonths(d, -dur.n);
    case 'y':
      return shiftMonths(d, -12 * dur.n);
  }
}

/** T + L. */
export function addDuration(d: Day, dur: Duration): Day {
  switch (dur.unit) {
    case 'd':
      return d + dur.n;
    case 'w':
      return d + 7 * dur.n;
    case 'm':
      return shiftMonths(d, dur.n);
    case 'y':
      return shiftMonths(d, 12 * dur.n);
  }
}

/**
 * The earliest day t with t - L >= start: the first day on which a window of length L that must begin
 * no earlier than `start` fits. With calendar months, clamping makes `start + L` sometimes a day or
 * three too early (Jan 31 + 1m = Feb 28, but Feb 28 - 1m = Jan 28), so step forward until it fits.
 */
export function earliestWindowEnd(start: Day, dur: Duration): Day {
  let t = addDuration(start, dur);
  while (subtractDuration(t, dur) < start) t++;
  return t;
}
