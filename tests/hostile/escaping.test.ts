/**
 * Markup in an author's text is text. An archive whose series name, unit, source, note title,
 * summary, Watch labels and chart title hold `</script>`, `<script>` and `<img onerror>` must build,
 * and every page, the chart data, /watch.json and the feed must carry those strings escaped, as
 * readable text; in the browser no script of theirs runs (no dialog ever opens) and every chart draws.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Archive } from '../../src/archive/build-archive.ts';
import { loadArchive } from '../../src/archive/load-archive.ts';
import { astroBuild, assertBuilt, REPO } from '../helpers/build.ts';
import { scrollThrough, watchPage } from '../helpers/browser.ts';
import { browserSuite, drawnCharts, useBrowser } from '../helpers/e2e.ts';
import { materialize } from '../helpers/fixtures.ts';
import { serve } from '../helpers/serve.ts';
import { codeRoot, runDir } from '../helpers/shared-build.ts';
import { attr, elements, htmlPages, parseHtml, textOf, type Page } from '../helpers/site.ts';

const FIXTURE = join(REPO, 'tests/fixtures/hostile/_html-in-labels');
const NOTE = '2026-03-06-html-in-labels';

let root: string;
let dist: string;
let archive: Archive;
let pages: Page[];

beforeAll(async () => {
  // In the run's folder, which the global teardown removes should this file crash first.
  root = materialize(FIXTURE, mkdtempSync(join(runDir(), 'html-in-labels-')));
  archive = loadArchive({ root, defaultAuthor: 'Test' });
  dist = join(root, '.site');
  assertBuilt(await astroBuild({ archiveRoot: root, outDir: dist, source: codeRoot() }));
  pages = htmlPages(dist);
}, 300_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** The hostile strings, read from the archive itself. */
function hostile() {
  const meta = archive.data.logs.get('rate')!.meta;
  const note = archive.noteById.get(NOTE)!;
  const strings = {
    'series name': meta.name,
    'series source': meta.source,
    'note title': note.title,
    'note summary': note.summary,
    'watch label': note.watches[0]!.label,
    'label with code': note.watches[1]!.label,
    'chart title': note.charts[0]!.props.title!,
  };
  for (const [what, s] of Object.entries(strings)) expect(s, what).toMatch(/<(\/script|script|img)/);
  return strings;
}

describe('HTML in labels and names', () => {
  test('the archive builds, and no page holds markup from the labels: no injected element, handler or script', () => {
    hostile();
    expect(pages.length).toBeGreaterThan(3);
    const problems: string[] = [];
    for (const p of pages) {
      const html = readFileSync(join(dist, p.file), 'utf8');
      for (const el of elements(parseHtml(html))) {
        if (el.tagName === 'img' && attr(el, 'src') === 'x') problems.push(`${p.file}: an <img src=x> element`);
        for (const a of el.attrs) if (/^on/i.test(a.name)) problems.push(`${p.file}: <${el.tagName} ${a.name}>`);
        if (el.tagName === 'b') problems.push(`${p.file}: a <b> element from the unit`);
        if (el.tagName === 'script' && attr(el, 'src') === undefined) {
          const text = textOf(el);
          if (attr(el, 'type') !== 'application/json') problems.push(`${p.file}: an inline executable script: ${text.slice(0, 60)}`);
          else {
            expect(text).not.toMatch(/<\//);
            JSON.parse(text);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test('each hostile string is shown as text where it belongs', () => {
    const s = hostile();
    const textOfPage = (file: string) => textOf(parseHtml(readFileSync(join(dist, file), 'utf8')));
    const note = textOfPage(`notes/${NOTE}/index.html`);
    for (const what of ['note title', 'watch label', 'label with code', 'chart title', 'series name'] as const) {
      expect(note, what).toContain(s[what]);
    }
    const series = textOfPage('series/rate/index.html');
    expect(series).toContain(s['series name']);
    expect(series).toContain(s['series source']);
    expect(textOfPage('index.html')).toContain(s['note title']);
    expect(textOfPage('index.html')).toContain(s['note summary']);
    expect(textOfPage('watch/index.html')).toContain(s['watch label']);
  });

  test('the chart data, /watch.json and the feed carry the strings intact', () => {
    const s = hostile();
    const doc = parseHtml(readFileSync(join(dist, `notes/${NOTE}/index.html`), 'utf8'));
    const data = [...elements(doc)].filter((e) => e.tagName === 'script' && attr(e, 'type') === 'application/json').map((e) => JSON.parse(textOf(e)) as Record<string, unknown>);
    expect(data.length).toBe(1);
    expect(data[0]!.name).toBe(s['series name']);

    const json = JSON.parse(readFileSync(join(dist, 'watch.json'), 'utf8')) as { watches: { label: string }[] };
    expect(json.watches.map((w) => w.label)).toContain(s['watch label']);

    const rss = new XMLParser({ isArray: (n) => n === 'item' }).parse(readFileSync(join(dist, 'rss.xml'), 'utf8'));
    const titles = (rss.rss.channel.item as { title: string; description: string }[]).map((i) => i.title);
    expect(titles).toContain(s['note title']);
  });
});

browserSuite('HTML in labels, in the browser', () => {
  // This file's own site, built above, served by the one browser fixture.
  const fx = useBrowser({ site: () => serve(dist, '/') });

  test('no dialog opens and nothing is injected on any page; the chart draws; the strings read as text', async () => {
    const s = hostile();
    const trouble: string[] = [];
    let charts = 0;
    for (const p of pages) {
      const tab = await fx.browser.context.newPage();
      const t = watchPage(tab);
      await tab.goto(fx.server.url + p.path, { waitUntil: 'load' });
      await scrollThrough(tab);
      for (const c of await drawnCharts(tab)) {
        charts++;
        if (!c.report || c.report.painted === 0) trouble.push(`${p.path}: chart ${c.id} not drawn`);
      }
      expect(await tab.locator('img[src="x"], b').count(), p.path).toBe(0);
      if (p.path === `notes/${NOTE}/`) {
        const text = await tab.locator('main').innerText();
        expect(text).toContain(s['note title']);
        expect(text).toContain(s['watch label']);
      }
      await tab.waitForTimeout(50);
      trouble.push(...t.all().map((m) => `${p.path}: ${m}`));
      await tab.close();
    }
    expect(charts).toBeGreaterThan(0);
    expect(trouble).toEqual([]);
  });
});
