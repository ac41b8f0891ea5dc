/**
 * The fixture archive built with `astro build --base /x/`, the base Astro itself resolves (the
 * sample is built under ASOF_BASE=/archive/ by the validators and browser tests): every internal
 * link, script, stylesheet and feed/sitemap URL carries the base, links and images written in a
 * note's Markdown included, and the outputs that do not depend on it are unchanged.
 */
import { join } from 'node:path';
import { mdxToJs } from 'satteri';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { injectNoteProps, setNoteLinkBase } from '../../src/notes/inject-note-props.ts';
import { site } from '../../src/site.config.ts';
import { assertBuilt } from '../helpers/build.ts';
import { sharedBuild } from '../helpers/shared-build.ts';
import { htmlPages } from '../helpers/site.ts';
import { all, ARCHIVES, attr, fixtureSite, page, read } from './helpers.ts';

const NAME = 'varied-outcomes';
const BASE = '/x/';
const origin = site.url.replace(/\/$/, '');
let dist: string;
let rootDist: string;
beforeAll(async () => {
  [dist, rootDist] = await Promise.all([
    sharedBuild(`fixture-${NAME}-cli-base`, join(ARCHIVES, NAME), { args: ['--base', BASE] }).then((r) => assertBuilt(r).outDir),
    fixtureSite(NAME),
  ]);
}, 300_000);

/** href/src/action values that point into this site (not another origin, not a fragment of this page). */
function internalRefs(dist: string, file: string): string[] {
  return all(page(dist, file), () => true).flatMap((e) =>
    ['href', 'src', 'action']
      .map((a) => attr(e, a))
      .filter((v): v is string => v !== undefined && !/^(?:[a-z]+:|\/\/|#)/i.test(v) && v !== ''),
  );
}

test(`every internal href and src on every page starts with ${BASE}`, () => {
  const pages = htmlPages(dist);
  expect(pages.length).toBe(htmlPages(rootDist).length);
  let checked = 0;
  for (const p of pages) {
    const refs = internalRefs(dist, p.file);
    expect(refs.filter((r) => !r.startsWith(BASE)), p.file).toEqual([]);
    checked += refs.length;
  }
  expect(checked).toBeGreaterThan(200);
  // The same refs as the site at "/", with the base in front: nothing gained or lost.
  // Bundled files are named by a hash of their content, and the base is part of that content.
  const unhashed = (r: string) => r.replace(/(\/_astro\/[^/]*?)\.[\w-]{8}\.(js|css)$/, '$1.$2');
  for (const p of pages) {
    expect(internalRefs(dist, p.file).map(unhashed)).toEqual(internalRefs(rootDist, p.file).map((r) => unhashed(`${BASE.slice(0, -1)}${r}`)));
  }
});

test('a link written in a note as /notes/<id>/ carries the base', () => {
  const file = 'notes/2026-05-15-late-spring/index.html';
  const body = all(page(dist, file), (e) => e.tagName === 'a' && attr(e, 'href')?.endsWith('/notes/2026-04-10-spring-check/') === true).map((e) => attr(e, 'href'));
  expect(body.length).toBeGreaterThan(0);
  expect(new Set(body)).toEqual(new Set([`${BASE}notes/2026-04-10-spring-check/`]));
});

test('feed and sitemap URLs carry the base; /watch.json does not change', () => {
  const links = [...read(dist, 'rss.xml').matchAll(/<link>([^<]*)<\/link>/g)].map((m) => m[1]!);
  expect(links.length).toBeGreaterThan(1);
  for (const l of links) expect(l.startsWith(`${origin}${BASE}`)).toBe(true);
  const locs = [...read(dist, 'sitemap-0.xml').matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!);
  expect(locs.length).toBe(htmlPages(dist).length - 1);
  for (const l of locs) expect(l.startsWith(`${origin}${BASE}`)).toBe(true);
  expect(read(dist, 'watch.json')).toBe(read(rootDist, 'watch.json'));
});

describe('the compile step rebases what authors write as site-absolute paths', () => {
  afterAll(() => setNoteLinkBase(site.base));

  test('links, reference definitions and images get the base; other origins and the base itself are left alone', async () => {
    setNoteLinkBase(BASE);
    const source = 'See [a](/notes/2026-01-01-a/), ![chart](/img/a.png), [b][r], [ext](https://e.org/p/) and [here](/x/notes/c/).\n\n[r]: /notes/b/\n';
    const { code } = await mdxToJs(source, { fileURL: new URL('file:///archive/content/notes/2026-01-02-b.mdx'), mdastPlugins: [injectNoteProps] });
    const paths = [...code.matchAll(/(?:href|src): "([^"]+)"/g)].map((m) => m[1]);
    expect(paths).toEqual(['/x/notes/2026-01-01-a/', '/x/img/a.png', '/x/notes/b/', 'https://e.org/p/', '/x/notes/c/']);
  });
});
