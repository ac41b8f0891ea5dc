/** The same fixture archive built twice, in separate scratch projects, gives byte-identical sites. */
import { expect, test } from 'vitest';
import { fixtureSite, hashTree } from './helpers.ts';

test('two builds of the same inputs are byte-identical, file by file', async () => {
  const [a, b] = await Promise.all([fixtureSite('varied-outcomes'), fixtureSite('varied-outcomes', { again: true })]);
  expect(a).not.toBe(b);
  const first = hashTree(a);
  const second = hashTree(b);
  expect(first.size).toBeGreaterThan(30);
  expect([...second.keys()]).toEqual([...first.keys()]);
  expect([...first].filter(([f, h]) => second.get(f) !== h).map(([f]) => f)).toEqual([]);
}, 600_000);
