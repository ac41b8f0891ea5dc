/**
 * In a real browser (Debian's Chromium): a note with charts does not fetch the chart library at load,
 * only once a chart comes near the viewport; then it draws. The static budget test proves the library
 * sits behind a dynamic import; this proves the import waits for the scroll.
 */
import { beforeAll, expect, test } from 'vitest';
import { CHART_JS_SIGNATURE, htmlPages, Site } from '../bench/page-weight.ts';
import { skipBrowser } from '../helpers/browser.ts';
import { browserSuite, useBrowser } from '../helpers/e2e.ts';
import { sampleSite } from '../helpers/shared-build.ts';

const VIEWPORT = { width: 1280, height: 600 };

let dist: string;
const fx = useBrowser();
beforeAll(async () => {
  if (!skipBrowser) dist = await sampleSite();
}, 600_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

browserSuite('the chart library loads when a chart scrolls into view', () => {
  test('not at load; after scrolling to the chart it is fetched and the canvas appears', async () => {
    const site = new Site(dist, '/');
    const chunks = site.jsFilesMatching(CHART_JS_SIGNATURE);
    expect(chunks.length).toBeGreaterThan(0);
    const fetchedChart = () => fx.server.log.filter((l) => chunks.some((c) => l.endsWith(`/${c}`)));

    // A note whose first chart starts well below the first screen (the element looks 200 px ahead).
    const notes = htmlPages(dist).filter((p) => /^notes\/[^/]+\/index\.html$/.test(p));
    let tested = 0;
    for (const p of notes) {
      const page = await fx.browser.context.newPage();
      await page.setViewportSize(VIEWPORT);
      const before = fx.server.log.length;
      await page.goto(fx.server.url + p.replace(/index\.html$/, ''), { waitUntil: 'load' });
      const top = await page.evaluate(() => {
        const el = document.querySelector('asof-chart');
        return el ? el.getBoundingClientRect().top + window.scrollY : null;
      });
      if (top === null || top < VIEWPORT.height + 600) {
        await page.close();
        continue;
      }
      await page.waitForLoadState('networkidle');
      await sleep(300);
      expect(fx.server.log.slice(before).filter((l) => chunks.some((c) => l.endsWith(`/${c}`))), `${p} fetched chart code before any scroll`).toEqual([]);
      const countBefore = fetchedChart().length;
      await page.locator('asof-chart').first().scrollIntoViewIfNeeded();
      await page.locator('asof-chart canvas').first().waitFor({ state: 'attached', timeout: 15_000 });
      expect(fetchedChart().length, `${p} did not fetch the chart code after scrolling to its chart`).toBeGreaterThan(countBefore);
      await page.close();
      tested++;
      break;
    }
    expect(tested, 'no sample note has a chart far enough below the first screen to test').toBe(1);
  });
});
