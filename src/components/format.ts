/**
 * How values, statuses and conditions read on the page. Shared by the components and by the other
 * pages (dashboard, series), so a value looks the same everywhere.
 */
import type { Status } from '../core/conditions.ts';
import type { SeriesMeta } from '../core/schema.ts';
import type { WatchRecord } from '../archive/build-archive.ts';
export { displayDate } from '../core/chart-data.ts';

/** Word and symbol per status: status is never shown by colour alone. */
export const STATUS: Record<Status, { word: string; symbol: string }> = {
  met: { word: 'met', symbol: '✓' },
  'not-met': { word: 'not met', symbol: '✗' },
  'no-data': { word: 'no data', symbol: '–' },
  baseline: { word: 'baseline', symbol: '◆' },
};

const formatters = new Map<string, Intl.NumberFormat>();

/** A number at the series' precision (or as written, up to 6 decimals), with thousands separators. */
export function formatNumber(value: number, decimals?: number | null): string {
  const key = String(decimals ?? 'auto');
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat('en-US', decimals == null ? { maximumFractionDigits: 6 } : { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    formatters.set(key, f);
  }
  return f.format(value).replace('-', '−');
}

const PERCENT = /^(percent|%|pct)$/i;

/** A value with its unit: `4.60%`, `147.25 JPY per USD`; a status series' value is its word. */
export function formatValue(meta: Pick<SeriesMeta, 'kind' | 'unit' | 'decimals'>, value: number | string | null): { number: string; unit: string } {
  if (value === null) return { number: '—', unit: '' };
  if (typeof value === 'string' || meta.kind === 'status') return { number: String(value), unit: '' };
  const n = formatNumber(value, meta.decimals);
  return PERCENT.test(meta.unit) ? { number: `${n}%`, unit: '' } : { number: n, unit: meta.unit };
}

/** The same as one string, for text alternatives and table cells. */
export function valueText(meta: Pick<SeriesMeta, 'kind' | 'unit' | 'decimals'>, value: number | string | null): string {
  const v = formatValue(meta, value);
  return v.unit ? `${v.number} ${v.unit}` : v.number;
}

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
    case 'equals':
      return `equals “${c.stateName}”${forText}`;
    case 'trend':
      return `${TREND[c.direction] ?? c.direction} over ${durationText(`${c.over.n}${c.over.unit}`)}`;
  }
}
