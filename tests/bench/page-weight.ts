/**
 * What a built page makes a browser load, read from the HTML and the bundles in `dist/`: the JS it
 * runs at load (script tags, module preloads, inline scripts, and everything those import
 * statically), the JS it may load later (dynamic imports, islands), its CSS and its chart data, with
 * raw and gzip sizes. Shared by the benchmark and the JS budget test.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { init, parse } from 'es-module-lexer';

export interface Bytes {
  raw: number;
  gzip: number;
}

export interface PageWeight {
  /** The HTML file, relative to dist. */
  page: string;
  html: Bytes;
  css: Bytes & { files: string[] };
  /** JS run when the page loads: external and inline scripts, module preloads, their static imports. */
  initial: Bytes & { files: string[]; inline: number };
  /** JS loaded only later: dynamic imports and island components reachable from the page. */
  lazy: Bytes & { files: string[] };
  /** Dynamic imports whose target is not a string literal (cannot be followed). */
  unresolved: string[];
  /** Script and module-preload URLs that are not files of this site (another host, or missing). */
  foreign: string[];
  /** Chart data shipped in the page (inert JSON scripts), and how many chart payloads. */
  data: Bytes & { blocks: number };
  /** Whether the page has a chart (the <asof-chart> element). */
  hasChart: boolean;
}

export const gz = (b: Uint8Array | string): number => gzipSync(typeof b === 'string' ? Buffer.from(b) : b).length;
const bytesOf = (b: Uint8Array | string): Bytes => ({ raw: typeof b === 'string' ? Buffer.byteLength(b) : b.length, gzip: gz(b) });
const add = (a: Bytes, b: Bytes): Bytes => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip });

const EXECUTABLE = new Set(['', 'module', 'text/javascript', 'application/javascript']);
const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3] ?? '').replace(/&amp;/g, '&') : undefined;
};

/** Every .html file under dist, relative, sorted. */
export function htmlPages(dist: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.html')) out.push(relative(dist, p).split('\\').join('/'));
    }
  };
  walk(dist);
  return out.sort();
}

export class Site {
  readonly dist: string;
  /** The base path the site was built with ("/" or "/archive/"). */
  readonly base: string;
  private ready = init;
  private imports = new Map<string, { static: string[]; dynamic: string[]; unresolved: number }>();

  constructor(dist: string, base = '/') {
    this.dist = dist;
    this.base = base.endsWith('/') ? base : `${base}/`;
  }

  /** The dist file a URL (absolute path, or relative to `from`, a dist-relative file) points to. */
  file(url: string, from: string): string | undefined {
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return undefined; // another host
    const clean = url.replace(/[?#].*$/, '');
    let path: string;
    if (clean.startsWith('/')) {
      if (!clean.startsWith(this.base)) return undefined;
      path = clean.slice(this.base.length);
    } else {
      path = new URL(clean, `file:///${from}`).pathname.slice(1);
    }
    const f = join(this.dist, decodeURIComponent(path));
    return existsSync(f) && statSync(f).isFile() ? relative(this.dist, f).split('\\').join('/') : undefined;
  }

  private read(rel: string): Buffer {
    return readFileSync(join(this.dist, rel));
  }

  /** Static and dynamic imports of one JS module (dist-relative), resolved to dist files. */
  async importsOf(rel: string, source?: string): Promise<{ static: string[]; dynamic: string[]; unresolved: number }> {
    const key = source === undefined ? rel : `${rel}#inline:${source}`;
    const cached = this.imports.get(key);
    if (cached) return cached;
    await this.ready;
    const code = source ?? this.read(rel).toString('utf8');
    const [imports] = parse(code, rel);
    const result = { static: [] as string[], dynamic: [] as string[], unresolved: 0 };
    for (const i of imports) {
      if (i.d === -2) continue; // import.meta
      if (i.n === undefined) {
        result.unresolved++;
        continue;
      }
      const target = this.file(i.n, rel);
      if (!target) continue;
      (i.d === -1 ? result.static : result.dynamic).push(target);
    }
    this.imports.set(key, result);
    return result;
  }

  /** Every module reachable from `entries` by static imports, and the dynamic-import targets met on the way. */
  async closure(entries: string[], inline: Array<{ from: string; source: string }> = []): Promise<{ files: Set<string>; dynamic: Set<string>; unresolved: number }> {
    const files = new Set<string>();
    const dynamic = new Set<string>();
    let unresolved = 0;
    const queue = [...entries];
    for (const s of inline) {
      const r = await this.importsOf(s.from, s.source);
      queue.push(...r.static);
      r.dynamic.forEach((d) => dynamic.add(d));
      unresolved += r.unresolved;
    }
    while (queue.length) {
      const f = queue.pop()!;
      if (files.has(f) || !f.endsWith('.js') && !f.endsWith('.mjs')) continue;
      files.add(f);
      const r = await this.importsOf(f);
      queue.push(...r.static);
      r.dynamic.forEach((d) => dynamic.add(d));
      unresolved += r.unresolved;
    }
    return { files, dynamic, unresolved };
  }

  async page(rel: string): Promise<PageWeight> {
    const html = this.read(rel).toString('utf8');
    const scripts: string[] = [];
    const foreign: string[] = [];
    const inline: Array<{ from: string; source: string }> = [];
    const lazyEntries: string[] = [];
    let data: Bytes = { raw: 0, gzip: 0 };
    let blocks = 0;
    const css: string[] = [];
    let inlineCss: Bytes = { raw: 0, gzip: 0 };

    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
      const tag = m[1]!;
      const type = (attr(tag, 'type') ?? '').toLowerCase();
      const src = attr(tag, 'src');
      if (!EXECUTABLE.has(type)) {
        if (type.includes('json') && m[2]!.trim()) {
          data = add(data, bytesOf(m[2]!));
          blocks++;
        }
        continue;
      }
      if (src !== undefined) {
        const f = this.file(src, rel);
        if (f) scripts.push(f);
        else foreign.push(src);
      } else if (m[2]!.trim()) inline.push({ from: rel, source: m[2]! });
    }
    for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
      const tag = m[0];
      const relAttr = (attr(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
      const href = attr(tag, 'href');
      if (href === undefined) continue;
      const f = this.file(href, rel);
      const isScript = relAttr.includes('modulepreload') || (relAttr.includes('preload') && attr(tag, 'as') === 'script');
      if (!f) {
        if (isScript) foreign.push(href);
        continue;
      }
      if (isScript) scripts.push(f);
      if (relAttr.includes('stylesheet')) css.push(f);
    }
    for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)) inlineCss = add(inlineCss, bytesOf(m[1]!));
    // Astro islands: a component hydrated on load counts at load; on visible/idle/media, later.
    for (const m of html.matchAll(/<astro-island\b[^>]*>/gi)) {
      const client = attr(m[0], 'client');
      for (const url of [attr(m[0], 'component-url'), attr(m[0], 'renderer-url')]) {
        const f = url ? this.file(url, rel) : undefined;
        if (f) (client === 'load' ? scripts : lazyEntries).push(f);
      }
    }

    const initial = await this.closure(scripts, inline);
    const lazy = await this.closure([...initial.dynamic, ...lazyEntries].filter((f) => !initial.files.has(f)));
    for (const f of initial.files) lazy.files.delete(f);
    const sum = (files: Iterable<string>) => [...files].reduce((b, f) => add(b, bytesOf(this.read(f))), { raw: 0, gzip: 0 } as Bytes);
    const inlineJs = inline.reduce((b, s) => add(b, bytesOf(s.source)), { raw: 0, gzip: 0 } as Bytes);
    return {
      page: rel,
      html: bytesOf(html),
      css: { ...add(sum(css), inlineCss), files: css },
      initial: { ...add(sum(initial.files), inlineJs), files: [...initial.files].sort(), inline: inline.length },
      lazy: { ...sum(lazy.files), files: [...lazy.files].sort() },
      foreign,
      unresolved: initial.unresolved + lazy.unresolved ? [`${initial.unresolved + lazy.unresolved} dynamic import(s) with a computed specifier`] : [],
      data: { ...data, blocks },
      hasChart: /<asof-chart\b/i.test(html),
    };
  }

  /** JS files under dist whose text matches `pattern` (to find where a library ended up). */
  jsFilesMatching(pattern: RegExp): string[] {
    const out: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) {
          if (name !== 'pagefind') walk(p);
        } else if (/\.m?js$/.test(name) && pattern.test(readFileSync(p, 'utf8'))) out.push(relative(this.dist, p).split('\\').join('/'));
      }
    };
    walk(this.dist);
    return out.sort();
  }
}

/** A string Chart.js's core throws, which survives minification: marks the chunk holding the library. */
export const CHART_JS_SIGNATURE = /Canvas is already in use/;

/**
 * Traces of date libraries and of Chart.js's date adapters. Property and id strings survive
 * minification, unlike names: moment's `isMoment`, luxon's `isLuxonDateTime`, dayjs's `$isDayjsObject`,
 * date-fns's "Invalid time value" with its `formatDistance`, and the adapters' `_id`.
 */
export const DATE_LIBRARY_SIGNATURES: Array<[string, RegExp]> = [
  ['moment', /\bisMoment\b|Deprecation warning: value provided is not in a recognized RFC2822/],
  ['luxon', /\bisLuxonDateTime\b/],
  ['dayjs', /\$isDayjsObject|dayjs_plugin/],
  ['date-fns', /formatDistance[\s\S]{0,4000}Invalid time value|Invalid time value[\s\S]{0,4000}formatDistance/],
  ['a chart.js date adapter', /_id\s*:\s*["'](?:date-fns|luxon|moment|dayjs)["']/],
];

/**
 * Chart.js/auto registers every controller; a tree-shaken build that draws lines has none of the
 * others. Their ids are strings, so they survive minification.
 */
export const CHART_JS_AUTO_SIGNATURE = /["'`]polarArea["'`][\s\S]*["'`]radar["'`]|["'`]radar["'`][\s\S]*["'`]polarArea["'`]/;
