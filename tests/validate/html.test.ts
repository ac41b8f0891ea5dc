/**
 * Every HTML page of the built sample archive passes html-validate (an outside validator) with its
 * recommended and document rule sets. Rules switched off below are listed with the reason; nothing else is.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { beforeAll, describe, expect, test } from 'vitest';
import { sampleSite } from '../helpers/shared-build.ts';
import { htmlPages, type Page } from '../helpers/site.ts';

export const HTML_VALIDATE_CONFIG: ConfigData = {
  extends: ['html-validate:recommended', 'html-validate:document'],
  rules: {
    // Watch ids are slugs of their labels (issue 3), so "30-year-yield-above-5" is a real id. HTML
    // allows any id without spaces; the strict mode only adds a letters-first style preference.
    'valid-id': ['error', { relaxed: true }],
    // A note's <title> is its authored headline plus the publisher; 70 characters is a search-engine
    // heuristic, not a validity rule.
    'long-title': 'off',
    // Every script and stylesheet comes from the site itself (the CSP allows no other host); SRI guards
    // resources on other hosts, so require it exactly there.
    'require-sri': ['error', { target: 'crossorigin' }],
  },
};

for (const base of ['/', '/archive/'] as const) {
  describe(`html-validate over the whole site built under ${base}`, () => {
    let dist: string;
    let pages: Page[];
    beforeAll(async () => {
      dist = await sampleSite(base);
      pages = htmlPages(dist);
    }, 300_000);

    test('the site has pages to validate', () => {
      // Home, 404, search, the dashboard, and at least one note, series and tag page.
      expect(pages.length).toBeGreaterThanOrEqual(6);
    });

    test('every page is valid HTML', async () => {
      const validator = new HtmlValidate(HTML_VALIDATE_CONFIG);
      const failures: string[] = [];
      for (const page of pages) {
        const report = await validator.validateString(readFileSync(join(dist, page.file), 'utf8'), page.file);
        for (const r of report.results) {
          for (const m of r.messages) failures.push(`${page.file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
        }
      }
      console.log(`html-validate (base ${base}): ${pages.length} pages checked, ${failures.length} problems`);
      expect(failures).toEqual([]);
    });
  });
}

test('the configured validator does reject broken markup', async () => {
  const report = await new HtmlValidate(HTML_VALIDATE_CONFIG).validateString(
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>x</title></head><body><main><p>open <b>bold</p><img src="a.png"></main></body></html>',
    'broken.html',
  );
  expect(report.valid).toBe(false);
  const rules = report.results.flatMap((r) => r.messages.map((m) => m.ruleId));
  expect(rules).toContain('wcag/h37');
});
