/**
 * The timeline's lanes and table rows as HTML strings (written with `set:html`): a note's timeline is
 * a few hundred elements, and one string per part renders far faster than one template node each.
 * A lane's axis rules are one path, and so are its runs of each status. Every text is escaped here.
 */
import type { ConditionRecord } from '../archive/build-archive.ts';
import { formatDay, type Day } from '../core/dates.ts';
import { dateNear, requireText } from './condition-text.ts';
import { STATUS, displayDate, escapeHtml } from '../lib/format.ts';
import { time } from './row-html.ts';
import { listedSpans, type Lane } from './timeline-lanes.ts';

export const H = 16;

const label = (c: ConditionRecord) => (c.kind === 'group' ? c.title : c.label);
const range = ([a, b]: [Day, Day]) => (a === b ? displayDate(formatDay(a)) : `${displayDate(formatDay(a))} – ${displayDate(formatDay(b))}`);

/** What a lane shows, in words, for its SVG's label. */
function laneSummary(c: ConditionRecord, metDays: [Day, Day][]): string {
  const { head, skipped, tail } = listedSpans(metDays);
  const met = metDays.length ? `met ${[...head.map(range), ...(skipped ? [`${skipped} more spans`] : []), ...tail.map(range)].join('; ')}` : 'never met';
  const first = c.firstMetShown ? `; first met ${displayDate(c.firstMetShown)}` : c.then.status === 'met' ? "; already met on the note's date" : '';
  return `${label(c)}: ${met} after the note${first}.`;
}

/** Each status's band: its top and height in the 16-unit-high bar. */
const BAND = { met: [1, H - 2], 'not-met': [H / 2 - 3, 6], 'no-data': [H / 2 - 1, 2] } as const;

/**
 * A lane's runs as one path per status, a closed rectangle per run ("M x y h w v h h -w z"): an old
 * note's lanes hold hundreds of runs, and a path segment is a quarter of the bytes of a <rect>.
 */
function runsHtml(rects: Lane['rects']): string {
  let out = '';
  for (const status of ['met', 'not-met', 'no-data'] as const) {
    const [y, h] = BAND[status];
    let d = '';
    for (const r of rects) if (r.status === status) d += `M${r.x} ${y}h${r.width}v${h}h-${r.width}z`;
    if (d) out += `<path class="timeline-${status}" d="${d}"></path>`;
  }
  return out;
}

/** The lanes' `<li>`s: label, then the bar with the axis rules, the spans and the first-met mark. */
export function lanesHtml(lanes: Lane[], months: number[], width: number, nowDate: string): string {
  const rules = months.length ? `<path class="timeline-month" d="${months.map((x) => `M${x} 0V${H}`).join('')}" vector-effect="non-scaling-stroke"></path>` : '';
  let out = '';
  for (const l of lanes) {
    const c = l.c;
    const metDays = l.metDays;
    const classes = ['timeline-lane', l.part && 'timeline-lane-part', c.kind === 'group' && 'timeline-lane-group'].filter(Boolean).join(' ');
    const group = c.kind === 'group' ? `<span class="timeline-lane-note"> (group: ${escapeHtml(requireText(c.require, c.children.length))})</span>` : '';
    const state = c.firstMetShown
      ? `first met ${time(c.firstMetShown, dateNear(c.firstMetShown, nowDate))}`
      : c.then.status === 'met'
        ? 'met on the note&#39;s date'
        : metDays.length
          ? 'met'
          : 'not met since';
    let bar = rules + runsHtml(l.rects);
    if (l.firstMetX !== null) bar += `<line class="timeline-first" x1="${l.firstMetX}" x2="${l.firstMetX}" y1="0" y2="${H}" vector-effect="non-scaling-stroke"></line>`;
    out +=
      `<li class="${classes}" data-lane="${escapeHtml(c.id)}"><p class="timeline-lane-label"><span class="timeline-lane-name">${escapeHtml(label(c))}</span>${group}` +
      `<span class="timeline-lane-note"> · ${state}</span></p>` +
      `<svg class="timeline-bar" viewBox="0 0 ${width} ${H}" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(laneSummary(c, metDays))}">${bar}</svg></li>`;
  }
  return out;
}

/** A long list of spans keeps its first and last five; every span is in /watch.json. */
function spanCells(spans: [Day, Day][]): string {
  const { head, skipped, tail } = listedSpans(spans);
  const cell = (s: [Day, Day]) => `<span class="timeline-span">${range(s)}</span>`;
  return [...head.map(cell), ...(skipped ? [`… ${skipped} more spans (all in /watch.json) …`] : []), ...tail.map(cell)].join('; ');
}

/** The same lanes as table rows: the condition, its status on the note's date, its met spans, first met. */
export function tableRowsHtml(lanes: Lane[]): string {
  let out = '';
  for (const l of lanes) {
    const c = l.c;
    const metDays = l.metDays;
    out +=
      `<tr${l.part ? ' class="timeline-row-part"' : ''} data-lane="${escapeHtml(c.id)}"><th scope="row">${l.part ? '<span class="visually-hidden">Part of the group above: </span>' : ''}${escapeHtml(label(c))}</th>` +
      `<td>${escapeHtml(STATUS[c.then.status].word)}</td>` +
      `<td>${metDays.length ? spanCells(metDays) : 'never'}</td>` +
      `<td>${c.firstMetShown ? time(c.firstMetShown, displayDate(c.firstMetShown)) : '—'}</td></tr>`;
  }
  return out;
}
