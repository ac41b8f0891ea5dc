/**
 * Two clean builds of the same inputs are byte-identical: same files, same bytes, search index
 * included. Each build runs in its own scratch project with an empty Astro cache (see
 * tests/helpers/build.ts), so neither can reuse the other's work. (One archive is enough for this
 * property: the sample, whose first build the other test files share.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { assertBuilt } from '../helpers/build.ts';
import { sampleRoot, sampleSite, sharedBuild } from '../helpers/shared-build.ts';
import { listFiles } from '../helpers/site.ts';
import { hashTree } from './helpers.ts';

test('two clean builds of the sample archive are byte-identical, file by file', async () => {
  const [a, b] = await Promise.all([sampleSite('/'), sharedBuild('sample-again', sampleRoot()).then((r) => assertBuilt(r).outDir)]);
  expect(a).not.toBe(b);
  const files = listFiles(a);
  expect(files.length).toBeGreaterThan(30);
  expect(files.some((f) => f.startsWith('pagefind/'))).toBe(true);
  expect(listFiles(b)).toEqual(files);
  const first = hashTree(a);
  const second = hashTree(b);
  expect([...second.keys()]).toEqual([...first.keys()]);
  const differing = files.filter((f) => !readFileSync(join(a, f)).equals(readFileSync(join(b, f))));
  console.log(`reproducible: ${files.length} files compared byte for byte, ${differing.length} differ`);
  expect(differing).toEqual([]);
  expect([...first].filter(([f, h]) => second.get(f) !== h).map(([f]) => f)).toEqual([]);
}, 600_000);
