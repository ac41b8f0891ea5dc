/**
 * axe-core, injected into the real pages, finds no serious or critical violation on the index,
 * every note, the dashboard and the series pages, in light and in dark mode; and at a 360 px phone
 * width no page of the site scrolls sideways.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Archive } from '../../src/archive/build-archive.ts';
import { loadArchive } from '../../src/archive/load-archive.ts';
import { site } from '../../src/site.config.ts';
import { launch, scrollThrough, skipBrowser, type Browser } from '../helpers/browser.ts';
import { AXE_VERSION, axe, horizontalOverflow, serveSample } from '../helpers/e2e.ts';
import type { Served } from '../helpers/serve.ts';
import { sampleRoot, sampleSite } from '../helpers/shared-build.ts';
import { htmlPages } from '../helpers/site.ts';

const suite = skipBrowser ? describe.skip : describe;

let browser: Browser;
let server: Served;
let archive: Archive;
let page: Page;

beforeAll(async () => {
  if (skipBrowser) return;
  archive = loadArchive({ root: sampleRoot(), defaultAuthor: site.defaultAuthor });
  server = await serveSample('/');
  browser = await launch();
  page = await browser.context.newPage();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

suite(`axe-core ${AXE_VERSION}`, () => {
  const paths = () => {
    const series = [...archive.data.series.keys()].filter((id) => archive.watchesBySeries.has(id));
    // A number series with a revision and the status series, if any: the two kinds of series page.
    const status = series.find((id) => archive.data.logs.get(id)!.meta.kind === 'status');
    return ['', ...archive.notes.map((n) => `notes/${n.id}/`), 'watch/', 'series/', `series/${series[0]}/`, ...(status ? [`series/${status}/`] : [])];
  };

  for (const scheme of ['light', 'dark'] as const) {
    test(`no serious or critical violations in ${scheme} mode`, async () => {
      await page.emulateMedia({ colorScheme: scheme });
      const found: string[] = [];
      let checked = 0;
      for (const path of paths()) {
        await page.goto(server.url + path);
        // Charts turn into canvases when seen: check the page as a reader ends up with it.
        await scrollThrough(page);
        expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
        for (const v of await axe(page)) {
          if (v.impact === 'serious' || v.impact === 'critical') {
            found.push(`/${path} [${v.impact}] ${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
          }
        }
        checked++;
      }
      console.log(`axe-core ${AXE_VERSION} (${scheme}): ${checked} pages, ${found.length} serious/critical violations`);
      expect(found).toEqual([]);
    });
  }

  test('the dark mode is real: the page background changes with the colour scheme', async () => {
    const background = async (scheme: 'light' | 'dark') => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(server.url);
      return page.evaluate(() => getComputedStyle(document.body).backgroundColor + ' ' + getComputedStyle(document.documentElement).backgroundColor);
    };
    expect(await background('dark')).not.toBe(await background('light'));
  });
});

suite('a 360 px phone', () => {
  test('no page scrolls sideways', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 360, height: 740 });
    const pages = htmlPages(await sampleSite('/'));
    const wide: string[] = [];
    for (const p of pages) {
      await page.goto(server.url + p.path);
      await scrollThrough(page);
      const { overflow, culprits } = await horizontalOverflow(page);
      if (overflow > 0) wide.push(`/${p.path}: ${overflow}px too wide: ${culprits.join(', ')}`);
    }
    console.log(`phone width: ${pages.length} pages at 360 px, ${wide.length} overflow`);
    expect(wide).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
