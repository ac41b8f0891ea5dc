/**
 * Every bad input an author can make, one folder each under tests/fixtures/hostile/<case>/ (see
 * tests/helpers/fixtures.ts for the folder format). Each must be refused by the loader the build
 * uses, with a problem naming the file, the line or field, the rule broken and what to do; a
 * sample of them also goes through the real `astro build`, which must fail the same way and leave
 * no site behind.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadArchive } from '../../src/archive/load-archive.ts';
import { AsofError, errorsOf, formatProblem, type Problem } from '../../src/core/problems.ts';
import { astroBuild, REPO } from '../helpers/build.ts';
import { materialize, readExpected } from '../helpers/fixtures.ts';
import { codeRoot } from '../helpers/shared-build.ts';

const FIXTURES = join(REPO, 'tests/fixtures/hostile');
const cases = readdirSync(FIXTURES)
  .filter((n) => !n.startsWith('_') && !n.startsWith('.') && statSync(join(FIXTURES, n)).isDirectory())
  .sort();

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function problemsOf(root: string): Problem[] | undefined {
  try {
    loadArchive({ root, includeDrafts: false, defaultAuthor: 'Test' });
    return undefined;
  } catch (e) {
    if (e instanceof AsofError) return e.problems;
    throw e;
  }
}

/** Each expected group must be matched by one problem's formatted line. */
function unmatched(expected: string[][], lines: string[]): string[][] {
  return expected.filter((group) => !lines.some((l) => group.every((s) => l.includes(s))));
}

test('the corpus holds at least 40 hostile cases, each with an expected.txt', () => {
  expect(cases.length).toBeGreaterThanOrEqual(40);
  for (const c of cases) expect(existsSync(join(FIXTURES, c, 'expected.txt')), c).toBe(true);
});

test('the base archive the cases start from is itself valid', () => {
  const root = materialize(join(FIXTURES, '_base'));
  made.push(root);
  expect(problemsOf(root)).toBeUndefined();
});

describe('every hostile input is refused with file, line or field, rule and what to do', () => {
  test.each(cases)('%s', (name) => {
    const dir = join(FIXTURES, name);
    const root = materialize(dir);
    made.push(root);
    const problems = problemsOf(root);
    expect(problems, `${name} loaded without an error`).toBeDefined();
    const errors = errorsOf(problems!);
    expect(errors.length).toBeGreaterThan(0);
    const lines = errors.map(formatProblem);
    expect(unmatched(readExpected(dir), lines), `reported:\n${lines.join('\n')}`).toEqual([]);
    for (const p of errors) {
      expect(p.file, formatProblem(p)).toMatch(/^(content\/notes|data\/(series|snapshots))\/[^/]+$/);
      expect(p.message.length, formatProblem(p)).toBeGreaterThan(5);
      expect(p.hint?.length ?? 0, `no advice in: ${formatProblem(p)}`).toBeGreaterThan(5);
    }
    // The huge case is deleted at once rather than kept until the end of the file.
    if (name.includes('100-mb')) rmSync(root, { recursive: true, force: true });
  });
});

/** A few of each family through the real build: it must stop early, say where, and leave no site. */
const THROUGH_ASTRO = [
  'frontmatter-date-mismatch',
  'mdx-unclosed-component',
  'watch-prop-variable',
  'watch-unknown-series',
  'link-to-missing-note',
  'csv-crlf',
  'snapshot-history-rewritten',
];

describe('the real astro build refuses them too', () => {
  test.each(THROUGH_ASTRO)('%s', async (name) => {
    const dir = join(FIXTURES, name);
    const root = materialize(dir);
    made.push(root);
    const outDir = join(root, '.site');
    const result = await astroBuild({ archiveRoot: root, outDir, source: codeRoot(), timeoutMs: 120_000 });
    expect(result.code, result.output).not.toBe(0);
    expect(result.code).not.toBeNull();
    // Every expected detail shows up on one line of the build's output.
    const lines = result.output.split('\n');
    expect(unmatched(readExpected(dir), lines), result.output).toEqual([]);
    expect(result.output).toMatch(/nothing was built/);
    // No stack trace: the problems are the message.
    expect(result.output, result.output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(existsSync(join(outDir, 'index.html'))).toBe(false);
    expect(existsSync(join(outDir, 'watch.json'))).toBe(false);
  });
});
