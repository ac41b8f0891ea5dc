/**
 * The fixture archive built under ASOF_BASE=/archive/: every internal link, script, stylesheet and
 * feed/sitemap URL carries the base, and the outputs that do not depend on it are unchanged.
 */
import { beforeAll, expect, test } from 'vitest';
import { site } from '../../src/site.config.ts';
import { htmlPages } from '../helpers/site.ts';
import { all, attr, fixtureSite, page, read } from './helpers.ts';

const NAME = 'varied-outcomes';
const origin = site.url.replace(/\/$/, '');
let dist: string;
let rootDist: string;
beforeAll(async () => {
  [dist, rootDist] = await Promise.all([fixtureSite(NAME, { base: '/archive/' }), fixtureSite(NAME)]);
}, 300_000);

/** href/src/action values that point into this site (not another origin, not a fragment of this page). */
function internalRefs(dist: string, file: string): string[] {
  return all(page(dist, file), () => true).flatMap((e) =>
    ['href', 'src', 'action']
      .map((a) => attr(e, a))
      .filter((v): v is string => v !== undefined && !/^(?:[a-z]+:|\/\/|#)/i.test(v) && v !== ''),
  );
}

test('every internal href and src on every page starts with /archive/', () => {
  const pages = htmlPages(dist);
  expect(pages.length).toBe(htmlPages(rootDist).length);
  let checked = 0;
  for (const p of pages) {
    const refs = internalRefs(dist, p.file);
    expect(refs.filter((r) => !r.startsWith('/archive/')), p.file).toEqual([]);
    checked += refs.length;
  }
  expect(checked).toBeGreaterThan(200);
  // The same refs as the site at "/", with the base in front: nothing gained or lost.
  // Bundled files are named by a hash of their content, and the base is part of that content.
  const unhashed = (r: string) => r.replace(/(\/_astro\/[^/]*?)\.[\w-]{8}\.(js|css)$/, '$1.$2');
  for (const p of pages) {
    expect(internalRefs(dist, p.file).map(unhashed)).toEqual(internalRefs(rootDist, p.file).map((r) => unhashed(`/archive${r}`)));
  }
});

test('feed and sitemap URLs carry the base; /watch.json does not change', () => {
  const links = [...read(dist, 'rss.xml').matchAll(/<link>([^<]*)<\/link>/g)].map((m) => m[1]!);
  expect(links.length).toBeGreaterThan(1);
  for (const l of links) expect(l.startsWith(`${origin}/archive/`)).toBe(true);
  const locs = [...read(dist, 'sitemap-0.xml').matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!);
  expect(locs.length).toBe(htmlPages(dist).length - 1);
  for (const l of locs) expect(l.startsWith(`${origin}/archive/`)).toBe(true);
  expect(read(dist, 'watch.json')).toBe(read(rootDist, 'watch.json'));
});
