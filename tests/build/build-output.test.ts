/**
 * A build's output shows only what matters. Rolldown warns once per MDX note that it may not keep
 * Astro's "use astro:head-inject" marker (withastro/astro#18087); astro.config.mjs drops exactly
 * that warning and lets every other one through.
 */
import { expect, test } from 'vitest';
import { quietHeadInject } from '../../astro.config.mjs';
import { sampleRoot, sharedBuild } from '../helpers/shared-build.ts';

test('building the sample prints no module-level directive warning, and still reports every note page', async () => {
  const { code, output } = await sharedBuild('sample', sampleRoot(), { base: '/' });
  expect(code, output).toBe(0);
  expect(output).toMatch(/\/notes\/[^/]+\/index\.html/);
  expect(output).not.toMatch(/MODULE_LEVEL_DIRECTIVE|astro:head-inject/);
});

test('the filter drops only the head-inject directive warning', () => {
  const passed: unknown[] = [];
  const warn = (w: unknown) => passed.push(w);
  const headInject = { code: 'MODULE_LEVEL_DIRECTIVE', message: 'The semantics of the module level directive "use astro:head-inject" in "content/notes/x.mdx?astroPropagatedAssets" may not be preserved when bundling.' };
  const useClient = { code: 'MODULE_LEVEL_DIRECTIVE', message: 'The semantics of the module level directive "use client" in "x.js" may not be preserved when bundling.' };
  const other = { code: 'CIRCULAR_DEPENDENCY', message: 'Circular dependency: a.js -> b.js -> a.js' };
  for (const w of [headInject, useClient, other]) quietHeadInject(w, warn);
  expect(passed).toEqual([useClient, other]);
});
