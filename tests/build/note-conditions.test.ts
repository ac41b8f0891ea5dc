/**
 * The note page's conditions in a real build of the fixture `timeline` (see tests/components/
 * conditions.test.ts for its story): groups as one block with their rows inside, the timeline after
 * the content (or where the note placed it, once), revision marks, Values with their source, and the
 * reconstructed snapshot label. Everything is in the HTML: no script is needed to read it.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { all, and, attr, hasClass, one, page, tag, text, fixtureSite, type Document, type Element } from './helpers.ts';

let dist: string;
let first: Document;
let latest: Document;
beforeAll(async () => {
  dist = await fixtureSite('timeline');
  first = page(dist, 'notes/2026-03-02-timeline-fixture/index.html');
  latest = page(dist, 'notes/2026-06-30-latest-fixture/index.html');
}, 300_000);

const byAttr = (name: string, value: string) => (e: Element) => attr(e, name) === value;
const ids = (nodes: Element[]) => nodes.map((e) => attr(e, 'id'));

describe('groups', () => {
  test('each group is one block holding its Watch rows, in order', () => {
    const groups = all(first, hasClass('watch-group'));
    expect(ids(groups)).toEqual(['policy-and-plumbing-together', 'two-of-three-signs']);
    expect(ids(all(groups[0]!, hasClass('watch')))).toEqual(['the-bill-passes', 'the-rate-stays-under-the-ceiling']);
    expect(ids(all(groups[1]!, hasClass('watch')))).toEqual(['custody-holdings-above-3-000', 'the-rate-above-4-65', 'the-bill-is-enacted']);
    expect(text(one(groups[1]!, hasClass('watch-group-require')))).toMatch(/^Met when at least 2 of 3 conditions are met\. Counts once in the note's tally/);
    // The single condition stays outside any group.
    const single = one(first, byAttr('id', 'the-rate-above-4-5'));
    expect(groups.some((g) => all(g, (e) => e === single).length > 0)).toBe(false);
  });

  test('the summary counts a group once and says so', () => {
    expect(text(one(first, hasClass('watch-summary')))).toBe(
      'Of 3 conditions: 0 met then, 3 met now, 3 first met after this note. A group of conditions counts once; the conditions inside it are its parts.',
    );
  });
});

describe('rows', () => {
  test('a revised then value says so, and what the revision alone would change', () => {
    const then = one(one(first, byAttr('id', 'the-rate-above-4-5')), hasClass('watch-then'));
    expect(text(one(then, hasClass('watch-revised')))).toBe('revised to 4.52% on 20 Mar 2026 (first published 4.48%)');
    expect(text(one(then, hasClass('watch-flip')))).toBe('revised since: would now read as met');
  });

  test('a stale value names its last observation, with the limit as a tooltip and as text', () => {
    const stale = one(one(one(first, byAttr('id', 'custody-holdings-above-3-000')), hasClass('watch-now')), hasClass('stale'));
    expect(text(stale)).toBe('stale: last observed 24 Apr (stale after 21 days (weekly))');
    expect(attr(stale, 'title')).toBe('stale after 21 days (weekly)');
  });

  test('every row and group link is left out of search', () => {
    const links = all(first, hasClass('watch-link'));
    expect(links).toHaveLength(8);
    for (const a of links) expect(attr(a, 'data-pagefind-ignore')).toBeDefined();
  });
});

describe('the timeline', () => {
  test('comes after the note content: lanes in the note order, a table, and the order in words', () => {
    const sections = all(first, hasClass('watch-timeline'));
    expect(sections).toHaveLength(1);
    const t = sections[0]!;
    const prose = one(first, hasClass('prose'));
    const kids = prose.childNodes.filter((n): n is Element => 'tagName' in n);
    expect(kids.at(-1)).toBe(t);
    expect(all(t, hasClass('timeline-lane')).map((l) => attr(l, 'data-lane'))).toEqual([
      'the-rate-above-4-5',
      'policy-and-plumbing-together',
      'the-bill-passes',
      'the-rate-stays-under-the-ceiling',
      'two-of-three-signs',
      'custody-holdings-above-3-000',
      'the-rate-above-4-65',
      'the-bill-is-enacted',
    ]);
    expect(all(t, tag('svg'))).toHaveLength(8);
    // A condition met, then not, then met again: three met spans in its lane and its table row.
    const under = one(t, and(tag('li'), byAttr('data-lane', 'the-rate-stays-under-the-ceiling')));
    // One path per status; each run of days is one closed rectangle in it.
    expect(attr(one(under, hasClass('timeline-met')), 'd')?.match(/M[\d.]+ [\d.]+h[\d.]+v[\d.]+h-[\d.]+z/g)).toHaveLength(3);
    const row = one(t, and(tag('tr'), byAttr('data-lane', 'the-rate-stays-under-the-ceiling')));
    expect(all(row, hasClass('timeline-span')).map(text)).toEqual(['3 Mar 2026 – 9 Mar 2026', '21 Mar 2026 – 14 Apr 2026', '1 Jun 2026 – 30 Jun 2026']);
    expect(text(one(t, hasClass('timeline-order')))).toMatch(/^First: The rate above 4\.5%, 10 Mar; then: Custody holdings above 3,000, 20 Mar; then: Two of three signs, 15 Apr;/);
    expect(text(one(t, hasClass('timeline-at-note')))).toBe("Already met on the note's date: The rate stays under the ceiling.");
    expect(all(first, tag('script')).filter((s) => !attr(s, 'type')?.includes('json'))).toHaveLength(0);
  });

  test('a note that places <WatchTimeline /> gets it there, once', () => {
    const sections = all(latest, hasClass('watch-timeline'));
    expect(sections).toHaveLength(1);
    const prose = one(latest, hasClass('prose'));
    const kids = prose.childNodes.filter((n): n is Element => 'tagName' in n);
    const at = kids.indexOf(sections[0]!);
    const heading = kids.findIndex((k) => k.tagName === 'h2' && text(k) === 'What to Watch');
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(heading);
  });
});

describe('values', () => {
  test('read inline, then first, with the source beside them and a link to the series', () => {
    const values = all(first, hasClass('note-value'));
    expect(values.map((v) => text(one(v, hasClass('note-value-then'))) + ' ' + text(one(v, hasClass('note-value-when'))))).toEqual([
      '4.48% (2 Mar; now 4.70%)',
      '4.40% (15 Jan; now 4.40%)',
      '4.48% (2 Mar; now 4.70%)',
      '+8 bp (2 Mar; now +30 bp)',
    ]);
    const source = one(values[0]!, hasClass('note-value-source'));
    expect(text(source)).toBe("Policy rate, on the note's date (illustrative data). Source: Fixture central bank. As known on 2 Mar 2026: 4.48%, observed 2 Mar 2026. As known on 30 Jun 2026: 4.70%, observed 30 Jun 2026.");
    expect(attr(source, 'data-pagefind-ignore')).toBeDefined();
    expect(attr(one(values[0]!, tag('a')), 'href')).toBe('/series/rate/');
  });

  test('never enter the tally', () => {
    expect(text(one(latest, hasClass('watch-summary')))).toBe('Of 2 conditions: 2 met then, 2 met now.');
  });
});

describe('the header', () => {
  test('says when the snapshot was reconstructed, and when no newer snapshot exists', () => {
    expect(text(one(first, hasClass('note-asof')))).toMatch(/^Read with snapshot 2 Mar 2026 \(reconstructed from the logs' vintages\) · now 30 Jun 2026 /);
    expect(text(one(latest, hasClass('note-asof')))).toMatch(/^Read with snapshot 30 Jun 2026 · now 30 Jun 2026 \(no newer snapshot since this note\) /);
    const now = one(one(latest, byAttr('id', 'the-rate-still-above-4-5')), hasClass('watch-now'));
    expect(text(one(now, hasClass('watch-no-newer')))).toBe('no newer snapshot since this note');
  });
});
