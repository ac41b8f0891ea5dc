/**
 * `npm run bench`: asof against plain Astro, side by side.
 *
 *   npm run bench -- [--notes 1000] [--runs 3] [--keep] [--no-features]
 *
 * 1. Generates a synthetic archive of N notes in a temp folder (tests/bench/generate-archive.ts; with
 *    derived series, groups and <Value>s unless --no-features) and the same notes without asof
 *    components as a plain Astro project (tests/bench/plain-site.ts).
 * 2. Builds both, alternating which goes first, `--runs` times each, cold (each build gets an empty
 *    cache folder): wall time, CPU time, pages per second, peak RSS of the build's process tree, and
 *    the render time of each kind of page (from Astro's per-page log lines).
 * 3. Builds the repo's own sample archive once and reports what each kind of page loads.
 * Last line: `notes=<N> features=<on|off> asof_s=<median> plain_s=<median> ratio=<asof/plain>
 * cpu_ratio=<asof/plain, CPU seconds> peak_mb=<max RSS>`.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateArchive, writePlainNotes } from './generate-archive.ts';
import { median, run, type Measured } from './measure.ts';
import { gz, htmlPages, Site, type PageWeight } from './page-weight.ts';
import { writePlainSite } from './plain-site.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function flags(argv: string[]) {
  const out = { notes: 1000, runs: 3, keep: false, features: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1) {
        console.error(`${a} needs a positive whole number`);
        process.exit(2);
      }
      return v;
    };
    if (a === '--notes') out.notes = value();
    else if (a === '--runs') out.runs = value();
    else if (a === '--keep') out.keep = true;
    else if (a === '--no-features') out.features = false;
    else {
      console.error(`unknown argument ${a}; usage: npm run bench -- [--notes 1000] [--runs 3] [--keep] [--no-features]`);
      process.exit(2);
    }
  }
  return out;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const s1 = (n: number) => n.toFixed(1);

function machine(): string {
  const cpu = cpus();
  return [
    `machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown cpu'}), ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM (${(freemem() / 2 ** 30).toFixed(1)} GB free)`,
    `node ${process.version}, astro ${JSON.parse(readFileSync(join(REPO, 'node_modules/astro/package.json'), 'utf8')).version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  ].join('\n');
}

/**
 * Where an Astro build spent its time, read off its log: bundling (every "[vite] built in"), rendering
 * ("generating static routes ... Completed in"), what ran after the pages (search index, sitemap:
 * log clock from the last "[build] Completed" to the end, 1 s resolution), and the rest (starting,
 * config and archive, content sync).
 */
function phases(output: string, total: number): string {
  const lines = output.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  const clock = (line: string | undefined) => {
    const m = line ? /^(\d\d):(\d\d):(\d\d)/.exec(line) : null;
    return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : undefined;
  };
  const took = (line: string | undefined) => {
    const m = line ? /in (?:(\d+)m )?([\d.]+)(ms|s)\b/.exec(line) : null;
    return m ? Number(m[1] ?? 0) * 60 + Number(m[2]) / (m[3] === 'ms' ? 1000 : 1) : undefined;
  };
  // Server bundle, then the client bundle (scripts): both are bundling.
  const builds = lines.filter((l) => /\[vite\] ✓ built in/.test(l)).map(took);
  const bundle = builds.length && builds.every((b) => b !== undefined) ? builds.reduce((a, b) => a! + b!, 0) : undefined;
  const start = lines.findIndex((l) => /generating static routes/.test(l));
  const render = start >= 0 ? took(lines.slice(start).find((l) => /✓ Completed in/.test(l))) : undefined;
  const lastBuild = clock(lines.filter((l) => /\[build\] ✓ Completed in/.test(l)).at(-1));
  const end = clock(lines.filter((l) => clock(l) !== undefined).at(-1));
  const after = lastBuild !== undefined && end !== undefined ? end - lastBuild : undefined;
  const rest = bundle !== undefined && render !== undefined && after !== undefined ? total - bundle - render - after : undefined;
  const f = (x: number | undefined) => (x === undefined ? '?' : x.toFixed(1));
  return `bundle ${f(bundle)} s, render ${f(render)} s, after pages ${f(after)} s, rest ${f(rest)} s`;
}

/**
 * Render time by kind of page, summed from Astro's page lines ("├─ /notes/x/index.html (+12ms)") by
 * the path's first folder, largest first: which pages the render phase goes to.
 */
function routeTimes(output: string): Array<{ route: string; pages: number; ms: number }> {
  const byRoute = new Map<string, { pages: number; ms: number }>();
  for (const line of output.replace(/\x1b\[[0-9;]*m/g, '').split('\n')) {
    const m = /[├└]─ \/?(\S+?)\s+\(\+(\d+(?:\.\d+)?)(ms|s)\)/.exec(line);
    if (!m) continue;
    const route = m[1]!.includes('/') ? `${m[1]!.split('/')[0]}/` : m[1]!;
    const t = byRoute.get(route) ?? { pages: 0, ms: 0 };
    t.pages++;
    t.ms += Number(m[2]) * (m[3] === 's' ? 1000 : 1);
    byRoute.set(route, t);
  }
  return [...byRoute].map(([r, t]) => ({ route: r, ...t })).sort((a, b) => b.ms - a.ms);
}

function routeLine(output: string): string {
  const routes = routeTimes(output);
  if (!routes.length) return 'render by route: n/a';
  return `render by route: ${routes
    .slice(0, 6)
    .map((r) => `${r.route} ${(r.ms / 1000).toFixed(1)} s/${r.pages} p`)
    .join(', ')}`;
}

interface Build {
  kind: 'asof' | 'plain';
  run: number;
  m: Measured;
  pages: number;
}

function failed(what: string, m: Measured): never {
  console.error(`\n${what} failed (exit ${m.code}); last lines of its output:\n${m.output.split('\n').slice(-40).join('\n')}`);
  process.exit(1);
}

/**
 * The asof project, copied: the repo's src/, public/, package.json, tsconfig and astro.config.mjs with
 * node_modules linked, built from its own root. Astro keeps build state under `<root>/.astro/`, so
 * building in the repo itself would race with anyone else building there; the copy also pins the code
 * for every run of the benchmark. The config is the project's own, re-exported with a private cacheDir.
 */
function asofProject(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const f of ['src', 'public', 'package.json', 'tsconfig.json', 'astro.config.mjs']) {
    if (existsSync(join(REPO, f))) cpSync(join(REPO, f), join(dir, f), { recursive: true });
  }
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'astro.bench.config.mjs'), "import config from './astro.config.mjs';\nexport default { ...config, cacheDir: process.env.BENCH_CACHE_DIR };\n");
}

/** One cold build: empty output and cache folders first. Both sites build with `npx astro build` in their own root. */
async function build(kind: 'asof' | 'plain', tmp: string, archiveRoot: string, outDir: string): Promise<Measured> {
  const cache = join(tmp, `cache-${kind}`);
  rmSync(outDir, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, ASOF_ROOT: archiveRoot, BENCH_CACHE_DIR: cache, ASTRO_TELEMETRY_DISABLED: '1' };
  for (const k of ['ASOF_BASE', 'ASOF_SITE', 'ASOF_DRAFTS']) delete env[k];
  const root = join(tmp, kind);
  const config = kind === 'asof' ? ['--config', 'astro.bench.config.mjs'] : [];
  if (kind === 'plain') return run('npx', ['astro', 'build', '--root', root, '--outDir', outDir], { cwd: root, env });
  // asof's `npm run build`: astro build, then the search index in its own process (measured together).
  const q = (a: string) => `'${a.replace(/'/g, "'\\''")}'`;
  return run('sh', ['-c', `npx astro build --root ${q(root)} ${config.join(' ')} --outDir ${q(outDir)} && npx node src/search/index-site.ts ${q(outDir)}`], { cwd: root, env });
}

function dirBytes(dir: string, filter: (name: string) => boolean = () => true): number {
  let total = 0;
  if (!existsSync(dir)) return 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) total += dirBytes(p, filter);
    else if (filter(name)) total += st.size;
  }
  return total;
}

/** Observation rows (data lines of every series CSV) and bytes of data/. */
function dataStats(root: string): { rows: number; bytes: number; csvBytes: number; snapshotBytes: number } {
  const series = join(root, 'data', 'series');
  let rows = 0;
  if (existsSync(series)) {
    for (const name of readdirSync(series)) {
      if (!name.endsWith('.csv')) continue;
      const text = readFileSync(join(series, name), 'utf8');
      rows += Math.max(0, text.split('\n').filter(Boolean).length - 1);
    }
  }
  return {
    rows,
    bytes: dirBytes(join(root, 'data')),
    csvBytes: dirBytes(series, (n) => n.endsWith('.csv')),
    snapshotBytes: dirBytes(join(root, 'data', 'snapshots')),
  };
}

function weightLine(label: string, w: PageWeight | undefined): string {
  if (!w) return `  ${label.padEnd(22)} (no such page in this build)`;
  const lazy = w.lazy.files.length ? `, +${kb(w.lazy.gzip)} gzip on view (${w.lazy.files.length} files)` : '';
  return `  ${label.padEnd(22)} JS ${kb(w.initial.gzip)} gzip at load (${w.initial.files.length} files, ${w.initial.inline} inline)${lazy}   [${w.page}]`;
}

const total = (w: PageWeight) => ({
  raw: w.html.raw + w.css.raw + w.initial.raw + w.lazy.raw,
  gzip: w.html.gzip + w.css.gzip + w.initial.gzip + w.lazy.gzip,
});

/** What each kind of page loads, in a built site. */
async function pageReport(dist: string): Promise<{ lines: string[]; weights: Map<string, PageWeight | undefined> }> {
  const site = new Site(dist, '/');
  const pages = htmlPages(dist);
  const notes = await Promise.all(pages.filter((p) => /^notes\/[^/]+\/index\.html$/.test(p)).map((p) => site.page(p)));
  const series = pages.find((p) => /^series\/[^/]+\/index\.html$/.test(p));
  const maybe = async (p: string | undefined) => (p && pages.includes(p) ? site.page(p) : undefined);
  const weights = new Map<string, PageWeight | undefined>([
    ['index', await maybe('index.html')],
    ['note without charts', notes.find((n) => !n.hasChart)],
    ['note with charts', [...notes].filter((n) => n.hasChart).sort((a, b) => b.data.blocks - a.data.blocks)[0]],
    ['dashboard', await maybe('watch/index.html')],
    ['series page', await maybe(series)],
    ['search', await maybe('search/index.html')],
  ]);
  const lines = [...weights].map(([k, w]) => weightLine(k, w));
  // The search page's script adds pagefind's UI as a <script> element at run time, out of sight of
  // the import graph: count it here (pagefind then fetches its WebAssembly and index on each query).
  const search = weights.get('search');
  const ui = join(dist, 'pagefind', 'pagefind-ui.js');
  if (search && existsSync(ui) && search.initial.files.some((f) => readFileSync(join(dist, f), 'utf8').includes('pagefind-ui.js'))) {
    lines.push(`  ${''.padEnd(22)} + pagefind-ui.js ${kb(gz(readFileSync(ui)))} gzip, added by the search script at run time`);
  }
  const largest = [...notes].sort((a, b) => total(b).gzip - total(a).gzip)[0];
  if (largest) {
    const t = total(largest);
    lines.push(
      `  largest note page: ${largest.page}: ${kb(t.raw)} (${kb(t.gzip)} gzip) = HTML ${kb(largest.html.gzip)} (of which chart data ${kb(largest.data.gzip)} in ${largest.data.blocks} blocks) + CSS ${kb(largest.css.gzip)} + JS ${kb(largest.initial.gzip + largest.lazy.gzip)}, gzip`,
    );
  }
  return { lines, weights };
}

/** The chart payloads of a page: points per chart and gzip bytes of each. */
function chartPayloads(dist: string, page: string): Array<{ points: number; gzip: number; raw: number; span: number }> {
  const html = readFileSync(join(dist, page), 'utf8');
  const out: Array<{ points: number; gzip: number; raw: number; span: number }> = [];
  for (const m of html.matchAll(/<script\b[^>]*type="application\/json"[^>]*>([\s\S]*?)<\/script>/gi)) {
    try {
      const data = JSON.parse(m[1]!) as { current?: { x: unknown[] }; revised?: { x: unknown[] }; span?: number };
      if (!data.current) continue;
      out.push({ points: data.current.x.length + (data.revised?.x.length ?? 0), gzip: gz(m[1]!), raw: Buffer.byteLength(m[1]!), span: data.span ?? 0 });
    } catch {
      // Not chart data.
    }
  }
  return out;
}

async function main() {
  const opts = flags(process.argv.slice(2));
  const tmp = mkdtempSync(join(tmpdir(), 'asof-bench-'));
  console.log(machine());
  console.log(`temp folder: ${tmp}${opts.keep ? ' (kept)' : ''}`);

  const t0 = performance.now();
  const archiveRoot = join(tmp, 'archive');
  const gen = generateArchive(archiveRoot, { notes: opts.notes, features: opts.features });
  writePlainSite(join(tmp, 'plain'), REPO, (dir) => writePlainNotes(gen.notes, dir));
  asofProject(join(tmp, 'asof'));
  const ds = dataStats(archiveRoot);
  console.log(
    `generated ${gen.notes.length} notes (${gen.features ? 'with' : 'without'} the newer features), ${gen.series} series (${gen.derived} derived), ${gen.rows} rows (${mb(ds.csvBytes)} CSV), ${gen.snapshots} snapshots (${mb(ds.snapshotBytes)}) in ${s1((performance.now() - t0) / 1000)} s`,
  );

  const builds: Build[] = [];
  const dists = { asof: join(tmp, 'dist-asof'), plain: join(tmp, 'dist-plain') };
  for (let r = 1; r <= opts.runs; r++) {
    for (const kind of r % 2 ? (['asof', 'plain'] as const) : (['plain', 'asof'] as const)) {
      const m = await build(kind, tmp, archiveRoot, dists[kind]);
      if (m.code !== 0) failed(`${kind} build`, m);
      const pages = htmlPages(dists[kind]).length;
      builds.push({ kind, run: r, m, pages });
      console.log(
        `${kind.padEnd(5)} run ${r}/${opts.runs}: ${s1(m.seconds).padStart(6)} s  ${String(pages).padStart(6)} pages  ${s1(pages / m.seconds).padStart(6)} pages/s  cpu ${m.cpuSeconds === null ? 'n/a' : `${s1(m.cpuSeconds)} s`}  peak ${m.peakMb === null ? 'n/a' : `${m.peakMb.toFixed(0)} MB`}  (load ${loadavg()[0]!.toFixed(2)})`,
      );
      // Node names its main thread "MainThread"; pagefind's binary is "pagefind_extended".
      const procs = [...m.peakByName].filter(([, mbs]) => mbs >= 50).sort((a, b) => b[1] - a[1]);
      const label = (n: string) => (n === 'MainThread' ? 'node' : n.startsWith('pagefind') ? 'pagefind' : n);
      console.log(`      ${phases(m.output, m.seconds)}; peak by process: ${procs.map(([n, mbs]) => `${label(n)} ${mbs.toFixed(0)} MB`).join(', ') || 'n/a'}`);
      console.log(`      ${routeLine(m.output)}`);
    }
  }
  const times = (k: 'asof' | 'plain') => builds.filter((b) => b.kind === k).map((b) => b.m.seconds);
  const asof = median(times('asof'));
  const plain = median(times('plain'));
  const peaks = builds.map((b) => b.m.peakMb).filter((p): p is number => p !== null);
  const peak = peaks.length ? Math.max(...peaks) : NaN;
  console.log(`median: asof ${s1(asof)} s, plain ${s1(plain)} s, ratio ${(asof / plain).toFixed(2)}`);
  const cpus = (k: 'asof' | 'plain') => builds.filter((b) => b.kind === k).map((b) => b.m.cpuSeconds);
  const cpu = (k: 'asof' | 'plain') => (cpus(k).every((c): c is number => c !== null) ? median(cpus(k) as number[]) : NaN);
  const cpuRatio = (cpu('asof') / cpu('plain')).toFixed(2);
  console.log(`median CPU: asof ${s1(cpu('asof'))} s, plain ${s1(cpu('plain'))} s, ratio ${cpuRatio}`);

  // What the dashboard's views weigh: pages and HTML bytes under watch/, against every page's.
  const watchPages = htmlPages(dists.asof).filter((p) => p.startsWith('watch/'));
  const htmlBytes = (dir: string) => dirBytes(dir, (n) => n.endsWith('.html'));
  console.log(`dashboard: ${watchPages.length} pages, ${mb(htmlBytes(join(dists.asof, 'watch')))} of ${mb(htmlBytes(dists.asof))} HTML; notes ${mb(htmlBytes(join(dists.asof, 'notes')))} (plain notes ${mb(htmlBytes(join(dists.plain, 'notes')))})`);

  // Chart payloads on the newest note of the synthetic archive: its first chart spans the whole decade.
  const newest = gen.notes.at(-1)!;
  const charts = chartPayloads(dists.asof, `notes/${newest.id}/index.html`);
  for (const [i, c] of charts.entries()) {
    console.log(`chart ${i + 1} of ${newest.id}: ${c.span + 1} days shown, ${c.points} points (${(c.points / 800).toFixed(2)} per px at 800 px), data ${kb(c.raw)} (${kb(c.gzip)} gzip)`);
  }
  const benchPages = await pageReport(dists.asof);
  console.log('synthetic archive, what pages load:');
  for (const l of benchPages.lines) console.log(l);

  // The repo's own sample archive, built once, not timed against anything.
  const sampleDist = join(tmp, 'dist-sample');
  const sample = await build('asof', tmp, REPO, sampleDist);
  if (sample.code !== 0) {
    console.log(`sample archive build failed (exit ${sample.code}): ${sample.output.split('\n').slice(-5).join(' | ')}`);
  } else {
    console.log(`sample archive (${htmlPages(sampleDist).length} pages, built in ${s1(sample.seconds)} s), what pages load:`);
    for (const l of (await pageReport(sampleDist)).lines) console.log(l);
  }
  const sd = dataStats(REPO);
  console.log(
    `data/ bytes per observation row: sample ${(sd.bytes / sd.rows).toFixed(1)} (${sd.rows} rows; CSV alone ${(sd.csvBytes / sd.rows).toFixed(1)}), synthetic ${(ds.bytes / ds.rows).toFixed(1)} (CSV alone ${(ds.csvBytes / ds.rows).toFixed(1)}, snapshots ${mb(ds.snapshotBytes)})`,
  );

  if (!opts.keep) rmSync(tmp, { recursive: true, force: true });
  console.log(`notes=${opts.notes} features=${opts.features ? 'on' : 'off'} asof_s=${asof.toFixed(1)} plain_s=${plain.toFixed(1)} ratio=${(asof / plain).toFixed(2)} cpu_ratio=${cpuRatio} peak_mb=${Number.isFinite(peak) ? peak.toFixed(0) : 'na'}`);
}

await main();
