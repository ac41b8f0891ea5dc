/**
 * axe-core, injected into the real pages, finds no serious or critical violation on the index,
 * every note, the dashboard and the series pages, in light and in dark mode; and at a 360 px phone
 * width no page of the site scrolls sideways.
 */
import { expect, test } from 'vitest';
import { scrollThrough } from '../helpers/browser.ts';
import { AXE_VERSION, axe, browserSuite, horizontalOverflow, useBrowser } from '../helpers/e2e.ts';
import { sampleSite } from '../helpers/shared-build.ts';
import { htmlPages } from '../helpers/site.ts';

const suite = browserSuite;
const fx = useBrowser();

suite(`axe-core ${AXE_VERSION}`, () => {
  const paths = () => {
    const series = [...fx.archive.data.series.keys()].filter((id) => fx.archive.watchesBySeries.has(id));
    // A number series with a revision and the status series, if any: the two kinds of series page.
    const status = series.find((id) => fx.archive.data.logs.get(id)!.meta.kind === 'status');
    return ['', ...fx.archive.notes.map((n) => `notes/${n.id}/`), 'watch/', 'series/', `series/${series[0]}/`, ...(status ? [`series/${status}/`] : [])];
  };

  for (const scheme of ['light', 'dark'] as const) {
    test(`no serious or critical violations in ${scheme} mode`, async () => {
      await fx.page.emulateMedia({ colorScheme: scheme });
      const found: string[] = [];
      let checked = 0;
      for (const path of paths()) {
        await fx.page.goto(fx.server.url + path);
        // Charts turn into canvases when seen: check the page as a reader ends up with it.
        await scrollThrough(fx.page);
        expect(await fx.page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
        for (const v of await axe(fx.page)) {
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
      await fx.page.emulateMedia({ colorScheme: scheme });
      await fx.page.goto(fx.server.url);
      return fx.page.evaluate(() => getComputedStyle(document.body).backgroundColor + ' ' + getComputedStyle(document.documentElement).backgroundColor);
    };
    expect(await background('dark')).not.toBe(await background('light'));
  });
});

suite('a 360 px phone', () => {
  test('no page scrolls sideways', async () => {
    await fx.page.emulateMedia({ colorScheme: 'light' });
    await fx.page.setViewportSize({ width: 360, height: 740 });
    const pages = htmlPages(await sampleSite('/'));
    const wide: string[] = [];
    for (const p of pages) {
      await fx.page.goto(fx.server.url + p.path);
      await scrollThrough(fx.page);
      const { overflow, culprits } = await horizontalOverflow(fx.page);
      if (overflow > 0) wide.push(`/${p.path}: ${overflow}px too wide: ${culprits.join(', ')}`);
    }
    console.log(`phone width: ${pages.length} pages at 360 px, ${wide.length} overflow`);
    expect(wide).toEqual([]);
    await fx.page.setViewportSize({ width: 1280, height: 900 });
  });
});
