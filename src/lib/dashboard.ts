/**
 * The conditions dashboard (/watch/): one table of every condition, sortable without JavaScript by
 * pre-rendering each sort order as its own static page (so the reading order is the visual order),
 * and filterable with checkboxes and CSS `:has()` rules on the rows' data attributes.
 *
 * It must scale to 150,000 conditions, so:
 *  - up to DASHBOARD_LIMIT conditions, one table; beyond it, one table per year of note dates, and a
 *    year with more than the limit is split by month. /watch/ shows the newest period.
 *  - rows are built as HTML strings (one pass, no component per cell), escaped here.
 */
import type { Archive, NoteRecord, WatchRecord } from '../archive/build-archive.ts';
import type { Status } from '../core/conditions.ts';
import type { SeriesMeta } from '../core/schema.ts';
import type { Evaluation } from '../core/then-now.ts';
import { STATUS, describeCondition, displayDate, escapeHtml, monthName, valueText } from './format.ts';
import { href, noteHref, seriesHref } from './url.ts';

/** Most rows on one dashboard page. */
export const DASHBOARD_LIMIT = 1500;

export interface Period {
  /** '' for the whole archive, `2026` for a year, `2026-05` for a month. */
  slug: string;
  /** "All notes", "2026", "May 2026". */
  label: string;
  watches: WatchRecord[];
}

export type SortKey = 'date' | 'first-met' | 'series' | 'status';

export interface SortView {
  key: SortKey;
  /** Path segment of the view; '' for the default. */
  slug: string;
  label: string;
}

export const SORTS: readonly SortView[] = [
  { key: 'date', slug: '', label: 'Note date' },
  { key: 'first-met', slug: 'by-first-met', label: 'First met' },
  { key: 'series', slug: 'by-series', label: 'Series' },
  { key: 'status', slug: 'by-status', label: 'Now status' },
];

/** Splits conditions (in archive order: newest note first) into pages of at most about `limit` rows. */
export function dashboardPeriods(watches: readonly WatchRecord[], limit = DASHBOARD_LIMIT): Period[] {
  if (watches.length <= limit) return [{ slug: '', label: 'All notes', watches: [...watches] }];
  const periods: Period[] = [];
  const byKey = (key: (w: WatchRecord) => string, list: readonly WatchRecord[]) => {
    const groups: [string, WatchRecord[]][] = [];
    for (const w of list) {
      const k = key(w);
      const last = groups.at(-1);
      if (last && last[0] === k) last[1].push(w);
      else groups.push([k, [w]]);
    }
    return groups;
  };
  // Archive order is by note date descending, so each year and month is one contiguous run.
  for (const [year, ws] of byKey((w) => w.then.date.slice(0, 4), watches)) {
    if (ws.length <= limit) periods.push({ slug: year, label: year, watches: ws });
    else for (const [month, mws] of byKey((w) => w.then.date.slice(0, 7), ws)) periods.push({ slug: month, label: monthName(month), watches: mws });
  }
  return periods;
}

/** The site path of a dashboard page. */
export function dashboardPath(periodSlug: string, sortSlug: string): string {
  return `/watch/${[periodSlug, sortSlug].filter(Boolean).map((s) => `${s}/`).join('')}`;
}

/** Display order of statuses: met first. */
export const STATUS_ORDER: readonly Status[] = ['met', 'not-met', 'no-data', 'baseline'];

const statusRank = (s: Status) => STATUS_ORDER.indexOf(s);

/** The rows of a view in its order; ties keep archive order (Array.prototype.sort is stable). */
export function sortWatches(watches: readonly WatchRecord[], key: SortKey, seriesName: (id: string) => string): WatchRecord[] {
  const list = [...watches];
  switch (key) {
    case 'date':
      return list;
    case 'first-met':
      // Most recently met first; never met last.
      return list.sort((a, b) => {
        const x = a.firstMetAfterNote;
        const y = b.firstMetAfterNote;
        if (x === y) return 0;
        if (x === null) return 1;
        if (y === null) return -1;
        return x < y ? 1 : -1;
      });
    case 'series': {
      const names = new Map<string, string>();
      const name = (id: string) => {
        let n = names.get(id);
        if (n === undefined) names.set(id, (n = seriesName(id).toLowerCase()));
        return n;
      };
      return list.sort((a, b) => {
        const x = name(a.series);
        const y = name(b.series);
        return x === y ? (a.series === b.series ? 0 : a.series < b.series ? -1 : 1) : x < y ? -1 : 1;
      });
    }
    case 'status':
      return list.sort((a, b) => statusRank(a.now.status) - statusRank(b.now.status) || statusRank(a.then.status) - statusRank(b.then.status));
  }
}

/** Series a condition involves: the watched one, and the one it is compared with. */
export function seriesOf(w: WatchRecord): string[] {
  const t = w.test.above ?? w.test.below;
  return typeof t === 'string' && t !== 'then' && t !== w.series ? [w.series, t] : [w.series];
}

/**
 * A status, its value and the date of the observation behind it, as one table cell's content (a stale
 * value's date is in its stale mark).
 */
export function statusHtml(e: Evaluation, value: string): string {
  const s = STATUS[e.status];
  // The same markup as src/components/StatusBadge.astro.
  let html = `<span class="status status-${e.status}"><span class="status-symbol" aria-hidden="true">${s.symbol}</span> ${s.word}</span>`;
  if (e.value !== null) html += ` <span class="value">${escapeHtml(value)}</span>`;
  if (e.stale && e.observed) html += ` <span class="stale">stale: last observed <time datetime="${e.observed}">${displayDate(e.observed)}</time></span>`;
  else if (e.value !== null && e.observed) html += ` <span class="observed">on <time datetime="${e.observed}">${displayDate(e.observed)}</time></span>`;
  return html;
}

/** One <tr> of the dashboard; the data attributes drive the CSS filters. */
export function watchRowHtml(w: WatchRecord, note: NoteRecord, archive: Pick<Archive, 'data'>): string {
  const metaOf = (id: string): SeriesMeta | undefined => archive.data.logs.get(id)?.meta;
  const meta = metaOf(w.series)!;
  const nHref = noteHref(note.id);
  const first = w.firstMetAfterNote ? `<time datetime="${w.firstMetAfterNote}">${displayDate(w.firstMetAfterNote)}</time>` : '<span class="none">—</span>';
  // A `then` test shows its reference value on the note's date.
  const thenValue = valueText(meta, w.then.status === 'baseline' && w.reference !== null ? w.reference : w.then.value);
  return (
    `<tr data-now-status="${w.now.status}" data-then-status="${w.then.status}" data-series="${seriesOf(w).join(' ')}">` +
    `<td class="note"><time datetime="${note.date}">${displayDate(note.date)}</time> <a href="${nHref}">${escapeHtml(note.title)}</a></td>` +
    `<td class="label"><a href="${nHref}#${w.id}">${escapeHtml(w.label)}</a></td>` +
    `<td class="series"><a href="${seriesHref(w.series)}">${escapeHtml(meta.name)}</a></td>` +
    `<td class="test">${escapeHtml(describeCondition(w, metaOf))}</td>` +
    `<td class="then">${statusHtml(w.then, thenValue)}</td>` +
    `<td class="now">${statusHtml(w.now, valueText(meta, w.now.value))}</td>` +
    `<td class="first">${first}</td>` +
    `</tr>`
  );
}

/** All rows of a view, joined. */
export function rowsHtml(watches: readonly WatchRecord[], archive: Pick<Archive, 'noteById' | 'data'>): string {
  let out = '';
  for (const w of watches) out += watchRowHtml(w, archive.noteById.get(w.note)!, archive);
  return out;
}

/** CSS for the series filter: one rule per series, in a stylesheet of its own (no inline styles under the CSP). */
export function seriesFilterCss(seriesIds: Iterable<string>): string {
  let css = '/* Generated: hides rows of other series when one is picked in the dashboard filter. */\n';
  for (const id of seriesIds) {
    css += `.dashboard:has(#filter-series option[value="${id}"]:checked) tbody tr:not([data-series~="${id}"]){display:none}\n`;
  }
  return css;
}

export const seriesFilterHref = () => href('/watch/series-filter.css');
