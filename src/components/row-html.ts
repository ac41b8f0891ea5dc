/**
 * The small repeated parts of condition rows as HTML strings (written with `set:html`), so a row is
 * one component instance, not one per badge and value: a status as a word with a symbol (never
 * colour alone), and a value with its unit and observation date. Every text is escaped here.
 */
import type { NoteRecord, WatchRecord } from '../archive/build-archive.ts';
import type { Status } from '../core/conditions.ts';
import type { SeriesMeta } from '../core/schema.ts';
import type { Evaluation } from '../core/then-now.ts';
import { STATUS, describeCondition, displayDate, durationText, escapeHtml, formatValue, shortDate, valueText, type ValueMeta } from '../lib/format.ts';
import { seriesHref } from '../lib/url.ts';
import { sparklineSvg } from './svg.ts';

/** `<time datetime="iso">text</time>` (text already escaped or safe). */
export const time = (iso: string, text: string) => `<time datetime="${escapeHtml(iso)}">${text}</time>`;

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
  const date = observed ? `<span class="value-observed"> on ${time(observed, displayDate(observed))}</span>` : '';
  return `<span class="value"><span class="value-number">${escapeHtml(v.number)}</span>${unit}${date}</span>`;
}

/** What the value was compared with on one side (another series, or the series' own past value). */
function comparedText(w: WatchRecord, e: Evaluation, metaOf: (id: string) => SeriesMeta): string | undefined {
  const o = e.compared;
  if (!o) return undefined;
  const m = metaOf(o.series);
  const c = w.condition;
  if (c.test === 'trend') {
    return o.value === null || o.observed === null ? 'no observation to compare with' : `vs ${valueText(m, o.value)} on ${displayDate(o.observed)}, ${durationText(`${c.over.n}${c.over.unit}`)} earlier`;
  }
  return o.value === null || o.observed === null ? `vs no observation of ${m.name}` : `vs ${valueText(m, o.value)} on ${displayDate(o.observed)}`;
}

/**
 * One watch condition of a note as a row, from its WatchRecord alone: the label, the series and its
 * test, then and now with status, value and observation date, what each side was compared with,
 * revisions of the then value, stale marks, "first met" and a sparkline.
 */
export function watchHtml(w: WatchRecord, note: Pick<NoteRecord, 'hasNewerSnapshot'>, metaOf: (id: string) => SeriesMeta): string {
  const meta = metaOf(w.series);
  const t = w.then;
  const side = (key: 'then' | 'now', title: string, e: Evaluation): string => {
    let out = `<div class="watch-side watch-${key}"><dt>${title} ${time(e.date, displayDate(e.date))}</dt><dd class="watch-status">${statusHtml(e.status)}</dd><dd class="watch-value">${valueHtml(meta, e.value, e.observed)}`;
    if (e.stale) {
      const observed = e.observed ? `: last observed ${e.observed.slice(0, 4) === e.date.slice(0, 4) ? shortDate(e.observed) : displayDate(e.observed)}` : '';
      const rule = e.staleRule ? `<span class="visually-hidden"> (${escapeHtml(e.staleRule)})</span>` : '';
      out += `<span class="stale"${e.staleRule ? ` title="${escapeHtml(e.staleRule)}"` : ''}>stale${escapeHtml(observed)}${rule}</span>`;
    }
    out += '</dd>';
    const vs = comparedText(w, e, metaOf);
    if (vs) out += `<dd class="watch-vs">${escapeHtml(vs)}</dd>`;
    if (key === 'then' && t.revisedValue !== null) {
      const on = t.revisedOn ? ` on ${time(t.revisedOn, displayDate(t.revisedOn))}` : '';
      out += `<dd class="watch-revised">revised to ${escapeHtml(valueText(meta, t.revisedValue))}${on} (first published ${escapeHtml(valueText(meta, t.value))})</dd>`;
    }
    if (key === 'then' && t.statusAsKnownNow !== t.status) out += `<dd class="watch-flip">revised since: would now read as ${escapeHtml(STATUS[t.statusAsKnownNow].word)}</dd>`;
    if (key === 'now' && !note.hasNewerSnapshot) out += '<dd class="watch-no-newer">no newer snapshot since this note</dd>';
    if (key === 'now' && w.firstMetShown) out += `<dd class="first-met">first met ${time(w.firstMetShown, displayDate(w.firstMetShown))}</dd>`;
    return out + '</div>';
  };
  const id = escapeHtml(w.id);
  return (
    `<div class="watch${w.group !== null ? ' watch-part' : ''}" id="${id}" data-watch-id="${id}" data-then-status="${w.then.status}" data-now-status="${w.now.status}">` +
    `<div class="watch-head"><p class="watch-label">${escapeHtml(w.label)} <a class="watch-link" href="#${id}" data-pagefind-ignore><span aria-hidden="true">#</span><span class="visually-hidden">Link to this condition</span></a></p>` +
    `<p class="watch-test"><a href="${escapeHtml(seriesHref(w.series))}">${escapeHtml(meta.name)}</a> ${escapeHtml(describeCondition(w, metaOf))}</p></div>` +
    `<dl class="watch-sides" data-pagefind-ignore>${side('then', 'Then', w.then)}${side('now', 'Now', w.now)}</dl>` +
    `<div class="watch-spark">${sparklineSvg(w.sparkline.draw())}</div></div>`
  );
}
