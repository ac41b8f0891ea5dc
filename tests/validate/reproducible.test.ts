/**
 * Two clean builds of the same inputs are byte-identical: same files, same bytes, search index
 * included. Each build runs in its own scratch project with an empty Astro cache (see
 * tests/helpers/build.ts), so neither can reuse the other's work.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { assertBuilt } from '../helpers/build.ts';
import { sampleRoot, sampleSite, sharedBuild } from '../helpers/shared-build.ts';
import { listFiles } from '../helpers/site.ts';

test('two clean builds of the sample archive are byte-identical', async () => {
  const first = await sampleSite('/');
  const second = assertBuilt(await sharedBuild('sample-again', sampleRoot())).outDir;
  const files = listFiles(first);
  expect(files.length).toBeGreaterThan(10);
  expect(listFiles(second)).toEqual(files);
  const differing = files.filter((f) => !readFileSync(join(first, f)).equals(readFileSync(join(second, f))));
  console.log(`reproducible: ${files.length} files compared byte for byte, ${differing.length} differ`);
  expect(differing).toEqual([]);
}, 600_000);
