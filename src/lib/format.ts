/**
 * Page-level wording that the components' src/components/format.ts (statuses, values, tests, dates)
 * does not cover: tallies, month names, HTML escaping for rows built as strings.
 */
import { parseDay } from '../core/dates.ts';

const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-03` → `March 2026`; from the digits, so no time zone can move it. */
export function monthName(yearMonth: string): string {
  if (parseDay(`${yearMonth}-01`) === undefined) throw new Error(`not a month: ${JSON.stringify(yearMonth)}`);
  return `${MONTHS_LONG[Number(yearMonth.slice(5, 7)) - 1]} ${yearMonth.slice(0, 4)}`;
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
