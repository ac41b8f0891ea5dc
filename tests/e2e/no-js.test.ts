/**
 * With JavaScript switched off, the archive is still complete: every note shows each condition's
 * then and now with its sparkline, and each chart's SVG and data table; series pages show their
 * chart; the dashboard's filters still work (they are CSS).
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { watchPage } from '../helpers/browser.ts';
import { browserSuite, useBrowser, visibleRows } from '../helpers/e2e.ts';

const suite = browserSuite;
const fx = useBrowser({ javaScriptEnabled: false });

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
    const t = watchPage(fx.page);
    let charted = 0;
    for (const n of fx.archive.notes) {
      await fx.page.goto(`${fx.server.url}notes/${n.id}/`);
      const rows = fx.page.locator('[data-watch-id]');
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
      const cs = await charts(fx.page);
      expect(cs.length, n.id).toBe(n.charts.length);
      for (const c of cs) {
        expect(c.svg).toBe(true);
        expect(c.canvas).toBe(0);
        expect(c.tableRows).toBeGreaterThan(0);
      }
      charted += cs.length;
    }
    console.log(`no JavaScript: ${fx.archive.notes.length} notes, ${fx.archive.watches.length} rows with sparklines, ${charted} charts as SVG + table`);
    expect(t.all()).toEqual([]);
  });

  test('every number series page shows its chart as SVG with a data table', async () => {
    const charted = [...fx.archive.data.series.keys()].filter((id) => fx.archive.data.logs.get(id)!.meta.kind === 'number');
    expect(charted.length).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const id of charted) {
      await fx.page.goto(`${fx.server.url}series/${id}/`);
      const cs = await charts(fx.page);
      if (cs.length === 0 || cs.some((c) => !c.svg || c.tableRows === 0)) missing.push(`${id}: ${JSON.stringify(cs)}`);
    }
    expect(missing).toEqual([]);
  });

  test('the dashboard filters still hide and show rows (they are CSS)', async () => {
    await fx.page.goto(`${fx.server.url}watch/`);
    const all = await visibleRows(fx.page, '.conditions tbody tr');
    const notMet = all.filter((r) => r['data-now-status'] !== 'met');
    await fx.page.locator('#filter-now-met').uncheck();
    expect((await visibleRows(fx.page, '.conditions tbody tr')).map((r) => r.href)).toEqual(notMet.map((r) => r.href));
    await fx.page.locator('#filter-now-met').check();
    expect((await visibleRows(fx.page, '.conditions tbody tr')).length).toBe(all.length);
  });
});
