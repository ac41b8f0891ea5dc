import { describe, expect, it } from 'vitest';
import { day } from '../../src/core/dates.ts';
import { buildSnapshot, buildSnapshots } from '../../src/core/seal.ts';
import { int, prng, randomLog, series, toRows } from './helpers.ts';

const START = day('2026-01-01');

/** Random logs (live rows, revisions, backfills) as buildSnapshot takes them. */
function randomLogs(seed: number, count: number) {
  const rand = prng(seed);
  return Array.from({ length: count }, (_, k) => {
    const id = `s${(count - k) * 7}`; // ids out of order, so sorting matters
    const raw = randomLog(rand, START + int(rand, 0, 30), int(rand, 5, 120), k % 2 ? 0.1 : 0);
    const s = series(id, toRows(raw));
    return { id, bytes: s.bytes, rows: s.rows };
  });
}

describe('buildSnapshots gives what buildSnapshot gives on each date', () => {
  it.each([
    ['ascending dates over 6 logs', 1, 6, (r: () => number) => Array.from({ length: 40 }, (_, i) => START + i * 4 + int(r, 0, 3))],
    ['unsorted dates with repeats', 2, 4, (r: () => number) => Array.from({ length: 60 }, () => START + int(r, -10, 200))],
    ['dates before any row and after every row', 3, 3, () => [START - 100, START - 1, START + 10_000, START + 5]],
    ['a single date', 4, 5, () => [START + 60]],
    ['no dates', 5, 2, () => []],
  ])('%s', (_name, seed, count, makeDates) => {
    const logs = randomLogs(seed, count);
    const dates = makeDates(prng(seed * 101));
    const incremental = buildSnapshots(dates, logs);
    expect(incremental).toHaveLength(dates.length);
    dates.forEach((date, i) => {
      const one = buildSnapshot(date, logs);
      expect(incremental[i]).toEqual(one);
      // Same key order too: snapshot files are written with JSON.stringify.
      expect(JSON.stringify(incremental[i])).toBe(JSON.stringify(one));
    });
    // The test is not vacuous: some snapshot seals something, and the seals differ between dates.
    if (dates.length > 1) {
      const distinct = new Set(incremental.map((s) => JSON.stringify(s.series)));
      expect(distinct.size).toBeGreaterThan(1);
    }
  });

  it('does not let one date share a seal object with another (callers may edit them)', () => {
    const logs = randomLogs(9, 2);
    const [a, b] = buildSnapshots([START + 400, START + 500], logs);
    const id = Object.keys(a!.series)[0]!;
    expect(a!.series[id]).toEqual(b!.series[id]);
    expect(a!.series[id]).not.toBe(b!.series[id]);
  });
});
