import { describe, expect, it } from 'vitest';
import { day } from '../../src/core/dates.ts';
import { revisedBetween, versionOn } from '../../src/core/revisions.ts';
import { int, prng, randomLog, series, toRows } from './helpers.ts';

describe('revisedBetween and versionOn', () => {
  it('name every date whose value as known then differs from now, against a naive reference', () => {
    const rand = prng(404);
    for (let trial = 0; trial < 20; trial++) {
      const start = day('2025-01-01');
      const raw = randomLog(rand, start, 200, trial % 2 ? 0.05 : 0);
      const { log } = series('x', toRows(raw));
      const then = start + int(rand, 0, 150);
      const now = then + int(rand, 0, 80);
      const from = start + int(rand, -20, 100);
      const to = from + int(rand, 0, 150);
      const valueOn = (d: number, v: number) => {
        let best: { value: number; vintage: number } | undefined;
        for (const r of raw) if (r.date === d && r.vintage <= v && (!best || r.vintage > best.vintage)) best = { value: r.value, vintage: r.vintage };
        return best;
      };
      const dates = [...new Set(raw.map((r) => r.date))].filter((d) => d >= from && d <= to).sort((a, b) => a - b);
      const want = dates.flatMap((d) => {
        const a = valueOn(d, then);
        const b = valueOn(d, now);
        return a && b && a.value !== b.value ? [{ date: d, then: a.value, now: b.value, revisedOn: b.vintage }] : [];
      });
      expect(revisedBetween(log, then, now, from, to)).toEqual(want);
      for (const d of dates) expect(versionOn(log, d, now)).toEqual(valueOn(d, now));
    }
  });
});
