/**
 * Sparkline marks over the fixture `watch-rows`: a number threshold is drawn as a line, a status
 * series (whose states are not a scale) gets none and names its target state in words instead.
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, expect, it } from 'vitest';
import Watch from '../../src/components/Watch.astro';
import { all, one, parse, text } from './html.ts';

let container: AstroContainer;
beforeAll(async () => {
  process.env.ASOF_ROOT = 'tests/fixtures/archives/watch-rows';
  container = await AstroContainer.create();
});

const spark = async (index: number) =>
  one(parse(await container.renderToString(Watch, { props: { __note: '2026-03-05-first-view', __index: index } })), 'svg.sparkline');

it('draws the threshold of a number series', async () => {
  const svg = await spark(1);
  expect(all(svg, 'line.spark-threshold')).toHaveLength(1);
  expect(text(one(svg, 'title'))).toContain('threshold 4.50%');
});

it('draws no threshold line for a status series, and names the target state', async () => {
  const svg = await spark(6);
  expect(all(svg, 'line.spark-threshold')).toHaveLength(0);
  expect(all(svg, 'path.spark-line')).toHaveLength(1);
  expect(text(one(svg, 'title'))).toContain('target: equals “passed”');
});
