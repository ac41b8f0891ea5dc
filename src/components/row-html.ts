/**
 * The small repeated parts of condition rows as HTML strings (written with `set:html`), so a row is
 * one component instance, not one per badge and value: a status as a word with a symbol (never
 * colour alone), and a value with its unit and observation date. Every text is escaped here.
 */
import type { Status } from '../core/conditions.ts';
import { STATUS, displayDate, escapeHtml, formatValue, type ValueMeta } from '../lib/format.ts';

/** `<span class="status status-met">…✓… met</span>`. */
export function statusHtml(status: Status): string {
  const s = STATUS[status];
  return `<span class="status status-${status}"><span class="status-symbol" aria-hidden="true">${s.symbol}</span> ${escapeHtml(s.word)}</span>`;
}

/** A value with its unit and the date of the observation behind it; a status series' value is its word. */
export function valueHtml(meta: ValueMeta, value: number | string | null, observed?: string | null): string {
  if (value === null) return '<span class="value value-none">no observation</span>';
  const v = formatValue(meta, value);
  const unit = v.unit ? `<span class="value-unit"> ${escapeHtml(v.unit)}</span>` : '';
  const date = observed ? `<span class="value-observed"> on <time datetime="${escapeHtml(observed)}">${displayDate(observed)}</time></span>` : '';
  return `<span class="value"><span class="value-number">${escapeHtml(v.number)}</span>${unit}${date}</span>`;
}
