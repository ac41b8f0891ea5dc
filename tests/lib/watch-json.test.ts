/**
 * /watch.json is written a batch of entries at a time (src/lib/watch-json.ts, streamed to disk by the
 * integration): its text must be exactly what stringifying the whole file at once gives, on archives
 * with groups, values, and none of either. The built file is checked against the sample in tests/build.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArchive } from '../../src/archive/load-archive.ts';
import { valueEntry, watchEntry, watchJson } from '../../src/lib/watch-json.ts';
import { REPO } from '../helpers/build.ts';

const whole = (a: ReturnType<typeof loadArchive>) =>
  `${JSON.stringify({ now: a.now, watches: a.conditions.flatMap((c) => (c.kind === 'group' ? [c, ...c.children] : [c])).map(watchEntry), values: a.values.map(valueEntry) }, null, 2)}\n`;

describe('/watch.json written in parts', () => {
  const roots = { sample: REPO, reading: join(REPO, 'tests/fixtures/archives/reading'), groups: join(REPO, 'tests/fixtures/archives/dashboard-groups'), minimal: join(REPO, 'tests/fixtures/archives/minimal') };
  it.each(Object.entries(roots))('%s: the same bytes as stringifying the whole file', (_, root) => {
    const a = loadArchive({ root, includeDrafts: false, defaultAuthor: 'Test' });
    const expected = whole(a);
    expect(watchJson(a)).toBe(expected);
    JSON.parse(expected);
  });

  it('lists longer than a batch (256 entries) join across batches', () => {
    const a = loadArchive({ root: REPO, includeDrafts: false, defaultAuthor: 'Test' });
    const many = { now: a.now, conditions: Array.from({ length: 9 }, () => a.conditions).flat(), values: Array.from({ length: 60 }, () => a.values).flat() };
    expect(many.conditions.length).toBeGreaterThan(512);
    expect(many.values.length).toBeGreaterThan(256);
    expect(watchJson(many)).toBe(whole(many as ReturnType<typeof loadArchive>));
  });

  it('empty lists and a missing "now" read as JSON.stringify writes them', () => {
    const a = { now: null, conditions: [], values: [] };
    expect(watchJson(a)).toBe(`${JSON.stringify({ now: null, watches: [], values: [] }, null, 2)}\n`);
  });

  it('the sample has groups and values, so the comparison above covers them', () => {
    const a = loadArchive({ root: REPO, includeDrafts: false, defaultAuthor: 'Test' });
    expect(a.conditions.some((c) => c.kind === 'group')).toBe(true);
    expect(a.values.length).toBeGreaterThan(0);
  });
});
