/**
 * One table over tests/fixtures/data/<rule>/: each folder is a tiny data/ tree breaking one rule of the
 * data formats, and expected.txt lists a substring of every problem it must produce (warnings prefixed
 * "warning: "), one per line. The folders are written by tests/fixtures/data/make-fixtures.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/core/problems.ts';
import { readDataSet } from '../../src/io/read-data.ts';

const ROOT = fileURLToPath(new URL('../fixtures/data/', import.meta.url));
const fixtures = readdirSync(ROOT)
  .filter((name) => statSync(join(ROOT, name)).isDirectory())
  .sort();

describe('bad-input fixtures', () => {
  it('there is a fixture per rule of the data formats', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
    expect(fixtures).toContain('valid-minimal');
  });

  it.each(fixtures)('%s', (name) => {
    const root = join(ROOT, name);
    const expected = readFileSync(join(root, 'expected.txt'), 'utf8').split('\n').filter((l) => l !== '');
    const ds = readDataSet(root);
    const got = ds.problems.map((p) => (p.severity === 'warning' ? 'warning: ' : '') + formatProblem(p));
    // Every problem is expected, and every expected line is matched by its own problem.
    expect(got, got.join('\n')).toHaveLength(expected.length);
    const unmatched = [...got];
    for (const want of expected) {
      const i = unmatched.findIndex((g) => g.includes(want));
      expect(i, `no problem contains:\n  ${want}\ngot:\n  ${got.join('\n  ')}`).toBeGreaterThanOrEqual(0);
      unmatched.splice(i, 1);
    }
    // Each names its file and either a line or a field, and says what to do.
    for (const p of ds.problems) {
      expect(p.file).toMatch(/^data\/(series|snapshots)\//);
      expect(p.line !== undefined || p.field !== undefined || /series id|has no (metadata|observation)|must be named/.test(p.message)).toBe(true);
      expect(p.hint).toBeTruthy();
    }
  });

  it('the byte-level fixtures kept their bytes (no line-ending conversion)', () => {
    const bytes = (name: string) => readFileSync(join(ROOT, name, 'data/series/usdjpy.csv'));
    expect([...bytes('csv-bom').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes('csv-crlf').includes('\r\n')).toBe(true);
    expect(bytes('csv-no-final-newline').at(-1)).not.toBe(0x0a);
    expect(bytes('csv-empty-file').length).toBe(0);
    expect(bytes('valid-minimal').includes('\r')).toBe(false);
  });
});
