/**
 * A Content-Security-Policy is in force on every page: one <meta http-equiv> at the top of <head>,
 * scripts only from the site itself or by hash (never 'unsafe-inline' or 'unsafe-eval'), and every
 * inline script and style the page carries is covered by a hash, so nothing is silently blocked.
 * The browser tests load every page under this policy and fail on any violation it reports.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { sampleSite } from '../helpers/shared-build.ts';
import { attr, elements, htmlPages, listFiles, parseHtml, textOf, type Element, type Page } from '../helpers/site.ts';

let dist: string;
let pages: Page[];
beforeAll(async () => {
  dist = await sampleSite('/');
  pages = htmlPages(dist);
}, 300_000);

function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values);
  }
  return map;
}

const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const isExecutable = (el: Element) => {
  const type = (attr(el, 'type') ?? '').toLowerCase();
  return type === '' || type === 'module' || type.includes('javascript');
};

test('every page carries a CSP meta, first in <head>, that allows no inline or eval script', () => {
  const problems: string[] = [];
  let inlineScripts = 0;
  let inlineStyles = 0;
  for (const page of pages) {
    const doc = parseHtml(readFileSync(join(dist, page.file), 'utf8'));
    const all = [...elements(doc)];
    const metas = all.filter((e) => e.tagName === 'meta' && attr(e, 'http-equiv')?.toLowerCase() === 'content-security-policy');
    if (metas.length !== 1) {
      problems.push(`${page.file}: ${metas.length} CSP <meta> elements`);
      continue;
    }
    const meta = metas[0]!;
    if ((meta.parentNode as Element | null)?.tagName !== 'head') problems.push(`${page.file}: the CSP <meta> is not in <head>`);
    // A policy only covers what comes after it.
    const firstLoad = all.findIndex((e) => e.tagName === 'script' || e.tagName === 'style' || (e.tagName === 'link' && /stylesheet|preload|modulepreload/.test(attr(e, 'rel') ?? '')));
    if (firstLoad >= 0 && firstLoad < all.indexOf(meta)) problems.push(`${page.file}: a script or style comes before the CSP <meta>`);

    const csp = directives(attr(meta, 'content') ?? '');
    const script = csp.get('script-src') ?? csp.get('default-src');
    const style = csp.get('style-src') ?? csp.get('default-src');
    if (!script) problems.push(`${page.file}: no script-src or default-src`);
    else {
      for (const bad of ["'unsafe-inline'", "'unsafe-eval'", '*', 'http:', 'https:', 'data:']) {
        if (script.includes(bad)) problems.push(`${page.file}: script-src allows ${bad}`);
      }
    }
    if (!csp.has('object-src') || !csp.get('object-src')!.includes("'none'")) problems.push(`${page.file}: object-src is not 'none'`);
    if (!csp.has('base-uri')) problems.push(`${page.file}: no base-uri`);

    for (const el of all) {
      if (el.tagName === 'script' && attr(el, 'src') === undefined && isExecutable(el)) {
        inlineScripts++;
        if (!script?.includes(hashOf(textOf(el)))) problems.push(`${page.file}: an inline script is not covered by a hash in script-src`);
      }
      if (el.tagName === 'style') {
        inlineStyles++;
        if (!style?.includes("'unsafe-inline'") && !style?.includes(hashOf(textOf(el)))) problems.push(`${page.file}: an inline <style> is not covered by a hash in style-src`);
      }
      for (const a of el.attrs) {
        if (/^on[a-z]+$/.test(a.name)) problems.push(`${page.file}: <${el.tagName} ${a.name}> is an inline handler the policy blocks`);
        if (a.name === 'style' && !style?.includes("'unsafe-inline'")) problems.push(`${page.file}: <${el.tagName} style="${a.value.slice(0, 40)}"> is an inline style the policy blocks`);
      }
    }
  }
  console.log(`CSP: ${pages.length} pages, ${inlineScripts} inline scripts and ${inlineStyles} inline styles matched to hashes`);
  expect(problems).toEqual([]);
});

test('no page loads anything from another host (no web fonts, scripts or styles from CDNs)', () => {
  const problems: string[] = [];
  for (const page of pages) {
    const doc = parseHtml(readFileSync(join(dist, page.file), 'utf8'));
    for (const el of elements(doc)) {
      const isResource = el.tagName === 'script' || el.tagName === 'img' || el.tagName === 'iframe' || (el.tagName === 'link' && !/^(alternate|canonical|author|license|me)$/.test(attr(el, 'rel') ?? ''));
      const url = attr(el, 'src') ?? (el.tagName === 'link' ? attr(el, 'href') : undefined);
      if (isResource && url && /^(https?:)?\/\//.test(url)) problems.push(`${page.file}: <${el.tagName}> loads ${url}`);
    }
  }
  // Stylesheets may not pull fonts or images from elsewhere either.
  const sheets = listFiles(dist).filter((f) => f.endsWith('.css'));
  for (const f of sheets) {
    for (const m of readFileSync(join(dist, f), 'utf8').matchAll(/(?:url\(\s*["']?|@import\s+["'])((?:https?:)?\/\/[^"')\s]+)/g)) problems.push(`${f}: loads ${m[1]}`);
  }
  expect(sheets.length).toBeGreaterThan(0);
  expect(problems).toEqual([]);
});
