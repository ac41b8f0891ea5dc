/**
 * How the browser tests get their Chromium on a machine without one: installed with apt-get when
 * allowed, otherwise a failure that says what to do, never a quiet skip. Checked against a browser
 * path in a temp folder and a recorded apt-get, so the real /usr/bin/chromium is never touched.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { DEFAULT_CHROMIUM, ensureChromium, ensureChromiumOnce, mayInstallWithApt, type Runner } from '../helpers/chromium.ts';
import { runDir } from '../helpers/shared-build.ts';

let dir: string;
let path: string;
let calls: string[];

beforeEach(() => {
  dir = mkdtempSync(join(runDir(), 'chromium-test-'));
  path = join(dir, 'chromium');
  calls = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** An apt-get that records its calls and "installs" the browser on `install`. */
const apt =
  (fail?: string): Runner =>
  async (command, args) => {
    calls.push(`${command} ${args.join(' ')}`);
    if (fail && args.includes(fail)) return { code: 100, output: 'E: Unable to locate package chromium' };
    if (args.includes('install')) writeFileSync(path, '#!/bin/sh\n');
    return { code: 0, output: '' };
  };

test('a browser already in place is used as it is: nothing is installed', async () => {
  writeFileSync(path, '#!/bin/sh\n');
  await ensureChromium({ path, canInstall: true, run: apt() });
  expect(calls).toEqual([]);
});

test("a missing browser is installed with Debian's package: apt-get update, then install", async () => {
  await ensureChromium({ path, canInstall: true, run: apt() });
  expect(calls).toEqual(['apt-get update', 'apt-get -o DPkg::Lock::Timeout=300 install -y chromium']);
});

test('where installing is not allowed, it fails and says how to install, without running apt-get', async () => {
  await expect(ensureChromium({ path, canInstall: false, run: apt() })).rejects.toThrow(/need Chromium at .*chromium, and it is not there\. Install it with `apt-get install -y chromium`/);
  expect(calls).toEqual([]);
});

test("a failed apt-get fails the tests with apt-get's own message", async () => {
  await expect(ensureChromium({ path, canInstall: true, run: apt('install') })).rejects.toThrow(/apt-get -o DPkg::Lock::Timeout=300 install -y chromium` failed \(exit 100\):\nE: Unable to locate package chromium/);
  expect(calls).toEqual(['apt-get update', 'apt-get -o DPkg::Lock::Timeout=300 install -y chromium']);
});

test("another apt run's lock is waited out, not taken for a failure", async () => {
  let locked = 1;
  const busy: Runner = async (command, args) => {
    if (args[0] === 'update' && locked-- > 0) return (calls.push('locked'), { code: 100, output: 'E: Could not get lock /var/lib/apt/lists/lock' });
    return apt()(command, args);
  };
  await ensureChromium({ path, canInstall: true, run: busy });
  expect(calls).toEqual(['locked', 'apt-get update', 'apt-get -o DPkg::Lock::Timeout=300 install -y chromium']);
}, 20_000);

test('an install that leaves no browser behind is a failure too', async () => {
  const noop: Runner = async (command, args) => (calls.push(`${command} ${args.join(' ')}`), { code: 0, output: '' });
  await expect(ensureChromium({ path, canInstall: true, run: noop })).rejects.toThrow(/still missing/);
});

test('only the default path, as root, with apt-get present, may be installed into', () => {
  expect(mayInstallWithApt(path)).toBe(false);
  expect(mayInstallWithApt(DEFAULT_CHROMIUM)).toBe(process.getuid?.() === 0 && existsSync('/usr/bin/apt-get'));
});

test('parallel test files install once; the others wait and share the answer, failure included', async () => {
  const lock = mkdtempSync(join(dir, 'run-'));
  await Promise.all([1, 2, 3].map(() => ensureChromiumOnce(lock, { path, canInstall: true, run: apt() })));
  expect(calls).toEqual(['apt-get update', 'apt-get -o DPkg::Lock::Timeout=300 install -y chromium']);

  rmSync(path);
  calls = [];
  const failing = mkdtempSync(join(dir, 'run-'));
  const results = await Promise.allSettled([1, 2].map(() => ensureChromiumOnce(failing, { path, canInstall: true, run: apt('update') })));
  expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  expect(calls).toEqual(['apt-get update']);
});
