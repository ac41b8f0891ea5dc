/**
 * <Watch> and <WatchSummary> rendered with Astro's container API over the fixture archive
 * `watch-rows` (snapshots 2026-03-05, 2026-04-20 and now = 2026-07-01). The policy rate is published
 * the day after its date, so the note of 2026-03-05 reads the 2026-03-04 value (4.21) from its snapshot.
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import Watch from '../../src/components/Watch.astro';
import WatchSummary from '../../src/components/WatchSummary.astro';
import { all, attr, one, ownText, parse, text, type Node } from './html.ts';

const NOTE = '2026-03-05-first-view';
let container: AstroContainer;

beforeAll(async () => {
  process.env.ASOF_ROOT = 'tests/fixtures/archives/watch-rows';
  container = await AstroContainer.create();
});

async function row(index: number, note = NOTE): Promise<{ html: string; root: Node; el: Node }> {
  const html = await container.renderToString(Watch, { props: { __note: note, __index: index } });
  const root = parse(html);
  return { html, root, el: one(root, 'div.watch') };
}

const side = (el: Node, which: 'then' | 'now') => one(el, `div.watch-${which}`);

describe('<Watch> rows', () => {
  it.each([
    // index, id, then status, now status, then value and observation, now value and observation, first met
    [0, 'the-rate-stays-above-3-5', 'met', 'met', '4.21% on 4 Mar 2026', '4.81% on 30 Jun 2026', null],
    [1, 'the-rate-climbs-above-4-5', 'not-met', 'met', '4.21% on 4 Mar 2026', '4.81% on 30 Jun 2026', '22 Apr 2026'],
    [2, 'the-rate-holds-above-6-for-two-weeks', 'not-met', 'not-met', '4.21% on 4 Mar 2026', '4.81% on 30 Jun 2026', null],
    [3, 'rate-above-then', 'baseline', 'met', '4.21% on 4 Mar 2026', '4.81% on 30 Jun 2026', '6 Mar 2026'],
    [4, 'the-rate-breaks-through-the-corridor-ceiling', 'not-met', 'met', '4.21% on 4 Mar 2026', '4.81% on 30 Jun 2026', '22 Apr 2026'],
    [6, 'the-reform-bill-passes', 'not-met', 'met', 'introduced on 10 Jan 2026', 'passed on 15 Apr 2026', '15 Apr 2026'],
    [7, 'the-late-starter-falls-below-10', 'no-data', 'met', 'no observation', '8.9 index on 30 Jun 2026', '11 Jun 2026'],
  ] as const)('#%i %s: then %s, now %s', async (index, id, thenStatus, nowStatus, thenValue, nowValue, firstMet) => {
    const { el } = await row(index);
    expect(attr(el, 'id')).toBe(id);
    expect(attr(el, 'data-watch-id')).toBe(id);
    expect(attr(el, 'data-then-status')).toBe(thenStatus);
    expect(attr(el, 'data-now-status')).toBe(nowStatus);
    expect(text(one(side(el, 'then'), 'span.value'))).toBe(thenValue);
    expect(text(one(side(el, 'now'), 'span.value'))).toBe(nowValue);
    const first = all(el, 'dd.first-met');
    if (firstMet === null) expect(first).toHaveLength(0);
    else expect(text(first[0]!)).toBe(`first met ${firstMet}`);
  });

  it.each([
    ['met', '✓ met'],
    ['not-met', '✗ not met'],
    ['no-data', '– no data'],
    ['baseline', '◆ baseline'],
  ])('shows status %s as a word with a symbol, the symbol hidden from screen readers', async (status, shown) => {
    const rows = await Promise.all([0, 1, 3, 7].map((i) => row(i)));
    const badges = rows.flatMap(({ el }) => all(el, `span.status-${status}`));
    expect(badges.length).toBeGreaterThan(0);
    for (const b of badges) {
      expect(text(b)).toBe(shown);
      expect(attr(one(b, 'span.status-symbol'), 'aria-hidden')).toBe('true');
    }
  });

  it('states the dates of then and now, and the test in words with a link to the series', async () => {
    const { el } = await row(1);
    expect(text(one(side(el, 'then'), 'dt'))).toBe('Then 5 Mar 2026');
    expect(text(one(side(el, 'now'), 'dt'))).toBe('Now 1 Jul 2026');
    expect(ownText(one(el, 'p.watch-label'))).toBe('The rate climbs above 4.5%');
    expect(text(one(el, 'p.watch-test'))).toBe('Policy rate above 4.50%');
    expect(attr(one(el, 'p.watch-test'), 'class')).toBe('watch-test');
    expect(attr(all(one(el, 'p.watch-test'), 'a')[0]!, 'href')).toBe('/series/rate/');
    expect(attr(one(el, 'a.watch-link'), 'href')).toBe('#the-rate-climbs-above-4-5');
    // Search excerpts are the note's words: the hidden link text stays out of the index.
    expect(attr(one(el, 'a.watch-link'), 'data-pagefind-ignore')).toBeDefined();
  });

  it('shows the reference of a `then` test, the compared series, and the trend look-back', async () => {
    expect(text(one((await row(3)).el, 'p.watch-test'))).toBe("Policy rate above its value on the note's date (4.21%)");
    const ceiling = (await row(4)).el;
    expect(text(one(ceiling, 'p.watch-test'))).toBe('Policy rate above Corridor ceiling');
    expect(text(one(side(ceiling, 'then'), 'dd.watch-vs'))).toBe('vs 4.50% on 5 Mar 2026');
    expect(text(one(side(ceiling, 'now'), 'dd.watch-vs'))).toBe('vs 4.75% on 30 Jun 2026');
    const trend = (await row(5)).el;
    expect(text(one(trend, 'p.watch-test'))).toBe('Policy rate rising over 4 weeks');
    // 4 weeks before 2026-03-05 is 2026-02-05, itself an observation.
    expect(text(one(side(trend, 'then'), 'dd.watch-vs'))).toMatch(/^vs 4\.\d\d% on 5 Feb 2026, 4 weeks earlier$/);
  });

  it('marks a stale observation with a word, only on the side where it is stale', async () => {
    // Custody holdings are weekly; the last one (6 May) is more than 21 days before now (1 Jul).
    const { el } = await row(8);
    expect(all(side(el, 'then'), 'span.stale')).toHaveLength(0);
    const stale = one(side(el, 'now'), 'span.stale');
    // The rule (weekly: 21 days, plus the series' typical publication lag) is in a tooltip and in text
    // that needs no hover.
    expect(text(stale)).toMatch(/^stale: last observed 6 May \(stale after \d+ days \(weekly: 21, plus a typical publication lag of \d+\)\)$/);
    expect(attr(stale, 'title')).toMatch(/^stale after \d+ days \(weekly/);
    expect(attr(one(stale, 'span.visually-hidden'), 'class')).toBe('visually-hidden');
    expect(text(one(side(el, 'now'), 'span.value'))).toBe('3,077.5 USD bn on 6 May 2026');
    for (const i of [0, 1, 6, 7]) expect(all((await row(i)).el, 'span.stale')).toHaveLength(0);
  });

  it('draws a sparkline with the note date, the threshold and a text alternative, without script', async () => {
    const { el } = await row(1);
    const svg = one(el, 'svg.sparkline');
    expect(attr(svg, 'role')).toBe('img');
    const title = text(one(svg, 'title'));
    expect(title).toContain('Policy rate as known on 1 Jul 2026');
    expect(title).toContain('threshold 4.50%');
    expect(title).toContain("the note's date, 5 Mar 2026, is marked");
    expect(all(svg, 'line.spark-note')).toHaveLength(1);
    expect(all(svg, 'line.spark-threshold')).toHaveLength(1);
    expect(all(svg, 'path.spark-line')).toHaveLength(1);
    expect(all(el, 'script')).toHaveLength(0);
    // Another series as the threshold is drawn as its own line, not a constant.
    const ceiling = one((await row(4)).el, 'svg.sparkline');
    expect(all(ceiling, 'path.spark-other')).toHaveLength(1);
    expect(all(ceiling, 'line.spark-threshold')).toHaveLength(0);
  });

  it('keeps the sparkline within two points per pixel bucket', async () => {
    const svg = one((await row(0)).el, 'svg.sparkline');
    const d = attr(one(svg, 'path.spark-line'), 'd')!;
    // A step path: one M, then H..V.. pairs, one per point.
    const points = 1 + (d.match(/H/g) ?? []).length;
    expect(points).toBeGreaterThan(10);
    expect(points).toBeLessThanOrEqual(2 * 60 + 2);
  });

  it('escapes a label and a series name carrying markup', async () => {
    const { html, el } = await row(9);
    expect(ownText(one(el, 'p.watch-label'))).toBe('A label with <img src=x onerror=alert(1)> and </script> in it');
    expect(text(all(one(el, 'p.watch-test'), 'a')[0]!)).toBe('</script><img src=x onerror=alert(1)>');
    expect(text(one(side(el, 'now'), 'span.value-unit'))).toBe('<b>u</b>');
    expect(all(el, 'img')).toHaveLength(0);
    expect(all(el, 'b')).toHaveLength(0);
    expect(all(el, 'script')).toHaveLength(0);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('</script>');
  });

  it('refuses to render a Watch the build did not evaluate', async () => {
    await expect(row(42)).rejects.toThrow(/<Watch> number 43 in note 2026-03-05-first-view was not evaluated/);
  });
});

describe('<WatchSummary>', () => {
  it.each([
    [NOTE, 'Of 10 conditions: 4 met then, 9 met now, 5 first met after this note.'],
    ['2026-04-20-follow-up', 'Of 1 condition: 1 met then, 0 met now.'],
  ])('%s: %s', async (note, line) => {
    const html = await container.renderToString(WatchSummary, { props: { __note: note } });
    expect(text(one(parse(html), 'p.watch-summary'))).toBe(line);
  });
});
