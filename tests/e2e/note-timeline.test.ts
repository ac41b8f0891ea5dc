/**
 * The note page's timeline and <Value> numbers in Chromium, with JavaScript off, on the fixture
 * `timeline`: the lanes are drawn and readable at 390 px without sideways scrolling (labels above
 * their bars, every bar on one time axis), the table opens without script, a Value's source shows
 * on focus and is in the page's text, and axe finds no serious or critical violation in light or dark.
 */
import { expect, test } from 'vitest';
import { fixtureSite } from '../build/helpers.ts';
import { axe, browserSuite, horizontalOverflow, useBrowser } from '../helpers/e2e.ts';
import { serve } from '../helpers/serve.ts';

const suite = browserSuite;
const site = async () => serve(await fixtureSite('timeline'), '/');
const fx = useBrowser({ javaScriptEnabled: false, site });
// axe runs as a script in the page, so it gets a browser of its own with JavaScript on.
const fxAxe = useBrowser({ site });
const NOTES = ['notes/2026-03-02-timeline-fixture/', 'notes/2026-06-30-latest-fixture/'];

suite('the condition timeline, without JavaScript', () => {
  for (const width of [1280, 390]) {
    test(`is drawn and readable at ${width} px`, async () => {
      await fx.page.emulateMedia({ colorScheme: 'light' });
      await fx.page.setViewportSize({ width, height: 900 });
      await fx.page.goto(fx.server.url + NOTES[0]);
      const section = fx.page.locator('section.watch-timeline');
      await section.scrollIntoViewIfNeeded();
      expect(await section.isVisible()).toBe(true);
      const lanes = section.locator('li.timeline-lane');
      expect(await lanes.count()).toBe(8);
      const boxes = await lanes.evaluateAll((els) =>
        els.map((li) => {
          const label = li.querySelector('.timeline-lane-label')!.getBoundingClientRect();
          const bar = li.querySelector('svg')!.getBoundingClientRect();
          // Each met run is a rectangle "M x y h w ..." in the lane's met path, x and w out of 1000.
          const d = li.querySelector('path.timeline-met')?.getAttribute('d') ?? '';
          const met = [...d.matchAll(/M[\d.]+ [\d.]+h([\d.]+)/g)].map((m) => (Number(m[1]) / 1000) * bar.width);
          const drawn = li.querySelector('path.timeline-met')?.getBoundingClientRect().width ?? 0;
          return { labelBottom: label.bottom, barTop: bar.top, barLeft: bar.left, barWidth: bar.width, met, drawn };
        }),
      );
      for (const b of boxes) {
        // The label sits above its bar, and every bar spans the same axis.
        expect(b.labelBottom).toBeLessThanOrEqual(b.barTop + 0.5);
        expect(b.barLeft).toBeCloseTo(boxes[0]!.barLeft, 0);
        expect(b.barWidth).toBeCloseTo(boxes[0]!.barWidth, 0);
        expect(b.barWidth).toBeGreaterThan(width === 390 ? 300 : 500);
      }
      // The first lane is met on two spans, both drawn with real width (in CSS pixels).
      expect(boxes[0]!.met).toHaveLength(2);
      for (const w of boxes[0]!.met) expect(w).toBeGreaterThan(5);
      // And the browser drew them: the met path spans at least both runs.
      expect(boxes[0]!.drawn).toBeGreaterThanOrEqual(boxes[0]!.met[0]! + boxes[0]!.met[1]! - 1);
      const { overflow, culprits } = await horizontalOverflow(fx.page);
      expect(overflow, culprits.join(', ')).toBeLessThanOrEqual(0);
      // The table opens without script.
      await section.locator('details.timeline-table summary').click();
      expect(await section.locator('details.timeline-table tbody tr').count()).toBe(8);
      expect(await section.locator('details.timeline-table table').isVisible()).toBe(true);
      const tableOverflow = await horizontalOverflow(fx.page);
      expect(tableOverflow.overflow, tableOverflow.culprits.join(', ')).toBeLessThanOrEqual(0);
      expect(await section.locator('.timeline-order').innerText()).toMatch(/^First: The rate above 4\.5%, 10 Mar;\s+then: Custody holdings above 3,000, 20 Mar;/);
    });
  }

  test("a Value's source is in the text, hidden until the number has focus or a pointer", async () => {
    await fx.page.setViewportSize({ width: 390, height: 900 });
    await fx.page.goto(fx.server.url + NOTES[0]);
    const value = fx.page.locator('span.note-value').first();
    const source = value.locator('.note-value-source');
    expect(await source.textContent()).toContain('Source: Fixture central bank. As known on 2 Mar 2026: 4.48%');
    const hidden = await source.boundingBox();
    expect(hidden!.width).toBeLessThanOrEqual(1);
    await value.locator('a.note-value-then').focus();
    const shown = await source.boundingBox();
    expect(shown!.width).toBeGreaterThan(200);
    expect(await source.isVisible()).toBe(true);
    // Still inside the page at phone width.
    expect(shown!.x).toBeGreaterThanOrEqual(0);
    expect(shown!.x + shown!.width).toBeLessThanOrEqual(390);
    await fx.page.setViewportSize({ width: 1280, height: 900 });
  });

});

suite('a note with a timeline and values', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`axe finds no serious or critical violation (${scheme})`, async () => {
      const p = fxAxe.page;
      await p.emulateMedia({ colorScheme: scheme });
      const found: string[] = [];
      for (const path of NOTES) {
        await p.goto(fxAxe.server.url + path);
        await p.locator('details.timeline-table summary').click();
        for (const v of await axe(p)) {
          if (v.impact === 'serious' || v.impact === 'critical') found.push(`/${path} [${v.impact}] ${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
        }
      }
      expect(found).toEqual([]);
    });
  }
});
