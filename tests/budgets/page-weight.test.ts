/**
 * The page-weight reader the JS budget test and the benchmark rely on, on a hand-made dist: if it
 * missed a kind of script, the budget test would pass on a page that does load JavaScript.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_JS_SIGNATURE, gz, Site } from '../bench/page-weight.ts';

const FILES: Record<string, string> = {
  'plain/index.html': '<!doctype html><html><head><link rel="stylesheet" href="/_astro/site.css"><style>p{color:red}</style></head><body><p>Text</p><a href="/watch.json">data</a></body></html>',
  'module/index.html': '<html><body><asof-chart></asof-chart><script type="module" src="/_astro/entry.js"></script></body></html>',
  'inline/index.html': '<html><body><script>console.log("hi")</script><script type="application/json" class="chart-data">{"current":{"x":[1,2]}}</script></body></html>',
  'inline-import/index.html': '<html><body><script type="module">import "/_astro/dep.js";</script></body></html>',
  'preload/index.html': '<html><head><link rel="modulepreload" href="/_astro/dep.js"></head></html>',
  'foreign/index.html': '<html><head><script src="https://cdn.example.org/lib.js"></script><link rel=modulepreload href="//cdn.example.org/m.js"></head></html>',
  'json-only/index.html': '<html><body><script type="application/ld+json">{"@type":"Article"}</script></body></html>',
  'islands/index.html':
    '<html><body><astro-island client="visible" component-url="/_astro/island.js" renderer-url="/_astro/renderer.js"></astro-island><astro-island client="load" component-url="/_astro/now.js"></astro-island></body></html>',
  '_astro/site.css': 'body{margin:0}',
  '_astro/entry.js': 'import{x as a}from"./dep.js";export*from"./reexport.js";const l=()=>import("./lazy.js");const m=n=>import(n);a(l,m);',
  '_astro/dep.js': 'export const x=(...a)=>a;',
  '_astro/reexport.js': 'export const y=2;',
  '_astro/lazy.js': 'import"./chart.js";export const z=3;',
  '_astro/chart.js': 'throw new Error("Canvas is already in use. Chart with ID \'"+1+"\' must be destroyed");',
  '_astro/island.js': 'import"./dep.js";export default 1;',
  '_astro/renderer.js': 'export default 2;',
  '_astro/now.js': 'export default 3;',
};

let dist: string;
let site: Site;

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'asof-page-weight-'));
  for (const [rel, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dist, rel)), { recursive: true });
    writeFileSync(join(dist, rel), text);
  }
  site = new Site(dist, '/');
});
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('Site.page reads what a page loads', () => {
  it('a page with no scripts loads no JS; its CSS (linked and inline) is counted, an <a> to JSON is not data', async () => {
    const w = await site.page('plain/index.html');
    expect(w.initial).toEqual({ raw: 0, gzip: 0, files: [], inline: 0 });
    expect(w.lazy.files).toEqual([]);
    expect(w.css.files).toEqual(['_astro/site.css']);
    expect(w.css.raw).toBe(FILES['_astro/site.css']!.length + 'p{color:red}'.length);
    expect(w.data.blocks).toBe(0);
    expect(w.hasChart).toBe(false);
  });

  it('a module script pulls in its static imports and re-exports at load; dynamic imports and what they import come later', async () => {
    const w = await site.page('module/index.html');
    expect(w.initial.files).toEqual(['_astro/dep.js', '_astro/entry.js', '_astro/reexport.js']);
    expect(w.lazy.files).toEqual(['_astro/chart.js', '_astro/lazy.js']);
    expect(w.unresolved).toHaveLength(1); // import(n)
    const sizes = ['_astro/dep.js', '_astro/entry.js', '_astro/reexport.js'].map((f) => FILES[f]!);
    expect(w.initial.raw).toBe(sizes.reduce((n, s) => n + s.length, 0));
    expect(w.initial.gzip).toBe(sizes.reduce((n, s) => n + gz(s), 0));
    expect(w.hasChart).toBe(true);
  });

  it('an inline script counts as JS; an inert JSON script counts as data', async () => {
    const w = await site.page('inline/index.html');
    expect(w.initial.inline).toBe(1);
    expect(w.initial.raw).toBe('console.log("hi")'.length);
    expect(w.data).toMatchObject({ blocks: 1, raw: '{"current":{"x":[1,2]}}'.length });
    const ld = await site.page('json-only/index.html');
    expect(ld.initial.inline).toBe(0);
    expect(ld.initial.files).toEqual([]);
  });

  it('an inline module importing a bundle, and a module preload, load that bundle', async () => {
    expect((await site.page('inline-import/index.html')).initial.files).toEqual(['_astro/dep.js']);
    expect((await site.page('preload/index.html')).initial.files).toEqual(['_astro/dep.js']);
  });

  it('scripts from other hosts are reported, not silently skipped', async () => {
    expect((await site.page('foreign/index.html')).foreign).toEqual(['https://cdn.example.org/lib.js', '//cdn.example.org/m.js']);
  });

  it('islands: client:load hydrates at load, client:visible later', async () => {
    const w = await site.page('islands/index.html');
    expect(w.initial.files).toEqual(['_astro/now.js']);
    expect(w.lazy.files).toEqual(['_astro/dep.js', '_astro/island.js', '_astro/renderer.js']);
  });

  it('finds the bundle holding Chart.js by its signature', () => {
    expect(site.jsFilesMatching(CHART_JS_SIGNATURE)).toEqual(['_astro/chart.js']);
  });

  it('resolves absolute URLs under a base path', () => {
    const based = new Site(dist, '/archive/');
    expect(based.file('/archive/_astro/dep.js', 'x/index.html')).toBe('_astro/dep.js');
    expect(based.file('/_astro/dep.js', 'x/index.html')).toBeUndefined();
    expect(based.file('../_astro/dep.js', 'x/index.html')).toBe('_astro/dep.js');
  });
});
