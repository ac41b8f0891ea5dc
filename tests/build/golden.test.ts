/**
 * Every fixture archive with an `expected/watch.json` builds, and its /watch.json equals that file.
 * UPDATE_GOLDEN=1 rewrites the files (review the diff before committing).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ARCHIVES, expectGolden, fixtureSite, read } from './helpers.ts';

const cases = readdirSync(ARCHIVES)
  .filter((n) => existsSync(join(ARCHIVES, n, 'expected/watch.json')) || (process.env.UPDATE_GOLDEN === '1' && existsSync(join(ARCHIVES, n, 'expected'))))
  .sort();

test('there are golden cases', () => {
  expect(cases).toEqual(expect.arrayContaining(['minimal', 'varied-outcomes']));
});

test.each(cases)('%s: /watch.json equals expected/watch.json', async (name) => {
  const dist = await fixtureSite(name);
  expectGolden(join(ARCHIVES, name, 'expected/watch.json'), read(dist, 'watch.json'));
}, 300_000);
