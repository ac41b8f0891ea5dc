/**
 * How dates, numbers, values, statuses and conditions read, everywhere: server pages and components,
 * and the chart island in the browser. One module, so a value reads the same in a row, a table, an
 * axis and a pointer readout. Client-safe: its only runtime import is the pure calendar in core/dates.
 */
import type { Status } from '../core/conditions.ts';
import { MONTH_ABBR, parseDay } from '../core/dates.ts';
import type { SeriesMeta } from '../core/schema.ts';
import type { WatchRecord } from '../archive/build-archive.ts';

const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-03-05` → `5 Mar 2026`; from the digits, so no time zone can move it. */
export function displayDate(iso: string): string {
  if (parseDay(iso) === undefined) throw new Error(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(iso)}`);
  return `${Number(iso.slice(8, 10))} ${MONTH_ABBR[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}

/** `2026-03-05` → `5 Mar`: a date beside a value whose year the context already gives. */
export function shortDate(iso: string): string {
  return displayDate(iso).slice(0, -5);
}

/** `2026-03` → `March 2026`. */
export function monthName(yearMonth: string): string {
  if (parseDay(`${yearMonth}-01`) === undefined) throw new Error(`not a month: ${JSON.stringify(yearMonth)}`);
  return `${MONTHS_LONG[Number(yearMonth.slice(5, 7)) - 1]} ${yearMonth.slice(0, 4)}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * A number at the series' precision (or as written, up to 6 decimals), with thousands separators and
 * a true minus sign (U+2212). A value that rounds to zero reads 0, never −0.
 */
export function formatNumber(value: number, decimals?: number | null): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  const key = String(decimals ?? 'auto');
  let f = formatters.get(key);
  if (!f) {
    const digits = decimals == null ? { maximumFractionDigits: 6 } : { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
    f = new Intl.NumberFormat('en-US', { ...digits, signDisplay: 'negative' });
    formatters.set(key, f);
  }
  return f.format(value).replace('-', '−');
}

/** An axis tick: the series' precision, at most two decimals (the axis needs less than the data). */
export function tickText(value: number, decimals?: number | null): string {
  return formatNumber(value, decimals == null ? undefined : Math.min(decimals, 2));
}

const PERCENT = /^(percent|%|pct)$/i;

/** True for a unit written as a `%` after the number. */
export const isPercent = (unit: string) => PERCENT.test(unit);

export type ValueMeta = Pick<SeriesMeta, 'kind' | 'unit' | 'decimals'>;

/** A value with its unit: `4.60%`, `147.25 JPY per USD`; a status series' value is its word. */
export function formatValue(meta: ValueMeta, value: number | string | null): { number: string; unit: string } {
  if (value === null) return { number: '—', unit: '' };
  if (typeof value === 'string' || meta.kind === 'status') return { number: String(value), unit: '' };
  const n = formatNumber(value, meta.decimals);
  return isPercent(meta.unit) ? { number: `${n}%`, unit: '' } : { number: n, unit: meta.unit };
}

/** The same as one string, for text alternatives, table cells and the chart readout. */
export function valueText(meta: ValueMeta, value: number | string | null): string {
  const v = formatValue(meta, value);
  return v.unit ? `${v.number} ${v.unit}` : v.number;
}

/** Word and symbol per status: status is never shown by colour alone. */
export const STATUS: Record<Status, { word: string; symbol: string }> = {
  met: { word: 'met', symbol: '✓' },
  'not-met': { word: 'not met', symbol: '✗' },
  'no-data': { word: 'no data', symbol: '–' },
  baseline: { word: 'baseline', symbol: '◆' },
};

const TREND: Record<string, string> = {
  rising: 'rising',
  falling: 'falling',
  'not-rising': 'not rising',
  'not-falling': 'not falling',
};

/** Units of a `for`/`over` duration in words. */
export function durationText(text: string): string {
  const m = /^(\d+)([dwmy])$/.exec(text);
  if (!m) return text;
  const n = Number(m[1]);
  const unit = { d: 'day', w: 'week', m: 'month', y: 'year' }[m[2] as 'd' | 'w' | 'm' | 'y'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * The test in words: "above 4.5 for 14 days", "below its value on the note's date (4.40%)",
 * "above Fed funds upper bound", "equals passed", "rising over 4 weeks".
 */
export function describeCondition(w: Pick<WatchRecord, 'condition' | 'reference'>, metaOf: (id: string) => SeriesMeta | undefined): string {
  const c = w.condition;
  const meta = metaOf(c.series);
  const forText = 'for' in c && c.for ? ` for ${durationText(`${c.for.n}${c.for.unit}`)}` : '';
  switch (c.test) {
    case 'above':
    case 'below': {
      let target: string;
      if (c.target.type === 'number') target = meta ? valueText(meta, c.target.n) : String(c.target.n);
      else if (c.target.type === 'then') target = `its value on the note's date${w.reference !== null && meta ? ` (${valueText(meta, w.reference)})` : ''}`;
      else target = metaOf(c.target.id)?.name ?? c.target.id;
      return `${c.test} ${target}${forText}`;
    }
    case 'between':
      return `between ${meta ? valueText(meta, c.lo) : c.lo} and ${meta ? valueText(meta, c.hi) : c.hi}${forText}`;
    case 'equals':
      return c.stateNames.length === 1 ? `equals “${c.stateNames[0]}”${forText}` : `is one of ${c.stateNames.map((n) => `“${n}”`).join(', ')}${forText}`;
    case 'trend':
      return `${TREND[c.direction] ?? c.direction} over ${durationText(`${c.over.n}${c.over.unit}`)}${forText}`;
  }
}

/** "3 of 12 met then · 7 met now" (or "no conditions"). */
export function tallyText(t: { total: number; metThen: number; metNow: number }): string {
  if (t.total === 0) return 'no conditions';
  return `${t.metThen} of ${t.total} met then · ${t.metNow} met now`;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes text for element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** How a group combines its parts: "all of 2", "any of 3", "at least 2 of 3". */
export function requireText(require: 'all' | 'any' | number, parts: number): string {
  return require === 'all' ? `all of ${parts}` : require === 'any' ? `any of ${parts}` : `at least ${require} of ${parts}`;
}
