/**
 * Archives that must not build. Each folder under tests/fixtures/archives/ with an
 * `expected-error.txt` is one case: the build exits 1, its output contains that text (the file,
 * line and column, and what is wrong) without Astro's crash report around it, and it leaves no site
 * behind. These fail in the asof integration's config hook, before anything renders, so they cost
 * little.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { astroBuild } from '../helpers/build.ts';
import { codeRoot, runDir } from '../helpers/shared-build.ts';
import { ARCHIVES } from './helpers.ts';

const cases = readdirSync(ARCHIVES)
  .filter((n) => existsSync(join(ARCHIVES, n, 'expected-error.txt')))
  .sort();

test('the failing cases are all there', () => {
  expect(cases).toEqual(
    expect.arrayContaining([
      'watch-unknown-series',
      'watch-non-literal-prop',
      'watch-duplicate-id',
      'watch-test-kind-mismatch',
      'note-link-missing',
      'note-date-mismatch',
      'note-snapshot-after-date',
      'unknown-component',
      'mdx-syntax-error',
      'seal-rewritten-row',
    ]),
  );
});

// Concurrently (vitest runs up to five at once): each stops in the config hook within seconds.
describe.concurrent.each(cases)('%s', (name) => {
  test('fails the build, says where and what, and leaves no site', async () => {
    const expected = readFileSync(join(ARCHIVES, name, 'expected-error.txt'), 'utf8').trim();
    const outDir = join(mkdtempSync(join(runDir(), `fail-${name}-`)), 'dist');
    const result = await astroBuild({ archiveRoot: join(ARCHIVES, name), outDir, source: codeRoot(), timeoutMs: 120_000 });
    expect(result.code, result.output).toBe(1);
    expect(result.output).toContain(expected);
    expect(result.output).toMatch(/nothing was built/);
    // The problem list is the whole report: no "unhandled error ... astro:config:setup" framing.
    expect(result.output, result.output).not.toMatch(/unhandled error|astro:config:setup|\[ERROR\] \[asof\] Error/i);
    // The location is file:line (and column where the parser gives one) at the start of the message.
    expect(expected).toMatch(/^(content|data)\/[^:]+:\d+(:\d+)?: /);
    expect(existsSync(join(outDir, 'index.html'))).toBe(false);
    // A short message, not a stack trace.
    expect(result.output).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
  }, 120_000);
});
