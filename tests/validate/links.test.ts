/**
 * No internal link, resource or #anchor is broken, with the site built at "/" and again under
 * "/archive/". Every page is parsed with parse5; every href/src/srcset/action that stays on the site
 * must resolve inside the base to a built file, and every #fragment to an element id on the target
 * page. Then every distinct target is fetched from a plain static server on loopback, serving the
 * site under its base, and must answer 200.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { site } from '../../src/site.config.ts';
import { serve, type Served } from '../helpers/serve.ts';
import { sampleSite } from '../helpers/shared-build.ts';
import { attr, elements, htmlPages, parseHtml, type Document } from '../helpers/site.ts';

const ORIGIN = new URL(site.url).origin;

/** Attributes that point somewhere, by element. */
const URL_ATTRS: Record<string, string[]> = {
  a: ['href'],
  area: ['href'],
  link: ['href'],
  script: ['src'],
  img: ['src', 'srcset'],
  source: ['src', 'srcset'],
  video: ['src', 'poster'],
  audio: ['src'],
  iframe: ['src'],
  form: ['action'],
  use: ['href', 'xlink:href'],
  image: ['href', 'xlink:href'],
  object: ['data'],
};

interface Ref {
  page: string;
  raw: string;
  url: URL;
}

function refsOf(doc: Document, pageUrl: URL, page: string): { refs: Ref[]; bad: string[] } {
  const refs: Ref[] = [];
  const bad: string[] = [];
  for (const el of elements(doc)) {
    for (const name of URL_ATTRS[el.tagName] ?? []) {
      const value = attr(el, name);
      if (value === undefined) continue;
      const candidates = name === 'srcset' ? value.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '') : [value];
      for (const raw of candidates) {
        if (raw.trim() === '') {
          bad.push(`${page}: <${el.tagName} ${name}=""> is empty`);
          continue;
        }
        let url: URL;
        try {
          url = new URL(raw, pageUrl);
        } catch {
          bad.push(`${page}: <${el.tagName} ${name}="${raw}"> is not a URL`);
          continue;
        }
        if (url.protocol === 'javascript:') bad.push(`${page}: <${el.tagName} ${name}="${raw}"> runs script`);
        refs.push({ page, raw, url });
      }
    }
  }
  return { refs, bad };
}

function idsOf(doc: Document): Set<string> {
  const ids = new Set<string>();
  for (const el of elements(doc)) {
    const id = attr(el, 'id');
    if (id !== undefined) ids.add(id);
    if (el.tagName === 'a' && attr(el, 'name') !== undefined) ids.add(attr(el, 'name')!);
  }
  return ids;
}

for (const base of ['/', '/archive/'] as const) {
  describe(`links under base ${base}`, () => {
    let dist: string;
    let server: Served;
    beforeAll(async () => {
      dist = await sampleSite(base);
      server = await serve(dist, base);
    }, 300_000);
    afterAll(() => server?.close());

    test('every internal link, resource and #anchor resolves, in the files and over HTTP', async () => {
      const pages = htmlPages(dist);
      const docs = new Map<string, Document>();
      const ids = new Map<string, Set<string>>();
      for (const p of pages) {
        const doc = parseHtml(readFileSync(join(dist, p.file), 'utf8'));
        docs.set(p.file, doc);
        ids.set(p.file, idsOf(doc));
      }
      const broken: string[] = [];
      const targets = new Set<string>();
      let internal = 0;
      let anchors = 0;
      let external = 0;
      for (const p of pages) {
        const pageUrl = new URL(base + p.path, ORIGIN);
        const { refs, bad } = refsOf(docs.get(p.file)!, pageUrl, p.file);
        broken.push(...bad);
        for (const r of refs) {
          if (r.url.protocol !== 'http:' && r.url.protocol !== 'https:') continue; // mailto:, data:
          if (r.url.origin !== ORIGIN) {
            external++;
            continue;
          }
          internal++;
          const where = `${r.page}: "${r.raw}"`;
          if (!r.url.pathname.startsWith(base)) {
            broken.push(`${where} leaves the base ${base}`);
            continue;
          }
          const rel = decodeURIComponent(r.url.pathname.slice(base.length));
          let file = rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
          if (!existsSync(join(dist, file))) {
            broken.push(`${where} -> ${r.url.pathname}: no such file`);
            continue;
          }
          if (statSync(join(dist, file)).isDirectory()) {
            broken.push(`${where} -> ${r.url.pathname}: a folder linked without its trailing slash`);
            file = `${rel}/index.html`;
            continue;
          }
          targets.add(r.url.pathname);
          const fragment = decodeURIComponent(r.url.hash.slice(1));
          if (fragment === '') continue;
          anchors++;
          const targetIds = ids.get(file);
          if (!targetIds) broken.push(`${where}: #${fragment} points into a file that is not a page`);
          else if (!targetIds.has(fragment) && fragment !== 'top') broken.push(`${where}: no element with id "${fragment}" in ${file}`);
        }
      }
      // The same targets, asked of a static server that serves the site under its base.
      for (const path of targets) {
        const res = await fetch(server.origin + path, { redirect: 'manual' });
        if (res.status !== 200) broken.push(`GET ${path} answered ${res.status}`);
        await res.arrayBuffer();
      }
      console.log(`links under ${base}: ${pages.length} pages, ${internal} internal links (${targets.size} distinct targets fetched), ${anchors} #anchors, ${external} external links not followed`);
      expect(internal).toBeGreaterThan(pages.length);
      expect(broken).toEqual([]);
    });

    test('every page is reachable by links from the home page', () => {
      const pages = htmlPages(dist).filter((p) => p.file !== '404.html');
      const seen = new Set<string>(['']);
      const queue = [''];
      while (queue.length) {
        const path = queue.shift()!;
        const file = path === '' || path.endsWith('/') ? `${path}index.html` : path;
        if (!existsSync(join(dist, file)) || !file.endsWith('.html')) continue;
        const doc = parseHtml(readFileSync(join(dist, file), 'utf8'));
        for (const r of refsOf(doc, new URL(base + path, ORIGIN), file).refs) {
          if (r.url.origin !== ORIGIN || !r.url.pathname.startsWith(base)) continue;
          const next = decodeURIComponent(r.url.pathname.slice(base.length));
          if (!seen.has(next)) {
            seen.add(next);
            queue.push(next);
          }
        }
      }
      expect(pages.filter((p) => !seen.has(p.path)).map((p) => p.path)).toEqual([]);
    });
  });
}
