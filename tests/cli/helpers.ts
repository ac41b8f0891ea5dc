/**
 * Running the CLI as a user would: a fixture archive copied to a temp folder, the command spawned
 * with this Node (process.execPath), and a hash of every file under a folder to prove that a failed
 * command changed nothing.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../..');
export const FIXTURES = join(REPO, 'tests/fixtures/cli');
export const INPUTS = join(FIXTURES, 'inputs');
export const DATA_CLI = join(REPO, 'src/cli/data.ts');
export const NEW_CLI = join(REPO, 'src/cli/new.ts');
/** The day the fixture archives are "today" in: after their newest snapshot (2026-05-20). */
export const TODAY = '2026-05-22';

const temps: string[] = [];

/** A fresh copy of tests/fixtures/cli/archives/<name>. */
export function copyArchive(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `asof-cli-${name}-`));
  temps.push(dir);
  cpSync(join(FIXTURES, 'archives', name), dir, { recursive: true });
  return dir;
}

export function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `asof-${label}-`));
  temps.push(dir);
  return dir;
}

export function removeTemps(): void {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** path -> sha256 of every file under `dir` (relative paths, sorted). */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node <script> ...args` in `cwd`; async, so an in-process replay server can answer it. */
export function run(script: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolvePromise) => {
    const childEnv: Record<string, string | undefined> = { ...process.env, ASOF_TODAY: TODAY, ASOF_ROOT: cwd, FRED_API_KEY: '', ...env };
    for (const k of Object.keys(childEnv)) if ((k.startsWith('ASOF_FEED_') || k === 'INIT_CWD') && !(k in env)) delete childEnv[k];
    execFile(process.execPath, [script, ...args], { cwd, env: childEnv, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolvePromise({ code, stdout, stderr });
    });
  });
}

export const data = (cwd: string, args: string[], env?: Record<string, string>) => run(DATA_CLI, args, cwd, env);
export const newNote = (cwd: string, args: string[], env?: Record<string, string>) => run(NEW_CLI, args, cwd, env);

export function read(dir: string, path: string): string {
  return readFileSync(join(dir, path), 'utf8');
}

/** A deterministic byte stream (xorshift), for garbage files that are the same on every run. */
export function garbage(bytes: number, seed: number, printable = false): Buffer {
  const out = Buffer.alloc(bytes);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < bytes; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = printable ? 32 + (x % 95) : x & 0xff;
  }
  return out;
}
