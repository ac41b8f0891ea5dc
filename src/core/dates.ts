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

/**
 * Day number of a calendar date (proleptic Gregorian), by arithmetic: no Date object, which is slow in
 * the hot paths (conditions shift by months for every change day) and reads years 0-99 as 1900-1999
 * through Date.UTC. Years counted from 1 March so leap days come last (H. Hinnant's days_from_civil).
 */
export function utcDay(y: number, month0: number, d: number): Day {
  const yy = month0 < 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * ((month0 + 10) % 12) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** The calendar date of a day number: [year, month 1-12, day 1-31] (civil_from_days). */
export function civil(day: Day): [number, number, number] {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Like parseDay, but for values already validated upstream: a bad date here is a bug, not input. */
export function day(text: string): Day {
  const d = parseDay(text);
  if (d === undefined) throw new Error(`not a calendar date: ${JSON.stringify(text)}`);
  return d;
}

/** Month abbreviations, January first: the one list the formatter and the chart axes read. */
export const MONTH_ABBR: readonly string[] = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function formatDay(d: Day): string {
  const [y, m, dd] = civil(d);
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
  const [year, month, day] = civil(d);
  const total = year * 12 + month - 1 + months;
  const y = Math.floor(total / 12);
  const m0 = total - y * 12;
  const dd = Math.min(day, daysInMonth(y, m0 + 1));
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
