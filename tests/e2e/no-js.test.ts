/**
 * With JavaScript switched off, the archive is still complete: every note shows each condition's
 * then and now with its sparkline, and each chart's SVG and data table; series pages show their
 * chart; the dashboard's filters still work (they are CSS).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Archive } from '../../src/archive/build-archive.ts';
import { loadArchive } from '../../src/archive/load-archive.ts';
import { site } from '../../src/site.config.ts';
import { launch, skipBrowser, watchPage, type Browser } from '../helpers/browser.ts';
import { serveSample, visibleRows } from '../helpers/e2e.ts';
import type { Served } from '../helpers/serve.ts';
import { sampleRoot } from '../helpers/shared-build.ts';

const suite = skipBrowser ? describe.skip : describe;

let browser: Browser;
let server: Served;
let archive: Archive;
let page: Page;

beforeAll(async () => {
  if (skipBrowser) return;
  archive = loadArchive({ root: sampleRoot(), defaultAuthor: site.defaultAuthor });
  server = await serveSample('/');
  browser = await launch({ javaScriptEnabled: false });
  page = await browser.context.newPage();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens every chart's data table (a <details>, which needs no script) and reports what shows. */
async function charts(p: Page) {
  const figures = p.locator('asof-chart');
  const out: { svg: boolean; canvas: number; tableRows: number }[] = [];
  for (let i = 0; i < (await figures.count()); i++) {
    const chart = figures.nth(i);
    await chart.scrollIntoViewIfNeeded();
    const svg = await chart.locator('svg').first().isVisible();
    const canvas = await chart.locator('canvas').count();
    // The table sits beside the chart, inside the same figure.
    const figure = chart.locator('xpath=ancestor::figure[1]');
    const details = figure.locator('details').first();
    await details.locator('summary').click();
    const table = details.locator('table').first();
    const tableRows = (await table.isVisible()) ? await table.locator('tbody tr').count() : 0;
    out.push({ svg, canvas, tableRows });
  }
  return out;
}

suite('without JavaScript', () => {
  test('every note shows each condition then and now, with its sparkline, and every chart as SVG plus a data table', async () => {
    const t = watchPage(page);
    let charted = 0;
    for (const n of archive.notes) {
      await page.goto(`${server.url}notes/${n.id}/`);
      const rows = page.locator('[data-watch-id]');
      expect(await rows.count(), n.id).toBe(n.watches.length);
      for (const [i, w] of n.watches.entries()) {
        const row = rows.nth(i);
        await row.scrollIntoViewIfNeeded();
        expect(await row.isVisible()).toBe(true);
        const text = await row.innerText();
        expect(text, `${n.id}#${w.id}`).toMatch(/then/i);
        expect(text, `${n.id}#${w.id}`).toMatch(/now/i);
        expect(await row.getAttribute('data-then-status')).toBe(w.then.status);
        expect(await row.getAttribute('data-now-status')).toBe(w.now.status);
        const spark = row.locator('svg');
        expect(await spark.count(), `${n.id}#${w.id} has no sparkline`).toBeGreaterThan(0);
        expect(await spark.first().isVisible()).toBe(true);
        const box = await spark.first().boundingBox();
        expect(box!.width).toBeGreaterThan(20);
      }
      const cs = await charts(page);
      expect(cs.length, n.id).toBe(n.charts.length);
      for (const c of cs) {
        expect(c.svg).toBe(true);
        expect(c.canvas).toBe(0);
        expect(c.tableRows).toBeGreaterThan(0);
      }
      charted += cs.length;
    }
    console.log(`no JavaScript: ${archive.notes.length} notes, ${archive.watches.length} rows with sparklines, ${charted} charts as SVG + table`);
    expect(t.all()).toEqual([]);
  });

  test('every number series page shows its chart as SVG with a data table', async () => {
    const charted = [...archive.data.series.keys()].filter((id) => archive.data.logs.get(id)!.meta.kind === 'number');
    expect(charted.length).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const id of charted) {
      await page.goto(`${server.url}series/${id}/`);
      const cs = await charts(page);
      if (cs.length === 0 || cs.some((c) => !c.svg || c.tableRows === 0)) missing.push(`${id}: ${JSON.stringify(cs)}`);
    }
    expect(missing).toEqual([]);
  });

  test('the dashboard filters still hide and show rows (they are CSS)', async () => {
    await page.goto(`${server.url}watch/`);
    const all = await visibleRows(page, '.conditions tbody tr');
    const notMet = all.filter((r) => r['data-now-status'] !== 'met');
    await page.locator('#filter-now-met').uncheck();
    expect((await visibleRows(page, '.conditions tbody tr')).map((r) => r.href)).toEqual(notMet.map((r) => r.href));
    await page.locator('#filter-now-met').check();
    expect((await visibleRows(page, '.conditions tbody tr')).length).toBe(all.length);
  });
});
