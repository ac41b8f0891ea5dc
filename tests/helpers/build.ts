/**
 * Runs the real `astro build` of this project on any archive folder, in isolation.
 *
 * Each build gets its own scratch project root (a copy of src/, public/ and the project's own
 * astro.config.mjs, re-exported with a private cacheDir; node_modules linked), because Astro writes
 * the content layer's state to `<root>/.astro/` and `<cacheDir>/data-store.json`: two builds of
 * different archives sharing one root can read each other's notes. Nothing else about the build changes.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');

export interface BuildOptions {
  /** The archive folder holding content/notes and data/. */
  archiveRoot: string;
  /** Where the site goes; created by the build. */
  outDir: string;
  /** ASOF_BASE, e.g. "/archive/". Default "/". */
  base?: string;
  /** Where the project's code is copied from (src/, public/, astro.config.mjs, ...). Default: the repo. */
  source?: string;
  env?: Record<string, string>;
  /** More `astro build` arguments, e.g. ['--base', '/x/']. */
  args?: string[];
  timeoutMs?: number;
}

export interface BuildResult {
  /** Exit code; null when killed by the timeout. */
  code: number | null;
  /** stdout and stderr, interleaved as they arrived. */
  output: string;
  outDir: string;
  ms: number;
}

/**
 * A scratch project root that builds with a copy of this repo's code but keeps Astro's state to
 * itself. src/ and public/ are copied, not linked: Astro keys compiled components by path, and a
 * symlinked src/ gives one file two names (the build then fails on component styles).
 */
export const PROJECT_FILES = ['src', 'public', 'package.json', 'tsconfig.json', 'astro.config.mjs'];

function scratchProject(source = REPO): string {
  const dir = mkdtempSync(join(tmpdir(), 'asof-proj-'));
  for (const f of PROJECT_FILES) cpSync(join(source, f), join(dir, f), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(
    join(dir, 'astro.test.config.mjs'),
    "import config from './astro.config.mjs';\nexport default { ...config, cacheDir: './.cache/' };\n",
  );
  return dir;
}

/** Variables of the caller that would change what gets built; every build starts without them. */
// Vitest also sets Vite's own BASE_URL, MODE, DEV, PROD, SSR (and NODE_ENV=test) in process.env; a child
// build would take BASE_URL=/ from there and drop the base from every href().
const BUILD_ENV = ['ASOF_ROOT', 'ASOF_BASE', 'ASOF_SITE', 'BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV'];

export async function astroBuild(options: BuildOptions): Promise<BuildResult> {
  const project = scratchProject(options.source);
  mkdirSync(join(options.outDir, '..'), { recursive: true });
  const env: Record<string, string | undefined> = { ...process.env };
  for (const k of BUILD_ENV) delete env[k];
  Object.assign(env, { ASOF_ROOT: options.archiveRoot, ...(options.base ? { ASOF_BASE: options.base } : {}), ...options.env });
  // Colours would make the messages harder to match.
  env.NO_COLOR = '1';
  env.FORCE_COLOR = '0';
  const started = performance.now();
  try {
    return await new Promise<BuildResult>((resolve, reject) => {
      const child = spawn('npx', ['astro', 'build', '--root', project, '--config', 'astro.test.config.mjs', '--outDir', options.outDir, ...(options.args ?? [])], {
        // Astro stages prerendered chunks in <cwd>/.astro/.prerender when outDir is outside cwd: run in
        // the scratch project, or parallel builds overwrite each other's chunks in the repo's .astro/.
        cwd: project,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, output, outDir: options.outDir, ms: Math.round(performance.now() - started) });
      });
    }).then((built) => (built.code === 0 ? indexForSearch(project, built, env) : built));
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

/** What `npm run build` does after `astro build`: the pagefind index, in its own process. */
function indexForSearch(project: string, built: BuildResult, env: Record<string, string | undefined>): Promise<BuildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['node', 'src/search/index-site.ts', built.outDir], { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = built.output;
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ...built, code, output, ms: built.ms }));
  });
}

/** Throws with the build's output when it failed. */
export function assertBuilt(result: BuildResult): BuildResult {
  if (result.code !== 0) {
    throw new Error(`astro build failed (exit ${result.code}) for ${result.outDir}:\n${result.output.slice(-6000)}`);
  }
  return result;
}
