/**
 * The browser tests drive Debian's Chromium. On a machine without it, the first browser test of a
 * run installs it (`apt-get install chromium`, as root), so the README's `npm test` works on a fresh
 * Debian machine; when that is impossible the tests fail with what to do, never skip quietly.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export interface Ran {
  code: number | null;
  output: string;
}

export type Runner = (command: string, args: string[]) => Promise<Ran>;

/** Runs a command without a terminal, collecting stdout and stderr. */
export const runCommand: Runner = (command, args) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (e) => resolve({ code: null, output: output + String(e) }));
    child.on('close', (code) => resolve({ code, output }));
  });

export interface EnsureOptions {
  /** Where the browser must be. */
  path: string;
  /** Whether this machine may install it: root, apt-get present, and `path` is Debian's own. */
  canInstall: boolean;
  run?: Runner;
}

/** True on a Debian-like machine where this process may install packages. */
export function mayInstallWithApt(path: string): boolean {
  return path === DEFAULT_CHROMIUM && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
}

const HOW = 'Install it with `apt-get install -y chromium` (as root), or point ASOF_CHROMIUM at a Chromium binary.';

/** Makes sure Chromium is at `path`, installing Debian's package when allowed; throws what to do otherwise. */
export async function ensureChromium(options: EnsureOptions): Promise<void> {
  if (existsSync(options.path)) return;
  if (!options.canInstall) {
    throw new Error(`The browser tests need Chromium at ${options.path}, and it is not there. ${HOW}`);
  }
  const run = options.run ?? runCommand;
  // Waits for another apt/dpkg run to finish rather than failing on its lock.
  for (const args of [['update'], ['-o', 'DPkg::Lock::Timeout=300', 'install', '-y', 'chromium']]) {
    let ran = await run('apt-get', args);
    // Another apt run (or a parallel test run) may hold a lock for a while: wait for it.
    for (let i = 0; i < 20 && ran.code !== 0 && /Could not get lock|is locked|Unable to lock/i.test(ran.output); i++) {
      await new Promise((r) => setTimeout(r, 3000));
      ran = await run('apt-get', args);
    }
    if (ran.code !== 0) {
      throw new Error(`Chromium is missing at ${options.path} and \`apt-get ${args.join(' ')}\` failed (exit ${ran.code}):\n${ran.output.slice(-2000)}\n${HOW}`);
    }
  }
  if (!existsSync(options.path)) throw new Error(`apt-get installed chromium, yet ${options.path} is still missing. ${HOW}`);
}

/**
 * `ensureChromium` once per test run: test files run in parallel workers, so the first one to ask
 * installs (under a lock folder in the run's scratch folder) and the others wait for its answer.
 */
export async function ensureChromiumOnce(runDir: string, options: EnsureOptions): Promise<void> {
  if (existsSync(options.path)) return;
  const dir = join(runDir, 'chromium-install');
  const answer = join(dir, 'answer.json');
  let mine = false;
  try {
    mkdirSync(dir);
    mine = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  if (mine) {
    let error: string | null = null;
    try {
      console.log(`Chromium is missing at ${options.path}: installing Debian's chromium package for the browser tests`);
      await ensureChromium(options);
    } catch (e) {
      error = (e as Error).message;
    }
    writeFileSync(answer, JSON.stringify({ error }));
    if (error) throw new Error(error);
    return;
  }
  const deadline = Date.now() + 600_000;
  while (!existsSync(answer)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for another test file to install Chromium at ${options.path}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const { error } = JSON.parse(readFileSync(answer, 'utf8')) as { error: string | null };
  if (error) throw new Error(error);
}
