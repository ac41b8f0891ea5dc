/**
 * The built sample archive in Debian's Chromium, as a reader uses it: the index, clicking through to
 * notes, every page loading cleanly under the CSP with every chart drawn, the dashboard's sort and
 * filter, and search. What the pages should show comes from the archive itself (loadArchive on the
 * same inputs), never from numbers written here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import type { ConditionRecord } from '../../src/archive/build-archive.ts';
import { scrollThrough, skipBrowser, watchPage } from '../helpers/browser.ts';
import { browserSuite, drawnCharts, useBrowser, visibleRows } from '../helpers/e2e.ts';
import type { Served } from '../helpers/serve.ts';
import { sampleRoot, sampleSite } from '../helpers/shared-build.ts';
import { htmlPages } from '../helpers/site.ts';

const suite = browserSuite;
const fx = useBrowser();

/** The condition (a watch, a group, or a group's part) a dashboard link (`/notes/<id>/#<id>`) points to. */
function watchOf(href: string): ConditionRecord | undefined {
  const m = /\/notes\/([^/]+)\/#(.+)$/.exec(href);
  const conditions = m ? (fx.archive.noteById.get(m[1]!)?.conditions ?? []) : [];
  return conditions.flatMap((c) => (c.kind === 'group' ? [c, ...c.children] : [c])).find((w) => w.id === decodeURIComponent(m![2]!));
}

/** A group's part rides with its group in every order. */
const isPart = (c: ConditionRecord) => c.kind === 'watch' && c.group !== null;

suite('reading the archive', () => {
  test('the index lists every note, newest first', async () => {
    await fx.page.goto(fx.server.url);
    const hrefs = await fx.page.locator('main a[href*="/notes/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    const listed = [...new Set(hrefs.filter((h) => /\/notes\/[^/#]+\/$/.test(h)))];
    expect(fx.archive.notes.length).toBeGreaterThanOrEqual(1);
    expect(listed).toEqual(fx.archive.notes.map((n) => `/notes/${n.id}/`));
    for (const n of fx.archive.notes) {
      await expect.poll(() => fx.page.locator(`main a[href="/notes/${n.id}/"]`).first().innerText()).toBe(n.title);
    }
  });

  test('clicking through from the index reaches each note, whose Watch rows show then and now', async () => {
    let rowsChecked = 0;
    for (const n of fx.archive.notes) {
      await fx.page.goto(fx.server.url);
      await fx.page.locator(`main a[href="/notes/${n.id}/"]`).first().click();
      await fx.page.waitForURL(`${fx.server.url}notes/${n.id}/`);
      expect(await fx.page.locator('h1').first().innerText()).toContain(n.title);
      const rows = fx.page.locator('[data-watch-id]');
      expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-watch-id')))).toEqual(n.watches.map((w) => w.id));
      for (const [i, w] of n.watches.entries()) {
        const row = rows.nth(i);
        expect(await row.isVisible()).toBe(true);
        expect(await row.getAttribute('data-then-status')).toBe(w.then.status);
        expect(await row.getAttribute('data-now-status')).toBe(w.now.status);
        const text = await row.innerText();
        expect(text).toContain(w.label);
        expect(text).toMatch(/then/i);
        expect(text).toMatch(/now/i);
        // The two sides carry their dates: the note's date, and "now".
        const dates = await row.locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
        expect(dates).toContain(w.then.date);
        expect(dates).toContain(w.now.date);
        rowsChecked++;
      }
    }
    expect(rowsChecked).toBe(fx.archive.watches.length);
  });
});

for (const base of ['/', '/archive/'] as const) {
  suite(`every page under ${base} in the browser`, () => {
    let served: Served;
    beforeAll(async () => {
      if (skipBrowser) return;
      served = base === '/' ? fx.server : await fx.serveSample(base);
    }, 300_000);

    test('loads with no console error, failed request or CSP violation, and every chart draws', async () => {
      const pages = htmlPages(await sampleSite(base));
      const trouble: string[] = [];
      const blank: string[] = [];
      let charts = 0;
      for (const p of pages) {
        const tab = await fx.browser.context.newPage();
        const t = watchPage(tab);
        await tab.goto(served.url + p.path, { waitUntil: 'load' });
        await scrollThrough(tab);
        for (const c of await drawnCharts(tab)) {
          charts++;
          if (!c.report || c.report.painted < 200 || c.report.colours < 2) blank.push(`${p.path} ${c.id}: ${JSON.stringify(c.report)}`);
        }
        // Pages that load scripts may fetch more after load (chart code, search index): let them finish.
        if (await tab.locator('script[src]').count()) await tab.waitForLoadState('networkidle');
        trouble.push(...t.all().map((m) => `${p.path || '/'}: ${m}`));
        await tab.close();
      }
      console.log(`browser under ${base}: ${pages.length} pages loaded, ${charts} charts drawn on canvas`);
      expect(charts).toBeGreaterThan(0);
      expect(blank).toEqual([]);
      expect(trouble).toEqual([]);
    });
  });
}

suite('the conditions dashboard', () => {
  async function rows() {
    return visibleRows(fx.page, '.conditions tbody tr');
  }

  test('each sort shows every condition, in its order', async () => {
    await fx.page.goto(`${fx.server.url}watch/`);
    const all = await rows();
    expect(all.length).toBeGreaterThan(0);
    const allHrefs = all.map((r) => r.href).sort();
    // Every row is a real condition, with the archive's statuses.
    for (const r of all) {
      const w = watchOf(r.href);
      expect(w, r.href).toBeDefined();
      expect(r['data-now-status']).toBe(w!.now.status);
      expect(r['data-then-status']).toBe(w!.then.status);
    }
    const seriesName = (id: string) => (fx.archive.data.logs.get(id)?.meta.name ?? id).toLowerCase();
    // A group sorts by the first, by name, of the series it reads.
    const name = (w: ConditionRecord) => (w.kind === 'group' ? w.seriesRead.map(seriesName).sort()[0]! : seriesName(w.series));
    const checks: Record<string, (a: ConditionRecord, b: ConditionRecord) => boolean> = {
      'Note date': (a, b) => a.note.slice(0, 10) >= b.note.slice(0, 10),
      'First met': (a, b) => b.firstMetShown === null || (a.firstMetShown !== null && a.firstMetShown >= b.firstMetShown),
      Series: (a, b) => name(a) <= name(b),
    };
    const labels = await fx.page.locator('nav.sorts a').allInnerTexts();
    expect(labels.length).toBeGreaterThanOrEqual(2);
    for (const label of labels) {
      await fx.page.locator('nav.sorts a', { hasText: label }).click();
      await fx.page.waitForLoadState('load');
      expect(await fx.page.locator('nav.sorts a[aria-current="page"]').innerText()).toBe(label);
      const shown = (await rows()).map((r) => watchOf(r.href)!);
      expect(shown.map((w) => `/notes/${w.note}/#${w.id}`).sort()).toEqual(allHrefs);
      // Parts follow their group directly; the order is the groups' and single conditions'.
      shown.forEach((w, i) => {
        if (isPart(w)) expect([shown[i - 1]!.id, (shown[i - 1] as { group?: string | null }).group]).toContain((w as { group: string }).group);
      });
      const sorted = shown.filter((w) => !isPart(w));
      const inOrder = checks[label];
      if (inOrder) {
        for (let i = 1; i < sorted.length; i++) expect(inOrder(sorted[i - 1]!, sorted[i]!), `${label}: row ${i + 1} out of order`).toBe(true);
      } else {
        // A status sort groups each status together.
        const statuses = sorted.map((w) => w.now.status);
        const blocks = statuses.filter((s, i) => i === 0 || s !== statuses[i - 1]);
        expect(new Set(blocks).size, `${label}: ${statuses.join(' ')}`).toBe(blocks.length);
      }
    }
  });

  test('the status checkboxes and the series filter hide exactly the other rows, without JavaScript', async () => {
    await fx.page.goto(`${fx.server.url}watch/`);
    const all = await rows();
    const nowMet = all.filter((r) => r['data-now-status'] === 'met').length;
    expect(nowMet).toBeGreaterThan(0);
    expect(nowMet).toBeLessThan(all.length);

    await fx.page.locator('#filter-now-met').uncheck();
    let shown = await rows();
    expect(shown.length).toBe(all.length - nowMet);
    expect(shown.every((r) => r['data-now-status'] !== 'met')).toBe(true);
    await fx.page.locator('#filter-now-met').check();
    expect((await rows()).length).toBe(all.length);

    const options = await fx.page.locator('#filter-series option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(options.length).toBeGreaterThan(1);
    for (const id of options.slice(0, 4)) {
      await fx.page.locator('#filter-series').selectOption(id);
      shown = await rows();
      const expected = all.filter((r) => (r['data-series'] ?? '').split(' ').includes(id));
      expect(shown.map((r) => r.href), id).toEqual(expected.map((r) => r.href));
      expect(shown.length, id).toBeGreaterThan(0);
      // The archive agrees on which conditions involve this series.
      for (const r of shown) expect(watchOf(r.href)!.seriesRead).toContain(id);
    }
    await fx.page.locator('#filter-series').selectOption('');
    expect((await rows()).length).toBe(all.length);
  });
});

suite('search', () => {
  test('finds a note by a word that appears only in its body', async () => {
    // A word found in exactly one note's body and nowhere in any title, summary or tag.
    const dir = join(sampleRoot(), 'content/notes');
    const bodies = new Map<string, string>();
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.mdx'))) {
      const text = readFileSync(join(dir, f), 'utf8');
      bodies.set(f.replace(/\.mdx$/, ''), text.replace(/^---[\s\S]*?\n---\n/, '').replace(/<[^>]+>/g, ' '));
    }
    const elsewhere = fx.archive.notes.map((n) => `${n.title} ${n.summary} ${n.tags.join(' ')}`).join(' ').toLowerCase();
    const words = (t: string) => new Set(t.toLowerCase().match(/\b[a-z]{8,}\b/g) ?? []);
    const counts = new Map<string, string[]>();
    for (const [id, body] of bodies) for (const w of words(body)) counts.set(w, [...(counts.get(w) ?? []), id]);
    const [word, [noteId]] = [...counts].filter(([w, ids]) => ids.length === 1 && !elsewhere.includes(w) && fx.archive.noteById.has(ids[0]!)).sort(([a], [b]) => (a < b ? -1 : 1))[0]!;
    expect(word).toBeTruthy();

    const tab = await fx.browser.context.newPage();
    const t = watchPage(tab);
    await tab.goto(`${fx.server.url}search/`);
    const input = tab.locator('#search input');
    await input.waitFor({ state: 'visible' });
    await input.fill(word);
    const result = tab.locator(`#search a[href*="/notes/${noteId}/"]`).first();
    await result.waitFor({ state: 'visible', timeout: 15_000 });
    console.log(`search: "${word}" found ${noteId}`);
    await result.click();
    await tab.waitForURL((u) => u.pathname === `/notes/${noteId}/`);
    expect(t.all()).toEqual([]);
    await tab.close();
  });
});
