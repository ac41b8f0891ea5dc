/**
 * NowTimelines.firstMet (the build's shared, fast firstMetAfterNote) against firstMetBetween, the
 * reference walk, on seeded random logs with revisions, backfills and gaps: every test kind, with and
 * without `for` (days, weeks, months), `then` references, and note dates before, inside and after the data.
 */
import { describe, expect, it } from 'vitest';
import { firstMetBetween, resolveCondition, type Condition, type EvalContext } from '../../src/core/conditions.ts';
import { day, formatDay } from '../../src/core/dates.ts';
import { NowTimelines } from '../../src/core/first-met.ts';
import { watchPropsSchema, type SeriesMeta } from '../../src/core/schema.ts';
import type { SeriesLog } from '../../src/core/store.ts';
import { thenNow } from '../../src/core/then-now.ts';
import { int, numberMeta, pick, prng, randomLog, series, statusMeta, toRows, type Row } from './helpers.ts';

const STATES = ['pending', 'passed', 'enacted'];
const DURS = ['1d', '2d', '5d', '1w', '2w', '1m', '2m', '3m', '1y'];
const TRENDS = ['rising', 'falling', 'not-rising', 'not-falling'];

function randomArchive(seed: number) {
  const rand = prng(seed);
  // Late January start: month windows cross Feb 29 of 2024.
  const start = day('2024-01-20') + int(rand, 0, 20);
  const metas: Record<string, SeriesMeta> = { x: numberMeta(), y: numberMeta(), s: statusMeta(STATES) };
  const x = series('x', toRows(randomLog(rand, start, 420, seed % 2 ? 0.05 : 0)), metas.x);
  const y = series('y', toRows(randomLog(rand, start + int(rand, -30, 30), 400, 0.03)), metas.y);
  const statusRows: Row[] = toRows(randomLog(rand, start, 420, 0)).map(([d, v, vin]) => [d, STATES[Math.abs(Number(v) * 4) % 3]!, vin]);
  const s = series('s', statusRows, metas.s);
  const logs = new Map<string, SeriesLog>([
    ['x', x.log],
    ['y', y.log],
    ['s', s.log],
  ]);
  return { rand, start, logs, catalog: (id: string) => metas[id] };
}

function randomCondition(rand: () => number, catalog: (id: string) => SeriesMeta | undefined): Condition {
  const test = pick(rand, ['above', 'below', 'equals', 'trend'] as const);
  let props: Record<string, unknown>;
  if (test === 'equals') props = { series: 's', equals: pick(rand, STATES) };
  else if (test === 'trend') props = { series: pick(rand, ['x', 'y']), trend: pick(rand, TRENDS), over: pick(rand, DURS) };
  else props = { series: 'x', [test]: pick(rand, [-5, -1.5, 0, 2.25, 6, 'y', 'then']) };
  if (test !== 'trend' && rand() < 0.6) props.for = pick(rand, DURS);
  const r = resolveCondition(watchPropsSchema.parse(props), catalog);
  if (!('condition' in r)) throw new Error(`bad test condition ${JSON.stringify(props)}`);
  return r.condition;
}

describe('NowTimelines.firstMet gives what firstMetBetween gives', () => {
  it.each([11, 22, 33, 44, 55, 66])('seed %i', (seed) => {
    const { rand, start, logs, catalog } = randomArchive(seed);
    const outcomes = new Set<string>();
    let checked = 0;
    for (let k = 0; k < 400; k++) {
      const c = randomCondition(rand, catalog);
      const N = start + int(rand, 100, 430);
      const timelines = new NowTimelines(logs, N);
      const reference = rand() < 0.85 ? pick(rand, [-2, 0, 1.5, 4]) : undefined;
      const ctx: EvalContext = {
        x: logs.get(c.series)!.asOf(N),
        ...((c.test === 'above' || c.test === 'below') && c.target.type === 'series' ? { y: logs.get(c.target.id)!.asOf(N) } : {}),
        ...(reference !== undefined ? { thenValue: reference } : {}),
      };
      for (let q = 0; q < 6; q++) {
        const D = start + int(rand, -60, N - start + 5);
        const want = firstMetBetween(c, ctx, D, N);
        const got = timelines.firstMet(c, D, reference);
        expect(got === undefined ? null : formatDay(got), `${JSON.stringify(c)} D=${formatDay(D)} N=${formatDay(N)} ref=${reference}`).toBe(
          want === undefined ? null : formatDay(want),
        );
        outcomes.add(want === undefined ? 'never' : want === D + 1 ? 'next day' : 'later');
        checked++;
      }
    }
    expect(checked).toBe(2400);
    expect([...outcomes].sort()).toEqual(['later', 'never', 'next day']);
  });

  it('thenNow with timelines equals thenNow without, for every field', () => {
    const { rand, start, logs, catalog } = randomArchive(77);
    const N = start + 400;
    const timelines = new NowTimelines(logs, N);
    for (let k = 0; k < 300; k++) {
      const c = randomCondition(rand, catalog);
      const D = start + int(rand, -20, 390);
      const S = Math.min(D, start + int(rand, 0, 390));
      expect(thenNow(c, logs, D, S, N, timelines)).toEqual(thenNow(c, logs, D, S, N));
    }
  });

  it('timelines built for another now or other logs are not used', () => {
    const { rand, start, logs, catalog } = randomArchive(88);
    const c = randomCondition(rand, catalog);
    const stale = new NowTimelines(logs, start + 50);
    const D = start + 10;
    const N = start + 300;
    expect(thenNow(c, logs, D, D, N, stale)).toEqual(thenNow(c, logs, D, D, N));
  });
});
