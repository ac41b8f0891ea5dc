/**
 * Every bad input an author can make, one folder each under tests/fixtures/hostile/<case>/ (see
 * tests/helpers/fixtures.ts for the folder and expected.txt format). Each must be refused by the
 * loader the build uses, with problems naming the file, the line or field, the rule broken and what
 * to do; the cases marked `# build` also go through the real `astro build`, which must fail the same
 * way, without Astro's crash framing, and leave no site behind.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadArchive } from '../../src/archive/load-archive.ts';
import { AsofError, errorsOf, formatProblem, type Problem } from '../../src/core/problems.ts';
import { astroBuild, REPO } from '../helpers/build.ts';
import { materialize, readExpected, unmatchedGroups } from '../helpers/fixtures.ts';
import { codeRoot, runDir } from '../helpers/shared-build.ts';

const FIXTURES = join(REPO, 'tests/fixtures/hostile');
const folders = readdirSync(FIXTURES)
  .filter((n) => !n.startsWith('.') && statSync(join(FIXTURES, n)).isDirectory())
  .sort();
const bases = folders.filter((n) => n.startsWith('_'));
const cases = folders.filter((n) => !n.startsWith('_'));
const throughBuild = cases.filter((n) => readExpected(join(FIXTURES, n)).build);

/** Every problem the loader reports for `root`, warnings included. */
function problemsOf(root: string): Problem[] {
  try {
    return loadArchive({ root, includeDrafts: false, defaultAuthor: 'Test' }).warnings;
  } catch (e) {
    if (e instanceof AsofError) return e.problems;
    throw e;
  }
}

/**
 * A scratch copy of fixture `name`, removed when `use` is done with it (and in the run's folder, which
 * the global teardown removes, should this file crash first).
 */
async function withCopy<T>(name: string, use: (root: string) => T | Promise<T>): Promise<T> {
  const root = materialize(join(FIXTURES, name), mkdtempSync(join(runDir(), `hostile-${name}-`)));
  try {
    return await use(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('the corpus holds at least 170 cases, each with an expected.txt', () => {
  expect(cases.length).toBeGreaterThanOrEqual(170);
  for (const c of cases) expect(existsSync(join(FIXTURES, c, 'expected.txt')), c).toBe(true);
  // Rules of the data files alone, each on the one-series base.
  expect(cases.filter((c) => existsSync(join(FIXTURES, c, 'base.txt')) && readFileSync(join(FIXTURES, c, 'base.txt'), 'utf8').trim() === '_data-base').length).toBeGreaterThanOrEqual(20);
});

test.each(bases)('the base %s is itself valid: no error, no warning', async (name) => {
  expect(existsSync(join(FIXTURES, name, 'expected.txt'))).toBe(false);
  await withCopy(name, (root) => expect(problemsOf(root).map(formatProblem)).toEqual([]));
});

describe('every hostile input is refused with file, line or field, rule and what to do', () => {
  test.each(cases)('%s', async (name) => {
    const expected = readExpected(join(FIXTURES, name));
    expect(expected.groups.length, 'expected.txt names no problem').toBeGreaterThan(0);
    const problems = await withCopy(name, problemsOf);
    const errors = errorsOf(problems);
    const warnings = problems.filter((p) => p.severity === 'warning');
    const reported = problems.map((p) => (p.severity === 'warning' ? 'warning: ' : '') + formatProblem(p)).join('\n');
    // A case is about a refusal unless all it expects are warnings.
    if (expected.groups.some((g) => !g.warning)) expect(errors.length, `${name} loaded without an error`).toBeGreaterThan(0);
    const missing = [
      ...unmatchedGroups(expected.groups.filter((g) => !g.warning).map((g) => g.substrings), errors.map(formatProblem)),
      ...unmatchedGroups(expected.groups.filter((g) => g.warning).map((g) => ['warning: ', ...g.substrings]), warnings.map((p) => 'warning: ' + formatProblem(p))),
    ];
    expect(missing, `reported:\n${reported}`).toEqual([]);
    if (expected.exact) expect(problems.length, `every problem is expected; reported:\n${reported}`).toBe(expected.groups.length);
    for (const p of problems) {
      expect(p.file, formatProblem(p)).toMatch(/^(content\/notes|data\/(series|snapshots))\/[^/]+$/);
      expect(p.line !== undefined || p.field !== undefined || /series id|has no (metadata|observation)|must be named/.test(p.message), `no line or field: ${formatProblem(p)}`).toBe(true);
      expect(p.message.length, formatProblem(p)).toBeGreaterThan(5);
      expect(p.hint?.length ?? 0, `no advice in: ${formatProblem(p)}`).toBeGreaterThan(5);
    }
  });
});

test('the byte-level cases kept their bytes (no line-ending conversion)', () => {
  const bytes = (name: string, file = 'data/series/usdjpy.csv') => readFileSync(join(FIXTURES, name, file));
  expect([...bytes('data-csv-bom').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes('data-csv-crlf').includes('\r\n')).toBe(true);
  expect(bytes('data-csv-no-final-newline').at(-1)).not.toBe(0x0a);
  expect(bytes('data-csv-empty-file').length).toBe(0);
  expect(bytes('_data-base').includes('\r')).toBe(false);
  expect([...bytes('csv-bom', 'data/series/bad.csv').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes('csv-crlf', 'data/series/bad.csv').includes('\r\n')).toBe(true);
});

test('the real-build sample keeps every kind of refusal the build stops on', () => {
  expect(throughBuild).toEqual(
    expect.arrayContaining([
      'csv-crlf',
      'frontmatter-date-mismatch',
      'frontmatter-snapshot-after-note',
      'link-to-missing-note',
      'mdx-unclosed-component',
      'mdx-unknown-component',
      'snapshot-history-rewritten',
      'watch-above-status-series',
      'watch-duplicate-explicit-id',
      'watch-prop-expression',
      'watch-unknown-series',
    ]),
  );
  // Each costs a build: keep the sample small.
  expect(throughBuild.length).toBeLessThanOrEqual(15);
});

// Concurrently (vitest runs up to five at once): each stops in the config hook within seconds.
describe.concurrent('the real astro build refuses them too', () => {
  test.each(throughBuild)('%s: exits 1, says where and what, no crash framing, no site', async (name) => {
    const expected = readExpected(join(FIXTURES, name));
    await withCopy(name, async (root) => {
      const outDir = join(root, '.site');
      const result = await astroBuild({ archiveRoot: root, outDir, source: codeRoot(), timeoutMs: 120_000 });
      expect(result.code, result.output).toBe(1);
      const lines = result.output.split('\n');
      for (const g of expected.groups) {
        // The location is file:line (and column where the parser gives one) at the start of the message.
        expect(g.substrings[0], `${name}/expected.txt`).toMatch(/^(content|data)\/[^:]+:\d+(:\d+)?: /);
      }
      expect(unmatchedGroups(expected.groups.map((g) => g.substrings), lines), result.output).toEqual([]);
      expect(result.output).toMatch(/nothing was built/);
      // The problem list is the whole report: no "unhandled error ... astro:config:setup" framing.
      expect(result.output, result.output).not.toMatch(/unhandled error|astro:config:setup|\[ERROR\] \[asof\] Error/i);
      // No stack trace: the problems are the message.
      expect(result.output, result.output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      expect(existsSync(join(outDir, 'index.html'))).toBe(false);
      expect(existsSync(join(outDir, 'watch.json'))).toBe(false);
    });
  });
});
