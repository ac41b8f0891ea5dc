/**
 * Builds shared by every test file of one `vitest run`: the first file that asks for a build makes it,
 * the others (in other workers) wait for it. The run folder comes from the global setup
 * (tests/helpers/global-setup.ts), which deletes it at the end. Builds are made only when a test
 * asks, so running one unrelated test file costs nothing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { astroBuild, assertBuilt, type BuildResult } from './build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    asofRunDir: string;
  }
}

export function runDir(): string {
  const dir = inject('asofRunDir');
  if (!dir) throw new Error('tests/helpers/global-setup.ts did not run: it is listed in vitest.config.ts globalSetup');
  return dir;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** This run's copy of the sample archive (content/, data/), made by the global setup. */
export function sampleRoot(): string {
  return join(runDir(), 'inputs', 'sample');
}

/** This run's copy of the project's code (src/, public/, astro.config.mjs, ...). */
export function codeRoot(): string {
  return join(runDir(), 'inputs', 'code');
}

/** Builds `archiveRoot` once per run under `key`, with this run's copy of the code; every caller gets the same outDir. */
export async function sharedBuild(key: string, archiveRoot: string, options: { base?: string; env?: Record<string, string>; args?: string[] } = {}): Promise<BuildResult> {
  const dir = join(runDir(), 'builds', key);
  const resultFile = join(dir, 'result.json');
  const outDir = join(dir, 'dist');
  let mine = false;
  mkdirSync(join(dir, '..'), { recursive: true });
  try {
    mkdirSync(dir); // atomic: exactly one caller wins
    mine = true;
  } catch (e) {
    // Anything but "exists" (another worker is building, or has built) is a real error.
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  if (mine) {
    let result: BuildResult;
    try {
      result = await astroBuild({ archiveRoot, outDir, source: codeRoot(), ...options });
    } catch (e) {
      result = { code: -1, output: String(e), outDir, ms: 0 };
    }
    writeFileSync(resultFile, JSON.stringify(result));
    return result;
  }
  const deadline = Date.now() + 600_000;
  while (!existsSync(resultFile)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for the shared build "${key}"`);
    await sleep(250);
  }
  return JSON.parse(readFileSync(resultFile, 'utf8')) as BuildResult;
}

/** The repo's own sample archive (content/ and data/), built once per run at base "/" or "/archive/". */
export async function sampleSite(base: '/' | '/archive/' = '/'): Promise<string> {
  const result = await sharedBuild(base === '/' ? 'sample' : 'sample-archive', sampleRoot(), { base });
  return assertBuilt(result).outDir;
}
