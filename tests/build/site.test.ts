/**
 * The site built from tests/fixtures/archives/varied-outcomes (three published notes and a draft,
 * conditions met then, met later, never met, with no data then, a baseline, a stale value, revised
 * data, and a series name that needs escaping). Built once; every page and output is checked against
 * the fixture's own files and the committed /watch.json.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, test } from 'vitest';
import { STATUS } from '../../src/components/format.ts';
import { parseNoteSource } from '../../src/notes/parse-note.ts';
import { site } from '../../src/site.config.ts';
import { htmlPages } from '../helpers/site.ts';
import {
  ARCHIVES,
  all,
  and,
  attr,
  fixtureSite,
  hasClass,
  listFiles,
  one,
  page,
  read,
  tag,
  text,
  type Element,
  type WatchEntry,
  type WatchFile,
} from './helpers.ts';

const NAME = 'varied-outcomes';
const ROOT = join(ARCHIVES, NAME);
const origin = site.url.replace(/\/$/, '');

// What the fixture holds, read from its files.
const parsed = readdirSync(join(ROOT, 'content/notes'))
  .sort()
  .map((f) => parseNoteSource(`content/notes/${f}`, readFileSync(join(ROOT, 'content/notes', f), 'utf8')));
const published = parsed
  .filter((n) => !n.frontmatter!.draft)
  .map((n) => ({ id: n.id, ...n.frontmatter! }))
  .sort((a, b) => (a.date < b.date ? 1 : -1));
const drafts = parsed.filter((n) => n.frontmatter!.draft).map((n) => n.id);
const seriesIds = readdirSync(join(ROOT, 'data/series'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .sort();
const tags = [...new Set(published.flatMap((n) => n.tags))].sort();

let dist: string;
let json: WatchFile;
beforeAll(async () => {
  dist = await fixtureSite(NAME);
  json = JSON.parse(read(dist, 'watch.json')) as WatchFile;
}, 300_000);

test('the fixture shows what it is named for', () => {
  // Guards the fixture itself: if an edit removed a kind of outcome, the tests below would prove less.
  const w = json.watches;
  expect(drafts.length).toBeGreaterThan(0);
  expect(w.some((x) => x.then.status === 'met')).toBe(true);
  expect(w.some((x) => x.then.status !== 'met' && x.firstMetAfterNote !== null)).toBe(true);
  expect(w.some((x) => x.firstMetAfterNote === null)).toBe(true);
  expect(w.some((x) => x.then.status === 'no-data')).toBe(true);
  expect(w.some((x) => x.then.status === 'baseline')).toBe(true);
  expect(w.some((x) => x.now.stale)).toBe(true);
  expect(w.some((x) => x.then.status === 'met' && x.now.status === 'not-met')).toBe(true);
});

describe('pages', () => {
  test('every page and output exists, and nothing for the draft', () => {
    const files = new Set(listFiles(dist));
    const expected = [
      'index.html',
      '404.html',
      'rss.xml',
      'watch.json',
      'sitemap-index.xml',
      'search/index.html',
      'search/search.js',
      'series/index.html',
      'tags/index.html',
      'watch/index.html',
      'watch/by-first-met/index.html',
      'watch/by-series/index.html',
      'watch/by-status/index.html',
      'watch/series-filter.css',
      ...published.map((n) => `notes/${n.id}/index.html`),
      ...seriesIds.flatMap((id) => [`series/${id}/index.html`, `series/${id}.csv`]),
      ...tags.map((t) => `tags/${t}/index.html`),
    ];
    expect(expected.filter((f) => !files.has(f))).toEqual([]);
    for (const d of drafts) expect(files.has(`notes/${d}/index.html`)).toBe(false);
    expect(files.has('tags/drafts/index.html')).toBe(false);
    // A small archive lists every note on the home page: no year pages.
    expect([...files].filter((f) => f.startsWith('years/'))).toEqual([]);
  });

  test('the 404 page says so and links home', () => {
    const doc = page(dist, '404.html');
    expect(text(one(doc, tag('h1')))).toBe('Page not found');
    expect(all(doc, tag('a')).map((a) => attr(a, 'href'))).toContain('/');
  });
});

// The golden comparison of /watch.json is in golden.test.ts.
describe('/watch.json', () => {
  test('has one entry per condition of the published notes, newest note first, in a fixed key order', () => {
    // Document order, a group before its children.
    const expectedIds = published.flatMap((n) => {
      const p = parsed.find((x) => x.id === n.id)!;
      return p.order.flatMap((o) => (o.kind === 'watch' ? [p.watches[o.index]!.id] : [p.groups[o.index]!.id, ...p.groups[o.index]!.children.map((k) => p.watches[k]!.id)])).map((id) => `${n.id}#${id}`);
    });
    expect(json.watches.map((w) => `${w.note}#${w.id}`)).toEqual(expectedIds);
    const testKeys = ['above', 'below', 'between', 'equals', 'trend', 'over', 'for', 'group'];
    for (const w of json.watches) {
      const keys = Object.keys(w);
      if (w.kind === 'group') expect(keys.slice(0, 6)).toEqual(['note', 'id', 'kind', 'title', 'require', 'children']);
      else {
        expect(keys.slice(0, 5)).toEqual(['note', 'id', 'kind', 'label', 'series']);
        expect(keys.slice(5, -4).every((k) => testKeys.includes(k))).toBe(true);
      }
      expect(keys.slice(-4)).toEqual(['then', 'now', 'firstMetAfterNote', 'metSpans']);
      expect(Object.keys(w.then)).toEqual(['date', 'snapshot', 'status', 'value', 'observed', 'stale', 'revisedValue', 'statusAsKnownNow']);
      expect(Object.keys(w.now)).toEqual(['date', 'snapshot', 'status', 'value', 'observed', 'stale']);
      // "Now" is the newest snapshot, or the note's own date for a note dated after it.
      expect(w.now.date).toBe(w.note.slice(0, 10) > json.now! ? w.note.slice(0, 10) : json.now);
      expect(w.then.date).toBe(w.note.slice(0, 10));
    }
    const raw = read(dist, 'watch.json');
    expect(raw.endsWith('}\n')).toBe(true);
    expect(raw.split('\n')[1]).toMatch(/^ {2}"now"/);
  });
});

/** "3 of 12 met then · 7 met now", counted from /watch.json. */
function tallyOf(entries: WatchEntry[]): string {
  if (entries.length === 0) return 'no conditions';
  return `${entries.filter((w) => w.then.status === 'met').length} of ${entries.length} met then · ${entries.filter((w) => w.now.status === 'met').length} met now`;
}

describe('index', () => {
  test('lists every published note newest first: date, title link, summary, tags and tally', () => {
    const doc = page(dist, 'index.html');
    const items = all(doc, (e) => e.tagName === 'li' && attr(e, 'data-note') !== undefined);
    expect(items.map((li) => attr(li, 'data-note'))).toEqual(published.map((n) => n.id));
    for (const [k, n] of published.entries()) {
      const li = items[k]!;
      const title = one(li, and(tag('a'), (a) => attr(a, 'href') === `/notes/${n.id}/`), 'title link');
      expect(text(title)).toBe(n.title);
      expect(attr(one(li, tag('time')), 'datetime')).toBe(n.date);
      expect(text(one(li, hasClass('note-summary')))).toBe(n.summary);
      expect(all(li, (e) => e.tagName === 'a' && attr(e, 'rel') === 'tag').map((a) => [text(a), attr(a, 'href')])).toEqual(
        n.tags.map((t) => [t, `/tags/${t}/`]),
      );
      // A group counts once; its children are its parts.
      expect(text(one(li, hasClass('note-tally')))).toBe(tallyOf(json.watches.filter((w) => w.note === n.id && w.group === undefined)));
    }
  });
});

describe('dashboard', () => {
  const views = ['watch/index.html', 'watch/by-first-met/index.html', 'watch/by-series/index.html', 'watch/by-status/index.html'];
  const rowsOf = (file: string) => all(one(page(dist, file), tag('tbody'), 'tbody'), tag('tr'));
  const key = (tr: Element) => attr(one(one(tr, hasClass('label')), tag('a')), 'href')!;
  const entry = (tr: Element) => json.watches.find((w) => key(tr) === `/notes/${w.note}/#${w.id}`)!;
  // First met is shown only when not already met on the note's date (the one rule of the note pages).
  const shown = (w: WatchEntry) => (w.then.status === 'met' ? null : w.firstMetAfterNote);
  // A group reads the series its parts read.
  const seriesRead = (w: WatchEntry): string[] =>
    w.kind === 'group'
      ? [...new Set(json.watches.filter((c) => c.note === w.note && c.group === w.id).flatMap(seriesRead))]
      : [w.series, ...[w.above, w.below].filter((t): t is string => typeof t === 'string' && t !== 'then')];

  test.each(views)('%s has one row per condition, each as in /watch.json', (file) => {
    const rows = rowsOf(file);
    expect(rows.map(key).sort()).toEqual(json.watches.map((w) => `/notes/${w.note}/#${w.id}`).sort());
    for (const tr of rows) {
      const w = entry(tr);
      const cells = all(tr, tag('td'));
      expect(cells).toHaveLength(7);
      expect(attr(tr, 'data-then-status')).toBe(w.then.status);
      expect(attr(tr, 'data-now-status')).toBe(w.now.status);
      for (const id of w.kind === 'group' ? seriesRead(w) : [w.series]) expect(attr(tr, 'data-series')!.split(' ')).toContain(id);
      // Note: date and link.
      expect(attr(one(cells[0]!, tag('time')), 'datetime')).toBe(w.then.date);
      expect(attr(one(cells[0]!, tag('a')), 'href')).toBe(`/notes/${w.note}/`);
      expect(text(one(cells[1]!, tag('a')))).toBe(w.kind === 'group' ? w.title : w.label);
      // A group's part says so, right under its group.
      expect(all(cells[1]!, hasClass('part-of')).map(text)).toEqual(w.group ? [`part of ${json.watches.find((g) => g.note === w.note && g.id === w.group)!.title}`] : []);
      const seriesLinks = all(cells[2]!, tag('a')).map((a) => attr(a, 'href'));
      if (w.kind === 'group') expect(seriesLinks.sort()).toEqual(seriesRead(w).map((id) => `/series/${id}/`).sort());
      else expect(seriesLinks).toEqual([`/series/${w.series}/`]);
      // Status as a word and a symbol (the symbol hidden from screen readers, the word not).
      for (const [cell, e] of [
        [cells[4]!, w.then],
        [cells[5]!, w.now],
      ] as const) {
        const status = one(cell, hasClass('status'));
        expect(text(status)).toBe(`${STATUS[e.status].symbol} ${STATUS[e.status].word}`);
        expect(attr(one(status, (x) => attr(x, 'aria-hidden') === 'true'), 'aria-hidden')).toBe('true');
        expect(all(cell, hasClass('stale')).length).toBe(e.stale ? 1 : 0);
      }
      const first = all(cells[6]!, tag('time'));
      expect(first.map((t) => attr(t, 'datetime'))).toEqual(shown(w) ? [shown(w)] : []);
    }
  });

  test('each view is sorted by its key; ties keep archive order', () => {
    const order = json.watches.map((w) => `/notes/${w.note}/#${w.id}`);
    const rank = (k: string) => order.indexOf(k);
    expect(rowsOf('watch/index.html').map(key)).toEqual(order);
    // Every view: a group's parts right under it, in order; the views sort the rest (groups by their own key).
    const tops = (file: string) => {
      const rows = rowsOf(file);
      for (const [i, tr] of rows.entries()) {
        const w = entry(tr);
        if (w.kind === 'group') expect(rows.slice(i + 1, i + 1 + w.children!.length).map(entry).map((c) => c.id)).toEqual(w.children);
        expect(hasClass('part')(tr)).toBe(w.group !== undefined);
      }
      return rows.filter((tr) => entry(tr).group === undefined);
    };

    expect(tops('watch/index.html').length).toBe(json.watches.filter((w) => w.group === undefined).length);
    const byFirst = tops('watch/by-first-met/index.html').map(entry);
    for (let i = 1; i < byFirst.length; i++) {
      const [a, b] = [shown(byFirst[i - 1]!), shown(byFirst[i]!)];
      if (a === null) expect(b).toBeNull();
      else if (b !== null) expect(a >= b).toBe(true);
    }

    const seriesRows = tops('watch/by-series/index.html');
    // A group lists the series it reads by name and sorts by the first.
    const names = seriesRows.map((tr) => text(all(one(tr, hasClass('series')), tag('a'))[0]!).toLowerCase());
    expect(names).toEqual([...names].sort());

    const statusRank = ['met', 'not-met', 'no-data', 'baseline'];
    const byStatus = tops('watch/by-status/index.html').map(entry);
    for (let i = 1; i < byStatus.length; i++) {
      const [a, b] = [byStatus[i - 1]!, byStatus[i]!];
      const d = statusRank.indexOf(a.now.status) - statusRank.indexOf(b.now.status) || statusRank.indexOf(a.then.status) - statusRank.indexOf(b.then.status);
      expect(d < 0 || (d === 0 && rank(`/notes/${a.note}/#${a.id}`) < rank(`/notes/${b.note}/#${b.id}`))).toBe(true);
    }
  });

  test('each view marks itself as current and labels its sorted column', () => {
    for (const file of views) {
      const doc = page(dist, file);
      const nav = one(doc, (e) => e.tagName === 'nav' && attr(e, 'aria-label') === 'Sort conditions');
      const current = all(nav, (e) => attr(e, 'aria-current') === 'page');
      expect(current.map((a) => attr(a, 'href'))).toEqual([`/${file.replace(/index\.html$/, '')}`]);
      expect(all(doc, (e) => e.tagName === 'th' && attr(e, 'aria-sort') !== undefined)).toHaveLength(1);
    }
  });

  test('filters: a checkbox per status present, a series option per series watched, and CSS rules for each', () => {
    const doc = page(dist, 'watch/index.html');
    const boxes = all(doc, (e) => e.tagName === 'input' && attr(e, 'type') === 'checkbox').map((e) => attr(e, 'id'));
    const present = (side: 'then' | 'now') => [...new Set(json.watches.map((w) => w[side].status))];
    expect(boxes.sort()).toEqual([...present('now').map((s) => `filter-now-${s}`), ...present('then').map((s) => `filter-then-${s}`)].sort());
    // Every box has a label.
    for (const id of boxes) expect(all(doc, (e) => e.tagName === 'label' && all(e, (i) => attr(i, 'id') === id).length === 1)).toHaveLength(1);
    const options = all(one(doc, (e) => attr(e, 'id') === 'filter-series'), tag('option')).map((o) => attr(o, 'value'));
    const watched = new Set(json.watches.filter((w) => w.kind !== 'group').flatMap((w) => [w.series, ...[w.above, w.below].filter((t): t is string => typeof t === 'string' && t !== 'then')]));
    expect(options.slice(1).sort()).toEqual([...watched].sort());
    expect(options[0]).toBe('');
    const css = read(dist, 'watch/series-filter.css');
    for (const id of seriesIds) expect(css).toContain(`option[value="${id}"]:checked) tbody tr:not([data-series~="${id}"])`);
  });
});

describe('series pages', () => {
  /** Revisions read straight from the CSV text: dates whose value changed after first publication. */
  function revisionsFromCsv(csv: string) {
    const byDate = new Map<string, { value: string; vintage: string }[]>();
    for (const line of csv.trim().split('\n').slice(1)) {
      const [date, value, vintage] = line.split(',') as [string, string, string];
      byDate.set(date, [...(byDate.get(date) ?? []), { value, vintage }]);
    }
    return [...byDate]
      .map(([date, versions]) => ({ date, first: versions[0]!, later: versions.filter((v, i) => i > 0 && Number(v.value) !== Number(versions[i - 1]!.value)) }))
      .filter((r) => r.later.length > 0)
      .sort((a, b) => (a.date < b.date ? 1 : -1));
  }

  test.each(seriesIds)('/series/%s.csv is the observation log, byte for byte', (id) => {
    expect(readFileSync(join(dist, `series/${id}.csv`)).equals(readFileSync(join(ROOT, `data/series/${id}.csv`)))).toBe(true);
  });

  test.each(seriesIds)('/series/%s/ shows metadata, revisions, watchers and the CSV link', (id) => {
    const yaml = readFileSync(join(ROOT, `data/series/${id}.yaml`), 'utf8');
    const doc = page(dist, `series/${id}/index.html`);
    const main = one(doc, tag('main'));
    const source = /^source: (.*)$/m.exec(yaml)![1]!;
    const facts = text(one(main, hasClass('facts')));
    expect(facts).toContain(source);
    expect(facts).toContain(/^unit: (.*)$/m.exec(yaml)![1]!);
    expect(facts).toContain(/^frequency: (.*)$/m.exec(yaml)![1]!);
    // The page states it once up top (the chart repeats it in its own source line).
    expect(all(main, (e) => e.tagName === 'p' && hasClass('illustrative')(e)).length).toBe(/^illustrative: true$/m.test(yaml) ? 1 : 0);

    const download = one(main, (e) => e.tagName === 'a' && attr(e, 'href') === `/series/${id}.csv`);
    expect(attr(download, 'download')).toBe(`${id}.csv`);

    const expected = revisionsFromCsv(readFileSync(join(ROOT, `data/series/${id}.csv`), 'utf8'));
    const rows = all(main, (e) => e.tagName === 'tr' && attr(e, 'data-date') !== undefined);
    expect(rows.map((r) => attr(r, 'data-date'))).toEqual(expected.map((r) => r.date));
    for (const [k, r] of expected.entries()) {
      const cells = all(rows[k]!, tag('td'));
      expect(all(cells[1]!, tag('time')).map((t) => attr(t, 'datetime'))).toEqual([r.first.vintage]);
      expect(text(cells[1]!)).toContain(r.first.value);
      expect(all(cells[2]!, tag('time')).map((t) => attr(t, 'datetime'))).toEqual(r.later.map((l) => l.vintage));
      for (const l of r.later) expect(text(cells[2]!)).toContain(l.value);
    }

    const watching = json.watches.filter((w) => w.series === id || w.above === id || w.below === id);
    const links = all(main, (e) => e.tagName === 'td' && hasClass('label')(e)).map((td) => attr(one(td, tag('a')), 'href'));
    expect(links.sort()).toEqual(watching.map((w) => `/notes/${w.note}/#${w.id}`).sort());
  });

  test('the fixture has revisions to show, one of them after a note was written', () => {
    const rate = revisionsFromCsv(readFileSync(join(ROOT, 'data/series/rate.csv'), 'utf8'));
    expect(rate.length).toBeGreaterThanOrEqual(2);
    expect(rate.some((r) => published.some((n) => r.first.vintage <= n.date && r.later[0]!.vintage > n.date))).toBe(true);
  });

  test('/series/ lists every series', () => {
    const doc = page(dist, 'series/index.html');
    const rows = all(doc, (e) => e.tagName === 'tr' && attr(e, 'data-series') !== undefined);
    expect(rows.map((r) => attr(r, 'data-series')).sort()).toEqual(seriesIds);
  });
});

describe('tags', () => {
  test.each(tags)('/tags/%s/ lists exactly the notes with that tag, newest first', (t) => {
    const doc = page(dist, `tags/${t}/index.html`);
    const ids = all(doc, (e) => e.tagName === 'li' && attr(e, 'data-note') !== undefined).map((li) => attr(li, 'data-note'));
    expect(ids).toEqual(published.filter((n) => n.tags.includes(t)).map((n) => n.id));
  });

  test('/tags/ lists every tag with its count', () => {
    const doc = page(dist, 'tags/index.html');
    const items = all(doc, (e) => e.tagName === 'li' && attr(e, 'data-tag') !== undefined);
    expect(items.map((li) => attr(li, 'data-tag'))).toEqual(tags);
    for (const li of items) {
      const t = attr(li, 'data-tag')!;
      expect(attr(one(li, tag('a')), 'href')).toBe(`/tags/${t}/`);
      const n = published.filter((x) => x.tags.includes(t)).length;
      expect(text(li)).toContain(`(${n} note${n === 1 ? '' : 's'})`);
    }
  });
});

describe('feeds', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['item', 'category', 'url', 'sitemap'].includes(name) });

  test('rss.xml has one item per published note: title, link, pubDate at 00:00 UTC of its date, summary', () => {
    const channel = parser.parse(read(dist, 'rss.xml')).rss.channel;
    const items = channel.item as Record<string, any>[];
    expect(items.map((i) => i.link)).toEqual(published.map((n) => `${origin}/notes/${n.id}/`));
    for (const [k, n] of published.entries()) {
      expect(items[k]!.title).toBe(n.title);
      expect(items[k]!.description).toBe(n.summary);
      expect(items[k]!.pubDate).toBe(new Date(`${n.date}T00:00:00Z`).toUTCString());
    }
  });

  test('the sitemap lists every page but the 404 page, and nothing else', () => {
    const index = parser.parse(read(dist, 'sitemap-index.xml')).sitemapindex;
    const urls = (index.sitemap as { loc: string }[]).flatMap((s) => {
      const file = s.loc.slice(`${origin}/`.length);
      return (parser.parse(read(dist, file)).urlset.url as { loc: string }[]).map((u) => u.loc);
    });
    const pages = htmlPages(dist)
      .filter((p) => p.path !== '404.html')
      .map((p) => `${origin}/${p.path}`);
    expect(urls.sort()).toEqual(pages.sort());
  });
});

describe('safety and weight', () => {
  test('a series name with markup in it is shown as text on every page, never parsed as markup', () => {
    const name = 'Floor <corridor> & band';
    const pages = htmlPages(dist).map((p) => ({ file: p.file, doc: page(dist, p.file) }));
    const showing = pages.filter((p) => text(p.doc).includes(name));
    expect(showing.map((p) => p.file)).toEqual(expect.arrayContaining(['series/floor/index.html', 'watch/index.html', 'series/index.html']));
    for (const p of pages) expect(all(p.doc, tag('corridor')), p.file).toEqual([]);
  });

  test('pages without charts load no JavaScript; the search page loads one external module', () => {
    const noJs = htmlPages(dist).filter((p) => !p.path.startsWith('notes/') && !/^series\/[^/]+\/$/.test(p.path) && p.path !== 'search/');
    expect(noJs.length).toBeGreaterThan(10);
    for (const p of noJs) expect(all(page(dist, p.file), tag('script')), p.file).toEqual([]);
    const scripts = all(page(dist, 'search/index.html'), tag('script'));
    expect(scripts.map((s) => [attr(s, 'type'), attr(s, 'src'), s.childNodes.length])).toEqual([['module', '/search/search.js', 0]]);
    expect(existsSync(join(dist, 'pagefind/pagefind-ui.js'))).toBe(true);
  });
});
