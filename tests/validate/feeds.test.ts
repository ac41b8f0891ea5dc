/**
 * The RSS feed and the sitemap, read with an outside XML parser (fast-xml-parser): the feed is
 * well-formed RSS 2.0 whose items are exactly the newest notes of the archive, and the sitemap lists
 * every page of the site.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Archive } from '../../src/archive/build-archive.ts';
import { loadArchive } from '../../src/archive/load-archive.ts';
import { FEED_LIMIT } from '../../src/lib/archive-pages.ts';
import { site } from '../../src/site.config.ts';
import { sampleRoot, sampleSite } from '../helpers/shared-build.ts';
import { htmlPages } from '../helpers/site.ts';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['item', 'category', 'url', 'sitemap'].includes(name) });

function readXml(file: string, text = readFileSync(file, 'utf8')): Record<string, any> {
  try {
    SyntaxValidator.validate(text);
  } catch (e) {
    const err = e as Error & { line?: number };
    throw new Error(`${file} is not well-formed XML: ${err.message} at line ${err.line}`);
  }
  return parser.parse(text) as Record<string, any>;
}

let dist: string;
let archive: Archive;
const origin = site.url.replace(/\/$/, '');
beforeAll(async () => {
  dist = await sampleSite('/');
  archive = loadArchive({ root: sampleRoot(), defaultAuthor: site.defaultAuthor });
}, 300_000);

describe('rss.xml', () => {
  test('is RSS 2.0 whose items are the newest notes, newest first, with title, link, date, summary and tags', () => {
    const rss = readXml(join(dist, 'rss.xml')).rss;
    expect(rss['@version']).toBe('2.0');
    const channel = rss.channel;
    expect(channel.title).toBe(site.publisher);
    expect(channel.description).toBe(site.description);
    const items = channel.item as Record<string, any>[];
    const expected = archive.notes.slice(0, FEED_LIMIT);
    expect(expected.length).toBeGreaterThan(0);
    expect(items.map((i) => i.link)).toEqual(expected.map((n) => `${origin}/notes/${n.id}/`));
    for (const [k, n] of expected.entries()) {
      const item = items[k]!;
      expect(item.title).toBe(n.title);
      expect(item.description).toBe(n.summary);
      expect(new Date(item.pubDate).toISOString().slice(0, 10)).toBe(n.date);
      expect(item.guid['#text'] ?? item.guid).toBe(`${origin}/notes/${n.id}/`);
      expect(item.category ?? []).toEqual(n.tags);
    }
    console.log(`rss.xml: ${items.length} items checked against ${archive.notes.length} notes`);
  });
});

describe('sitemap', () => {
  test('lists every page of the site and nothing else', () => {
    const index = readXml(join(dist, 'sitemap-index.xml')).sitemapindex;
    const urls: string[] = [];
    for (const s of index.sitemap as { loc: string }[]) {
      expect(s.loc.startsWith(`${origin}/`)).toBe(true);
      const file = join(dist, s.loc.slice(origin.length + 1));
      for (const u of readXml(file).urlset.url as { loc: string }[]) urls.push(u.loc);
    }
    const pages = htmlPages(dist).filter((p) => p.file !== '404.html');
    expect(pages.length).toBeGreaterThan(archive.notes.length);
    expect([...urls].sort()).toEqual(pages.map((p) => `${origin}/${p.path}`).sort());
    for (const n of archive.notes) expect(urls).toContain(`${origin}/notes/${n.id}/`);
    console.log(`sitemap: ${urls.length} URLs, ${pages.length} pages`);
  });
});

test('the XML reader refuses a document that is not well-formed', () => {
  expect(() => readXml('bad.xml', '<rss><channel><title>x</channel></rss>')).toThrow(/bad\.xml is not well-formed XML: .+ at line 1/);
  expect(readXml('good.xml', '<rss version="2.0"><channel><title>x</title></channel></rss>').rss.channel.title).toBe('x');
});
