/**
 * The note page's condition components over the fixture `timeline`: snapshots 2026-03-02 (sealed
 * after 2026-06-30 existed, so reconstructed) and now = 2026-06-30. The rate's 2 Mar value was first
 * published 4.48 and revised to 4.52 on 20 Mar; it sits above 4.5 from 10 to 20 Mar and again from
 * 15 Apr. Note 2026-06-30 is dated on the newest snapshot and places its own <WatchTimeline />.
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import { getArchive } from '../../src/archive/index.ts';
import { noteComponents } from '../../src/components/note-components.ts';
import Value from '../../src/components/Value.astro';
import Watch from '../../src/components/Watch.astro';
import WatchGroup from '../../src/components/WatchGroup.astro';
import WatchSummary from '../../src/components/WatchSummary.astro';
import WatchTimeline from '../../src/components/WatchTimeline.astro';
import Note from '../../src/layouts/Note.astro';
import { NOTE_COMPONENT_NAMES } from '../../src/notes/components.ts';
import { all, attr, one, parse, text, type Node } from './html.ts';

const NOTE = '2026-03-02-timeline-fixture';
const LATEST = '2026-06-30-latest-fixture';
let container: AstroContainer;

beforeAll(async () => {
  process.env.ASOF_ROOT = 'tests/fixtures/archives/timeline';
  container = await AstroContainer.create();
});

async function render(component: Parameters<AstroContainer['renderToString']>[0], props: Record<string, unknown>, slot?: string): Promise<Node> {
  return parse(await container.renderToString(component, { props, ...(slot !== undefined ? { slots: { default: slot } } : {}) }));
}
/** A lane's runs of one status, [x, width] each, read off its path ("M x y h w v h h -w z" per run). */
const runs = (svg: Node, status: string): [string, string][] => {
  const path = all(svg, `path.timeline-${status}`);
  expect(path.length).toBeLessThanOrEqual(1);
  return [...(attr(path[0] ?? svg, 'd') ?? '').matchAll(/M([\d.]+) [\d.]+h([\d.]+)v[\d.]+h-[\d.]+z/g)].map((m) => [m[1]!, m[2]!]);
};
const watch = async (index: number, note = NOTE) => one(await render(Watch, { __note: note, __index: index }), 'div.watch');
const side = (el: Node, which: 'then' | 'now') => one(el, `div.watch-${which}`);

describe('<Watch> from its record', () => {
  it('marks a revised then value with the revision, its date and what it would change', async () => {
    const el = await watch(0);
    expect(text(one(side(el, 'then'), 'span.value'))).toBe('4.48% on 2 Mar 2026');
    expect(text(one(side(el, 'then'), 'dd.watch-revised'))).toBe('revised to 4.52% on 20 Mar 2026 (first published 4.48%)');
    expect(attr(one(one(side(el, 'then'), 'dd.watch-revised'), 'time'), 'datetime')).toBe('2026-03-20');
    expect(text(one(side(el, 'then'), 'dd.watch-flip'))).toBe('revised since: would now read as met');
    expect(all(side(el, 'now'), 'dd.watch-revised')).toHaveLength(0);
    expect(text(one(side(el, 'now'), 'dd.first-met'))).toBe('first met 10 Mar 2026');
  });

  it('flips the other way, compares with the other series from the record, and hides first met when met on the note date', async () => {
    const el = await watch(2);
    expect(attr(el, 'data-then-status')).toBe('met');
    expect(text(one(side(el, 'then'), 'dd.watch-flip'))).toBe('revised since: would now read as not met');
    expect(text(one(side(el, 'then'), 'dd.watch-vs'))).toBe('vs 4.50% on 1 Jan 2026');
    expect(text(one(side(el, 'now'), 'dd.watch-vs'))).toBe('vs 4.75% on 1 Jun 2026');
    expect(all(el, 'dd.first-met')).toHaveLength(0);
    // A part of a group says so in its class.
    expect(attr(el, 'class')).toContain('watch-part');
  });

  it('shows no revision mark on an unrevised value', async () => {
    const el = await watch(1);
    expect(all(el, 'dd.watch-revised')).toHaveLength(0);
    expect(all(el, 'dd.watch-flip')).toHaveLength(0);
  });

  it('says when the observation is stale, with the limit in a tooltip and in text without hover', async () => {
    const el = await watch(3);
    expect(all(side(el, 'then'), 'span.stale')).toHaveLength(0);
    const stale = one(side(el, 'now'), 'span.stale');
    expect(text(stale)).toBe('stale: last observed 24 Apr (stale after 21 days (weekly))');
    expect(attr(stale, 'title')).toBe('stale after 21 days (weekly)');
  });

  it('says "no newer snapshot since this note" on the now side of a note dated on the newest snapshot', async () => {
    const el = await watch(0, LATEST);
    expect(text(one(side(el, 'now'), 'dd.watch-no-newer'))).toBe('no newer snapshot since this note');
    expect(all(side(el, 'then'), 'dd.watch-no-newer')).toHaveLength(0);
    expect(all(await watch(0), 'dd.watch-no-newer')).toHaveLength(0);
  });
});

describe('<WatchGroup>', () => {
  it('is one block: title, how it combines, then / now / first met, and its rows inside', async () => {
    const root = await render(WatchGroup, { __note: NOTE, __index: 0 }, '<div class="watch" id="child-a">A</div><div class="watch" id="child-b">B</div>');
    const g = one(root, 'section.watch-group');
    expect(attr(g, 'id')).toBe('policy-and-plumbing-together');
    expect(attr(g, 'data-then-status')).toBe('not-met');
    expect(attr(g, 'data-now-status')).toBe('met');
    expect(text(one(g, 'p.watch-group-title'))).toBe('Policy and plumbing together #Link to this group');
    expect(attr(one(g, 'a.watch-link'), 'data-pagefind-ignore')).toBeDefined();
    expect(text(one(g, 'p.watch-group-require'))).toBe("Met when all of 2 conditions are met. Counts once in the note's tally; the conditions below are its parts.");
    expect(text(one(side(g, 'then'), 'dd.watch-status'))).toBe('✗ not met');
    expect(text(one(side(g, 'now'), 'dd.watch-status'))).toBe('✓ met');
    expect(text(one(side(g, 'now'), 'dd.first-met'))).toBe('first met 1 Jun 2026');
    // Groups have no value of their own.
    expect(all(g, 'span.value')).toHaveLength(0);
    expect(all(one(g, 'div.watch-group-parts'), 'div.watch').map((w) => attr(w, 'id'))).toEqual(['child-a', 'child-b']);
  });

  it('words "at least k of n"', async () => {
    const g = one(await render(WatchGroup, { __note: NOTE, __index: 1 }, ''), 'section.watch-group');
    expect(text(one(g, 'p.watch-group-require'))).toMatch(/^Met when at least 2 of 3 conditions are met\./);
  });

  it('refuses a group the build did not evaluate', async () => {
    await expect(render(WatchGroup, { __note: NOTE, __index: 9 }, '')).rejects.toThrow(/<WatchGroup> number 10 in note 2026-03-02-timeline-fixture was not evaluated/);
  });
});

describe('<Value>', () => {
  it.each([
    [0, '4.48% (2 Mar; now 4.70%)', 'Policy rate, on the note\'s date (illustrative data). Source: Fixture central bank. As known on 2 Mar 2026: 4.48%, observed 2 Mar 2026. As known on 30 Jun 2026: 4.70%, observed 30 Jun 2026.'],
    [1, '4.40% (15 Jan; now 4.40%)', 'Policy rate, on 15 Jan 2026 (illustrative data).'],
    [2, '4.48% (2 Mar; now 4.70%)', 'Policy rate, the highest since 1 Jan 2026 (illustrative data).'],
    [3, '+8 bp (2 Mar; now +30 bp)', 'Policy rate, the change since 1 Jan 2026, in basis points (illustrative data).'],
  ] as const)('#%i reads "%s", its source beside it', async (index, shown, source) => {
    const v = one(await render(Value, { __note: NOTE, __index: index }), 'span.note-value');
    const src = one(v, 'span.note-value-source');
    expect(text(v)).toBe(`${shown} ${text(src)}`);
    expect(text(src).startsWith(source)).toBe(true);
    expect(attr(src, 'data-pagefind-ignore')).toBeDefined();
    expect(attr(one(v, 'a.note-value-then'), 'href')).toBe('/series/rate/');
    expect(attr(v, 'data-value-index')).toBe(String(index));
  });

  it('says there is no newer snapshot instead of a now value', async () => {
    const v = one(await render(Value, { __note: LATEST, __index: 0 }), 'span.note-value');
    expect(text(one(v, 'span.note-value-when'))).toBe('(30 Jun; no newer snapshot)');
    expect(text(one(v, 'span.note-value-source'))).toMatch(/No newer snapshot since this note\.$/);
  });
});

describe('<WatchSummary> with groups', () => {
  it('counts a group once and says so', async () => {
    expect(text(one(await render(WatchSummary, { __note: NOTE }), 'p.watch-summary'))).toBe(
      'Of 3 conditions: 0 met then, 3 met now, 3 first met after this note. A group of conditions counts once; the conditions inside it are its parts.',
    );
    expect(text(one(await render(WatchSummary, { __note: LATEST }), 'p.watch-summary'))).toBe('Of 2 conditions: 2 met then, 2 met now.');
  });
});

describe('<WatchTimeline>', () => {
  const LANES = ['the-rate-above-4-5', 'policy-and-plumbing-together', 'the-bill-passes', 'the-rate-stays-under-the-ceiling', 'two-of-three-signs', 'custody-holdings-above-3-000', 'the-rate-above-4-65', 'the-bill-is-enacted'];

  it('draws one lane per condition in the note order, groups before their parts', async () => {
    const t = one(await render(WatchTimeline, { __note: NOTE }), 'section.watch-timeline');
    const lanes = all(t, 'li.timeline-lane');
    expect(lanes.map((l) => attr(l, 'data-lane'))).toEqual(LANES);
    expect(lanes.filter((l) => (attr(l, 'class') ?? '').includes('timeline-lane-part')).map((l) => attr(l, 'data-lane'))).toEqual(LANES.filter((id) => !['the-rate-above-4-5', 'policy-and-plumbing-together', 'two-of-three-signs'].includes(id)));
    expect(all(t, 'script')).toHaveLength(0);
  });

  it('colours the days from the record spans, on an axis from the note date to now (120 days)', async () => {
    const t = one(await render(WatchTimeline, { __note: NOTE }), 'section.watch-timeline');
    const lane = (id: string) => one(t, `li[data-lane=${id}]`);
    const rate = one(lane('the-rate-above-4-5'), 'svg');
    // Met 10-20 Mar and 15 Apr-30 Jun: days 8-18 and 44-120 of 120.
    expect(runs(rate, 'met')).toEqual([
      ['58.3', '91.7'],
      ['358.3', '641.7'],
    ]);
    expect(runs(rate, 'not-met')).toHaveLength(2);
    expect(attr(one(rate, 'line.timeline-first'), 'x1')).toBe('58.3');
    expect(attr(rate, 'aria-label')).toBe('The rate above 4.5%: met 10 Mar 2026 – 20 Mar 2026; 15 Apr 2026 – 30 Jun 2026 after the note; first met 10 Mar 2026.');
    // Met, then not, then met again: three separate spans, no first-met mark (met on the note's date).
    const under = one(lane('the-rate-stays-under-the-ceiling'), 'svg');
    expect(runs(under, 'met')).toHaveLength(3);
    expect(all(under, 'line.timeline-first')).toHaveLength(0);
    expect(text(one(lane('the-rate-stays-under-the-ceiling'), 'p.timeline-lane-label'))).toBe("The rate stays under the ceiling · met on the note's date");
    expect(text(one(lane('two-of-three-signs'), 'p.timeline-lane-label'))).toBe('Two of three signs (group: at least 2 of 3) · first met 15 Apr');
    expect(runs(one(lane('the-bill-is-enacted'), 'svg'), 'met')).toHaveLength(0);
  });

  it('states the order things came true and what was met on the note date', async () => {
    const t = one(await render(WatchTimeline, { __note: NOTE }), 'section.watch-timeline');
    expect(text(one(t, 'ol.timeline-order'))).toBe(
      'First: The rate above 4.5%, 10 Mar; then: Custody holdings above 3,000, 20 Mar; then: Two of three signs, 15 Apr; then: The rate above 4.65%, 15 Apr; then: The bill passes, 5 May; then: Policy and plumbing together, 1 Jun.',
    );
    expect(all(one(t, 'ol.timeline-order'), 'li')).toHaveLength(6);
    expect(all(one(t, 'ol.timeline-order'), 'a').map((a) => attr(a, 'href'))[0]).toBe('#the-rate-above-4-5');
    expect(text(one(t, 'p.timeline-at-note'))).toBe("Already met on the note's date: The rate stays under the ceiling.");
  });

  it('has the same lanes as a table: met spans as date ranges and first met', async () => {
    const t = one(await render(WatchTimeline, { __note: NOTE }), 'section.watch-timeline');
    const rows = all(one(t, 'tbody'), 'tr');
    expect(rows.map((r) => attr(r, 'data-lane'))).toEqual(LANES);
    expect(all(rows[0]!, 'td').map(text)).toEqual(['not met', '10 Mar 2026 – 20 Mar 2026; 15 Apr 2026 – 30 Jun 2026', '10 Mar 2026']);
    expect(all(rows[3]!, 'td').map(text)).toEqual(['met', '3 Mar 2026 – 9 Mar 2026; 21 Mar 2026 – 14 Apr 2026; 1 Jun 2026 – 30 Jun 2026', '—']);
    expect(text(one(rows[3]!, 'th'))).toBe('Part of the group above: The rate stays under the ceiling');
    expect(all(rows[7]!, 'td').map(text)).toEqual(['not met', 'never', '—']);
  });

  it('on a note dated on the newest snapshot: no lanes to draw, says so, still the table', async () => {
    const t = one(await render(WatchTimeline, { __note: LATEST }), 'section.watch-timeline');
    expect(all(t, 'svg')).toHaveLength(0);
    expect(text(one(t, 'p.timeline-order'))).toBe('No newer snapshot since this note: nothing has happened after it yet.');
    expect(text(one(t, 'p.timeline-at-note'))).toBe("Already met on the note's date: The rate still above 4.5%; Custody holdings still above 3,000.");
    expect(all(one(t, 'tbody'), 'tr')).toHaveLength(2);
  });
});

describe('Note layout with records', () => {
  const page = async (id: string, body = '<p>Body.</p>') => parse(await container.renderToString(Note, { props: { note: getArchive().noteById.get(id)! }, slots: { default: body } }));

  it('says beside the snapshot date that it was reconstructed', async () => {
    const asof = one(await page(NOTE), 'p.note-asof');
    expect(text(asof)).toMatch(/^Read with snapshot 2 Mar 2026 \(reconstructed from the logs' vintages\) · now 30 Jun 2026 “Then”/);
    expect(all(asof, 'span.note-no-newer')).toHaveLength(0);
  });

  it('says when no snapshot is newer than the note', async () => {
    const asof = one(await page(LATEST), 'p.note-asof');
    expect(text(asof)).toMatch(/^Read with snapshot 30 Jun 2026 · now 30 Jun 2026 \(no newer snapshot since this note\) “Then”/);
  });

  it('adds the timeline after the body once, unless the body placed one', async () => {
    const auto = await page(NOTE);
    expect(all(auto, 'section.watch-timeline')).toHaveLength(1);
    const placed = await page(NOTE, '<p>Before.</p><section class="watch-timeline" data-watch-timeline><h2>Placed</h2></section><p>After.</p>');
    expect(all(placed, 'section.watch-timeline').map((s) => text(one(s, 'h2')))).toEqual(['Placed']);
  });
});

describe('the note component map', () => {
  it('has an Astro component for every registry name, and nothing else', () => {
    expect(Object.keys(noteComponents).sort()).toEqual([...NOTE_COMPONENT_NAMES].sort());
    for (const c of Object.values(noteComponents)) expect(typeof c).toBe('function');
  });
});
