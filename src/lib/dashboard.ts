/**
 * The conditions dashboard (/watch/): one table of every condition, sortable without JavaScript by
 * pre-rendering each sort order as its own static page (so the reading order is the visual order),
 * and filterable with checkboxes and CSS `:has()` rules on the rows' data attributes.
 *
 * A group is one row (counted once, like a single condition) with its parts as rows right under it,
 * kept together in every order.
 *
 * It must scale to 150,000 conditions, so:
 *  - up to DASHBOARD_LIMIT rows, one table; beyond it, one table per year of note dates, and a year
 *    with more than the limit is split by month. /watch/ shows the newest period in every sort order;
 *    older periods have their note-date page only (see `dashboardPages`).
 *  - rows are built as HTML strings (no component per cell), escaped here, once per build: the sort
 *    views only reorder them.
 */
import type { Archive, ConditionRecord, GroupRecord, NoteRecord, WatchRecord } from '../archive/build-archive.ts';
import type { Status } from '../core/conditions.ts';
import type { SeriesMeta } from '../core/schema.ts';
import type { Evaluation } from '../core/then-now.ts';
import { STATUS, describeCondition, displayDate, escapeHtml, monthName, requireText, valueText } from './format.ts';
import { href, noteHref, seriesHref } from './url.ts';

/** Most rows on one dashboard page (a group takes a row, and one more for each of its parts). */
export const DASHBOARD_LIMIT = 1500;

export interface Period {
  /** '' for the whole archive, `2026` for a year, `2026-05` for a month. */
  slug: string;
  /** "All notes", "2026", "May 2026". */
  label: string;
  /** Conditions as tallied: single watches and groups (their parts inside), in archive order. */
  conditions: ConditionRecord[];
  /** Rows the period's table has: each condition, and each group's parts. */
  rows: number;
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

const isGroup = (c: ConditionRecord): c is GroupRecord => c.kind === 'group';

/** Rows a condition takes in the table: its own, and its parts' when it is a group. */
export const rowCount = (c: ConditionRecord): number => (isGroup(c) ? 1 + c.children.length : 1);

/** A condition's rows in table order: a group, then its parts. */
export const rowsOf = (c: ConditionRecord): ConditionRecord[] => (isGroup(c) ? [c, ...c.children] : [c]);

/**
 * Splits conditions (in archive order: newest note first) into pages of at most about `limit` rows;
 * a group stays on one page with its parts (they share a note, so a date).
 */
export function dashboardPeriods(conditions: readonly ConditionRecord[], limit = DASHBOARD_LIMIT): Period[] {
  const total = conditions.reduce((n, c) => n + rowCount(c), 0);
  if (total <= limit) return [{ slug: '', label: 'All notes', conditions: [...conditions], rows: total }];
  const periods: Period[] = [];
  const byKey = (key: (c: ConditionRecord) => string, list: readonly ConditionRecord[]) => {
    const runs: [string, ConditionRecord[], number][] = [];
    for (const c of list) {
      const k = key(c);
      const last = runs.at(-1);
      if (last && last[0] === k) {
        last[1].push(c);
        last[2] += rowCount(c);
      } else runs.push([k, [c], rowCount(c)]);
    }
    return runs;
  };
  // Archive order is by note date descending, so each year and month is one contiguous run.
  for (const [year, cs, rows] of byKey((c) => c.then.date.slice(0, 4), conditions)) {
    if (rows <= limit) periods.push({ slug: year, label: year, conditions: cs, rows });
    else for (const [month, mcs, mrows] of byKey((c) => c.then.date.slice(0, 7), cs)) periods.push({ slug: month, label: monthName(month), conditions: mcs, rows: mrows });
  }
  return periods;
}

/** A dashboard page: a period, and the sort orders it is rendered in. */
export interface DashboardPage {
  /** Path segment of the period: '' for the newest (it is /watch/). */
  slug: string;
  period: Period;
  sorts: readonly SortView[];
}

/**
 * The dashboard's pages. The newest period is /watch/ itself (no copy under its own slug) in every
 * sort order; an older period is one page in note-date order, whose filters still pick statuses and
 * series: every sort order of every period cost 4 pages a period for one table, most of the
 * dashboard's build time (tests/bench/RESULTS.md).
 */
export function dashboardPages(periods: readonly Period[]): DashboardPage[] {
  return periods.map((period, i) => (i === 0 ? { slug: '', period, sorts: SORTS } : { slug: period.slug, period, sorts: [SORTS[0]!] }));
}

/** The site path of a dashboard page. */
export function dashboardPath(periodSlug: string, sortSlug: string): string {
  return `/watch/${[periodSlug, sortSlug].filter(Boolean).map((s) => `${s}/`).join('')}`;
}

/** Display order of statuses: met first. */
export const STATUS_ORDER: readonly Status[] = ['met', 'not-met', 'no-data', 'baseline'];

const statusRank = (s: Status) => STATUS_ORDER.indexOf(s);

/** The series a row lists: a condition's own; for a group, every series it reads, by name. */
function listedSeries(c: ConditionRecord, name: (id: string) => string): string[] {
  if (!isGroup(c)) return [c.series];
  return [...c.seriesRead].sort((a, b) => {
    const x = name(a).toLowerCase();
    const y = name(b).toLowerCase();
    return x === y ? (a < b ? -1 : a > b ? 1 : 0) : x < y ? -1 : 1;
  });
}

/**
 * Conditions of a view in its order; ties keep archive order (Array.prototype.sort is stable). A group
 * sorts by its own key (for series, the first of the series it reads by name); its parts follow it
 * wherever it goes (see `rowsOf`).
 */
export function sortConditions(conditions: readonly ConditionRecord[], key: SortKey, seriesName: (id: string) => string): ConditionRecord[] {
  const list = [...conditions];
  switch (key) {
    case 'date':
      return list;
    case 'first-met':
      // Most recently met first; never met (or met already on the note's date) last.
      return list.sort((a, b) => {
        const x = a.firstMetShown;
        const y = b.firstMetShown;
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
      const first = new Map(list.map((c) => [c, listedSeries(c, seriesName)[0] ?? '']));
      return list.sort((a, b) => {
        const [p, q] = [first.get(a)!, first.get(b)!];
        const x = name(p);
        const y = name(q);
        return x === y ? (p === q ? 0 : p < q ? -1 : 1) : x < y ? -1 : 1;
      });
    }
    case 'status':
      return list.sort((a, b) => statusRank(a.now.status) - statusRank(b.now.status) || statusRank(a.then.status) - statusRank(b.then.status));
  }
}

/**
 * A status, its value and the date of the observation behind it, as one table cell's content (a stale
 * value's date is in its stale mark). A group has a status and no value.
 */
export function statusHtml(e: Evaluation, value: string): string {
  const s = STATUS[e.status];
  // The same markup as src/components/StatusBadge.astro.
  let html = `<span class="status status-${e.status}"><span class="status-symbol" aria-hidden="true">${s.symbol}</span> ${s.word}</span>`;
  if (e.value !== null) html += ` <span class="value">${escapeHtml(value)}</span>`;
  if (e.stale && e.observed) html += ` <span class="stale">stale: last observed <time datetime="${e.observed}">${displayDate(e.observed)}</time></span>`;
  else if (e.stale) html += ` <span class="stale">stale: a part's value is old</span>`;
  else if (e.value !== null && e.observed) html += ` <span class="observed">on <time datetime="${e.observed}">${displayDate(e.observed)}</time></span>`;
  return html;
}

/** "all of 3 parts met", "any of 3 parts met", "at least 2 of 3 parts met". */
function groupTestText(g: GroupRecord): string {
  return `${requireText(g.require, g.children.length)} parts met`;
}

type RowArchive = Pick<Archive, 'noteById' | 'data'>;

/**
 * Row HTML by record, for the rows shown in more than one view (the newest period's sort orders):
 * those views only reorder rows, so each is written once. An older period's rows are written once
 * anyway and are not kept (at 10,000 notes they were 165 MB held to the end of the build).
 */
const rowCache = new WeakMap<ConditionRecord, string>();

/** One <tr> of the dashboard (a group's, or a part's under it); the data attributes drive the CSS filters. */
export function conditionRowHtml(c: ConditionRecord, note: NoteRecord, archive: Pick<Archive, 'data' | 'noteById'>, reuse = false): string {
  let html = reuse ? rowCache.get(c) : undefined;
  if (html === undefined) {
    html = isGroup(c) ? groupRowHtml(c, note, archive) : watchRowHtml(c, note, archive);
    if (reuse) rowCache.set(c, html);
  }
  return html;
}

/** The note cell and the first-met cell, shared by every kind of row. */
function noteCell(note: NoteRecord): string {
  return `<td class="note"><time datetime="${note.date}">${displayDate(note.date)}</time> <a href="${noteHref(note.id)}">${escapeHtml(note.title)}</a></td>`;
}

function firstCell(c: ConditionRecord): string {
  // One rule with the note page: first met is shown only when it was not already met on the note's date.
  const f = c.firstMetShown;
  return `<td class="first">${f ? `<time datetime="${f}">${displayDate(f)}</time>` : '<span class="none">—</span>'}</td>`;
}

function groupRowHtml(g: GroupRecord, note: NoteRecord, archive: Pick<Archive, 'data'>): string {
  const name = (id: string) => archive.data.logs.get(id)?.meta.name ?? id;
  const series = listedSeries(g, name);
  return (
    `<tr class="group" data-now-status="${g.now.status}" data-then-status="${g.then.status}" data-series="${series.join(' ')}">` +
    noteCell(note) +
    `<td class="label"><a href="${noteHref(note.id)}#${g.id}">${escapeHtml(g.title)}</a></td>` +
    `<td class="series">${series.map((id) => `<a href="${seriesHref(id)}">${escapeHtml(name(id))}</a>`).join(', ')}</td>` +
    `<td class="test">Group: ${groupTestText(g)}</td>` +
    `<td class="then">${statusHtml(g.then, '')}</td>` +
    `<td class="now">${statusHtml(g.now, '')}</td>` +
    firstCell(g) +
    `</tr>`
  );
}

/** One <tr> of a single condition, or of a group's part (class "part", named as part of its group). */
export function watchRowHtml(w: WatchRecord, note: NoteRecord, archive: Pick<Archive, 'data' | 'noteById'>): string {
  const metaOf = (id: string): SeriesMeta | undefined => archive.data.logs.get(id)?.meta;
  const meta = metaOf(w.series)!;
  const group = w.group === null ? undefined : note.groups.find((g) => g.id === w.group);
  // A `then` test shows its reference value on the note's date.
  const thenValue = valueText(meta, w.then.status === 'baseline' && w.reference !== null ? w.reference : w.then.value);
  // Plain text: the group's row, with its link, is right above.
  const partOf = group ? ` <span class="part-of">part of ${escapeHtml(group.title)}</span>` : '';
  return (
    `<tr${group ? ' class="part"' : ''} data-now-status="${w.now.status}" data-then-status="${w.then.status}" data-series="${w.seriesRead.join(' ')}">` +
    noteCell(note) +
    `<td class="label"><a href="${noteHref(note.id)}#${w.id}">${escapeHtml(w.label)}</a>${partOf}</td>` +
    `<td class="series"><a href="${seriesHref(w.series)}">${escapeHtml(meta.name)}</a></td>` +
    `<td class="test">${escapeHtml(describeCondition(w, metaOf))}</td>` +
    `<td class="then">${statusHtml(w.then, thenValue)}</td>` +
    `<td class="now">${statusHtml(w.now, valueText(meta, w.now.value))}</td>` +
    firstCell(w) +
    `</tr>`
  );
}

/** All rows of a view, joined: each condition, and right under a group its parts. `reuse`: keep them for other views. */
export function rowsHtml(conditions: readonly ConditionRecord[], archive: RowArchive, reuse = false): string {
  let out = '';
  for (const c of conditions) {
    const note = archive.noteById.get(c.note)!;
    for (const r of rowsOf(c)) out += conditionRowHtml(r, note, archive, reuse);
  }
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
