/**
 * What a feed adapter returns and how it fails. Adapters fetch one series from a public source and
 * parse the source's own response format strictly: an unexpected shape is an error naming the feed
 * and the series, never a guess.
 */
import { decimalText } from '../core/observation-log.ts';
import { DECIMAL } from '../core/patterns.ts';
import type { HttpOptions } from './http.ts';

/**
 * One observation as the feed reports it. `value` is a plain decimal string, or null for a date the
 * feed lists with no value (FRED's "."); `vintage` only from ALFRED.
 */
export interface FeedPoint {
  date: string;
  value: string | null;
  vintage?: string;
}

export interface FeedRequest {
  /** The asof series id, for messages. */
  series: string;
  /** The series' `pull` block. */
  pull: { from: string; id: string; field?: string | undefined };
  /** Today, `YYYY-MM-DD`: the end of the range asked for. */
  today: string;
  env: Record<string, string | undefined>;
  http: HttpOptions;
}

export type FeedAdapter = (req: FeedRequest) => Promise<FeedPoint[]>;

export class FeedError extends Error {
  readonly feed: string;
  readonly series: string;
  constructor(feed: string, series: string, message: string) {
    super(`${feed} (series ${series}): ${message}`);
    this.name = 'FeedError';
    this.feed = feed;
    this.series = series;
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Small strict readers for parsing JSON of a known shape; each failure names where it is. */
export class ShapeReader {
  readonly feed: string;
  readonly series: string;
  constructor(feed: string, series: string) {
    this.feed = feed;
    this.series = series;
  }

  fail(where: string, message: string): never {
    throw new FeedError(this.feed, this.series, `unexpected response: ${where} ${message}`);
  }

  object(v: unknown, where: string): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(where, `should be an object, got ${describe(v)}`);
    return v as Record<string, unknown>;
  }

  array(v: unknown, where: string): unknown[] {
    if (!Array.isArray(v)) this.fail(where, `should be an array, got ${describe(v)}`);
    return v;
  }

  string(v: unknown, where: string): string {
    if (typeof v !== 'string') this.fail(where, `should be a string, got ${describe(v)}`);
    return v;
  }

  isoDate(v: unknown, where: string): string {
    const s = this.string(v, where);
    if (!ISO_DATE.test(s)) this.fail(where, `should be a date YYYY-MM-DD, got ${JSON.stringify(s.slice(0, 40))}`);
    return s;
  }

  /** A decimal written as a string (FRED, Fiscal Data, Socrata). */
  decimalString(v: unknown, where: string): string {
    const s = this.string(v, where);
    if (!DECIMAL.test(s) || !Number.isFinite(Number(s))) this.fail(where, `should be a decimal number, got ${JSON.stringify(s.slice(0, 40))}`);
    return s;
  }

  /** A JSON number (DefiLlama, NY Fed). */
  number(v: unknown, where: string): string {
    if (typeof v !== 'number') this.fail(where, `should be a number, got ${describe(v)}`);
    const s = decimalText(v);
    if (s === undefined) this.fail(where, `should be a finite number, got ${v}`);
    return s;
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing (the key is missing)';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.slice(0, 40))}`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

/** Refuses two values for one date: a feed that does that needs a narrower id, not a silent pick. */
export function uniqueDates(feed: string, series: string, points: FeedPoint[]): FeedPoint[] {
  const seen = new Set<string>();
  for (const p of points) {
    const key = p.vintage === undefined ? p.date : `${p.date}@${p.vintage}`;
    if (seen.has(key)) {
      throw new FeedError(feed, series, `the response has two values for ${p.date}${p.vintage ? ` with vintage ${p.vintage}` : ''}; narrow the series' pull.id so that each date has one value`);
    }
    seen.add(key);
  }
  return points;
}

/** The exponent of a power of ten (1000 -> 3, 0.001 -> -3), as pull.scale allows them. */
export function powerOfTen(scale: number): number {
  const m = /^1e([+-]\d+)$/.exec(scale.toExponential());
  if (!m) throw new Error(`not a power of ten: ${scale}`);
  return Number(m[1]);
}

/** `text` times 10^exp, exactly: the decimal point moves in the string, no floating point involved. */
export function shiftDecimal(text: string, exp: number): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`not a decimal: ${text}`);
  let digits = m[2]! + (m[3] ?? '');
  let point = m[2]!.length + exp;
  if (point < 1) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const frac = digits.slice(point).replace(/0+$/, '');
  const out = frac ? `${int}.${frac}` : int;
  return /^0(\.0*)?$/.test(out) ? '0' : m[1] + out;
}
