/**
 * The JavaScript budgets, on the built sample archive (not timed): pages without a chart run no
 * JavaScript at all (the search page may load pagefind); a page with charts loads at most 50 KB gzip of
 * JavaScript in total, and the chart library only by dynamic import, i.e. when a chart comes into
 * view; no chart.js/auto and no date library anywhere in the bundles.
 *
 * Builds the sample once per test run (shared with the other site tests), or reads ASOF_DIST, a
 * `dist/` built already (`ASOF_DIST=/tmp/x npx vitest run tests/budgets`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHART_JS_AUTO_SIGNATURE, CHART_JS_SIGNATURE, DATE_LIBRARY_SIGNATURES, htmlPages, Site, type PageWeight } from '../bench/page-weight.ts';
import { REPO } from '../helpers/build.ts';
import { sampleSite } from '../helpers/shared-build.ts';

/** 50 KB, counted as KiB: gzip bytes of every script a chart page can load. */
const CHART_PAGE_BUDGET = 50 * 1024;
const SEARCH_PAGE = 'search/index.html';

let dist: string;
let site: Site;
let pages: PageWeight[];

beforeAll(async () => {
  dist = process.env.ASOF_DIST ? resolve(process.env.ASOF_DIST) : await sampleSite();
  site = new Site(dist, '/');
  pages = await Promise.all(htmlPages(dist).map((p) => site.page(p)));
}, 600_000);

const js = (w: PageWeight) => [...w.initial.files, ...w.lazy.files];
const isNote = (w: PageWeight) => /^notes\/[^/]+\/index\.html$/.test(w.page);

describe('JavaScript budgets of the built sample archive', () => {
  it('has pages with charts and note pages without (so the budgets below are not vacuous)', () => {
    expect(pages.filter((w) => isNote(w) && w.hasChart).length).toBeGreaterThan(0);
    expect(pages.filter((w) => isNote(w) && !w.hasChart).length).toBeGreaterThan(0);
    expect(pages.map((w) => w.page)).toContain('index.html');
  });

  it('pages without a chart load 0 bytes of JavaScript: no script, no module preload, no inline script', () => {
    const offenders = pages
      .filter((w) => !w.hasChart && w.page !== SEARCH_PAGE)
      .filter((w) => w.initial.files.length || w.initial.inline || w.lazy.files.length || w.foreign.length)
      .map((w) => `${w.page}: ${[...js(w), ...w.foreign].join(', ') || ''}${w.initial.inline ? ` + ${w.initial.inline} inline script(s)` : ''}`);
    expect(offenders).toEqual([]);
  });

  it('the search page loads nothing from other hosts and no chart code', () => {
    const search = pages.find((w) => w.page === SEARCH_PAGE);
    if (!search) return; // no search page in this build: nothing to hold to a budget
    expect(search.foreign).toEqual([]);
    const chartFiles = new Set(site.jsFilesMatching(CHART_JS_SIGNATURE));
    expect(js(search).filter((f) => chartFiles.has(f))).toEqual([]);
  });

  it(`a page with charts loads at most ${CHART_PAGE_BUDGET / 1024} KB gzip of JavaScript, the chart library included`, () => {
    const charted = pages.filter((w) => w.hasChart);
    const over = charted
      .filter((w) => w.initial.gzip + w.lazy.gzip > CHART_PAGE_BUDGET)
      .map((w) => `${w.page}: ${((w.initial.gzip + w.lazy.gzip) / 1024).toFixed(1)} KB gzip (${w.initial.files.length + w.lazy.files.length} files: ${js(w).join(', ')})`);
    expect(over).toEqual([]);
    for (const w of charted) {
      expect(w.foreign, w.page).toEqual([]);
      expect(w.unresolved, w.page).toEqual([]);
    }
  });

  it('the chart library is reached only through a dynamic import, never at page load', () => {
    const chartFiles = site.jsFilesMatching(CHART_JS_SIGNATURE);
    expect(chartFiles.length, 'no bundle holds Chart.js: did the signature change?').toBeGreaterThan(0);
    for (const w of pages.filter((p) => p.hasChart)) {
      expect(w.initial.files.filter((f) => chartFiles.includes(f)), `${w.page} loads Chart.js at page load`).toEqual([]);
      expect(w.lazy.files.filter((f) => chartFiles.includes(f)).length, `${w.page} cannot reach Chart.js when a chart comes into view`).toBeGreaterThan(0);
    }
  });

  it('no chart.js/auto and no date library in the bundles or the sources', () => {
    const bundles = site.jsFilesMatching(/[\s\S]/);
    expect(bundles.length).toBeGreaterThan(0);
    for (const f of bundles) {
      const text = readFileSync(join(dist, f), 'utf8');
      expect(CHART_JS_AUTO_SIGNATURE.test(text), `${f} registers every Chart.js controller (chart.js/auto)`).toBe(false);
      for (const [name, sig] of DATE_LIBRARY_SIGNATURES) expect(sig.test(text), `${f} holds ${name}`).toBe(false);
    }
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|js|mjs|astro|tsx|jsx)$/.test(name)) sources.push(p);
      }
    };
    walk(join(REPO, 'src'));
    const importsAuto = sources.filter((p) => /['"]chart\.js\/auto['"]/.test(readFileSync(p, 'utf8')));
    expect(importsAuto).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
    expect(deps.filter((d) => /^(moment|luxon|dayjs|date-fns|chartjs-adapter-.*)$/.test(d))).toEqual([]);
    expect(existsSync(join(dist, 'index.html'))).toBe(true);
  });
});
