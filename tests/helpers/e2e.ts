/**
 * What the browser tests share: the sample site served on loopback, and checks that read the page
 * the way a reader sees it (visible rows, drawn pixels, horizontal overflow).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';
import type { Archive } from '../../src/archive/build-archive.ts';
import { loadArchive } from '../../src/archive/load-archive.ts';
import { site } from '../../src/site.config.ts';
import { launch, skipBrowser, type Browser } from './browser.ts';
import { sampleRoot, sampleSite } from './shared-build.ts';
import { serve, type Served } from './serve.ts';

/** The sample archive, built once per run, served under `base`. */
export async function serveSample(base: '/' | '/archive/' = '/'): Promise<Served> {
  return serve(await sampleSite(base), base);
}

/** `describe` for browser tests; skipped only when ASOF_SKIP_BROWSER=1 asks for it. */
export const browserSuite = skipBrowser ? describe.skip : describe;

export interface BrowserFixture {
  browser: Browser;
  /** The site under test: the sample archive at "/" unless `site` says otherwise. */
  server: Served;
  /** One tab, for tests that walk pages one after another. */
  page: Page;
  /** The sample archive as the build evaluated it, for what the pages should show. */
  archive: Archive;
  /** The sample archive served under another base, closed with the fixture. */
  serveSample: (base: '/' | '/archive/') => Promise<Served>;
}

/**
 * The one browser fixture: in the calling test file, before its tests, serves the site and launches
 * Chromium (installing it when missing, see chromium.ts); after them, closes everything it opened.
 */
export function useBrowser(options: { javaScriptEnabled?: boolean; site?: () => Promise<Served> } = {}): BrowserFixture {
  const opened: Served[] = [];
  let archive: Archive | undefined;
  const fx = {
    serveSample: async (base: '/' | '/archive/') => {
      const s = await serveSample(base);
      opened.push(s);
      return s;
    },
    get archive() {
      return (archive ??= loadArchive({ root: sampleRoot(), defaultAuthor: site.defaultAuthor }));
    },
  } as BrowserFixture;
  beforeAll(async () => {
    if (skipBrowser) return;
    fx.server = options.site ? await options.site() : await serveSample('/');
    opened.push(fx.server);
    fx.browser = await launch({ javaScriptEnabled: options.javaScriptEnabled ?? true });
    fx.page = await fx.browser.context.newPage();
  }, 600_000);
  afterAll(async () => {
    await fx.browser?.close();
    await Promise.all(opened.map((s) => s.close()));
  });
  return fx;
}

export interface CanvasReport {
  width: number;
  height: number;
  /** Pixels with any opacity. */
  painted: number;
  /** Distinct colours among painted pixels (capped). */
  colours: number;
}

/** Reads a canvas's own pixels (same origin, so never tainted). */
export async function canvasPixels(canvas: Locator): Promise<CanvasReport> {
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d');
    if (!ctx || c.width === 0 || c.height === 0) return { width: c.width, height: c.height, painted: 0, colours: 0 };
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    const colours = new Set<number>();
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3]! > 0) {
        painted++;
        if (colours.size < 64) colours.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
      }
    }
    return { width: c.width, height: c.height, painted, colours: colours.size };
  });
}

/**
 * Scrolls each <asof-chart> into view, waits for its canvas and for the canvas to hold a drawing
 * (chart.js may animate), and returns what each one painted.
 */
export async function drawnCharts(page: Page, timeoutMs = 10_000): Promise<{ id: string; report: CanvasReport | null }[]> {
  const charts = page.locator('asof-chart');
  const out: { id: string; report: CanvasReport | null }[] = [];
  for (let i = 0; i < (await charts.count()); i++) {
    const chart = charts.nth(i);
    const id = (await chart.evaluate((el) => el.closest('[id]')?.id ?? '')) || `chart ${i + 1}`;
    await chart.scrollIntoViewIfNeeded();
    const canvas = chart.locator('canvas');
    let report: CanvasReport | null = null;
    try {
      await canvas.waitFor({ state: 'attached', timeout: timeoutMs });
      const deadline = Date.now() + timeoutMs;
      do {
        report = await canvasPixels(canvas.first());
        if (report.painted > 0 && report.colours > 1) {
          // Let an animation settle: take the reading once two in a row agree.
          await page.waitForTimeout(150);
          const again = await canvasPixels(canvas.first());
          if (again.painted === report.painted) break;
          report = again;
        } else await page.waitForTimeout(100);
      } while (Date.now() < deadline);
    } catch {
      report = null;
    }
    out.push({ id, report });
  }
  return out;
}

/** How far the page scrolls sideways beyond the viewport (0 when nothing overflows). */
export async function horizontalOverflow(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const el = document.scrollingElement ?? document.documentElement;
    const overflow = el.scrollWidth - window.innerWidth;
    const culprits: string[] = [];
    if (overflow > 0) {
      for (const node of document.querySelectorAll('body *')) {
        const r = node.getBoundingClientRect();
        if (r.right > window.innerWidth + 1 && r.width > 0) {
          const name = node.tagName.toLowerCase() + (node.id ? `#${node.id}` : '') + (node.className && typeof node.className === 'string' ? `.${node.className.trim().split(/\s+/).join('.')}` : '');
          culprits.push(`${name} (right edge ${Math.round(r.right)}px)`);
          if (culprits.length >= 8) break;
        }
      }
    }
    return { overflow, culprits };
  });
}

/** A table row as read in the browser: its attributes, its text, and the links and dates it holds. */
export type Row = Record<string, string> & { href: string; text: string; firstMet: string; noteDate: string };

/** Rows of a table the reader can see (CSS may hide some). */
export async function visibleRows(page: Page, selector: string): Promise<Row[]> {
  return page.locator(selector).evaluateAll((rows) =>
    rows
      .filter((r) => (r as HTMLElement).checkVisibility())
      .map((r) => {
        const out: Record<string, string> = {};
        for (const a of (r as HTMLElement).attributes) out[a.name] = a.value;
        out.text = (r as HTMLElement).innerText;
        out.href = r.querySelector('td.label a, a[href*="#"]')?.getAttribute('href') ?? '';
        out.firstMet = r.querySelector('td.first time')?.getAttribute('datetime') ?? '';
        out.noteDate = r.querySelector('td.note time')?.getAttribute('datetime') ?? '';
        return out as Row;
      }),
  );
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_VERSION = (JSON.parse(readFileSync(require.resolve('axe-core/package.json'), 'utf8')) as { version: string }).version;

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core on the page as it is. The script is evaluated through the DevTools protocol, which
 * the page's CSP does not govern, so the policy under test stays exactly as shipped.
 */
export async function axe(p: Page): Promise<Violation[]> {
  if (!(await p.evaluate(() => 'axe' in window))) await p.evaluate(AXE_SOURCE);
  return p.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[] }> } };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
}
