/**
 * The timeline evaluator (the build's fast path for firstMetAfterNote, metSpans and timeline lanes)
 * against the exact one, day by day, on seeded random logs with revisions, backfills and gaps: every
 * test kind, with and without `for` (days, weeks, months), `then` references, lists of states, bands,
 * sustained trends, and note dates before, inside and after the data. Groups against a naive
 * day-by-day combination of their children.
 */
import { describe, expect, it } from 'vitest';
import { knownSeries } from '../../src/core/chart-data.ts';
import { firstMetBetween, operandOf, resolveCondition, statusAt, type Condition, type EvalContext, type Status } from '../../src/core/conditions.ts';
import { day, formatDay, type Day } from '../../src/core/dates.ts';
import { watchPropsSchema, type SeriesMeta } from '../../src/core/schema.ts';
import type { SeriesLog } from '../../src/core/store.ts';
import { thenNow } from '../../src/core/then-now.ts';
import { combineStatuses, conditionSpans, firstMetOf, groupSpans, metSpansOf, packSpans, packedMetSpans, unpackSpans, type Require, type Span } from '../../src/core/timeline.ts';
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
  const test = pick(rand, ['above', 'below', 'between', 'equals', 'trend'] as const);
  let props: Record<string, unknown>;
  if (test === 'equals') props = { series: 's', equals: rand() < 0.5 ? pick(rand, STATES) : ['passed', pick(rand, ['pending', 'enacted'])] };
  else if (test === 'trend') props = { series: pick(rand, ['x', 'y']), trend: pick(rand, TRENDS), over: pick(rand, DURS) };
  else if (test === 'between') props = { series: 'x', between: pick(rand, [[-5, 0], [-1.5, 4], [0, 0], [2.25, 12]]) };
  else props = { series: 'x', [test]: pick(rand, [-5, -1.5, 0, 2.25, 6, 'y', 'then']) };
  if (rand() < 0.55) props.for = pick(rand, DURS);
  const r = resolveCondition(watchPropsSchema.parse(props), catalog);
  if (!('condition' in r)) throw new Error(`bad test condition ${JSON.stringify(props)}`);
  return r.condition;
}

function spansFor(c: Condition, logs: Map<string, SeriesLog>, N: Day, reference: number | undefined, from: Day, to: Day): Span[] {
  const op = operandOf(c);
  return conditionSpans(c, knownSeries(logs.get(c.series)!, N), op.kind === 'series' ? knownSeries(logs.get(op.id)!, N) : undefined, reference, from, to);
}

function ctxAt(c: Condition, logs: Map<string, SeriesLog>, N: Day, reference: number | undefined): EvalContext {
  const op = operandOf(c);
  return {
    x: logs.get(c.series)!.asOf(N),
    ...(op.kind === 'series' ? { y: logs.get(op.id)!.asOf(N) } : {}),
    ...(reference !== undefined ? { thenValue: reference } : {}),
  };
}

/** The status on day t read off spans that must cover it exactly once. */
function statusOn(spans: readonly Span[], t: Day): Status {
  const hit = spans.filter((s) => s.from <= t && t <= s.to);
  expect(hit).toHaveLength(1);
  return hit[0]!.status;
}

describe('conditionSpans agrees with statusAt on every day', () => {
  it.each([11, 22, 33, 44, 55, 66])('seed %i', (seed) => {
    const { rand, start, logs, catalog } = randomArchive(seed);
    const outcomes = new Set<string>();
    let days = 0;
    for (let k = 0; k < 120; k++) {
      const c = randomCondition(rand, catalog);
      const N = start + int(rand, 100, 430);
      const reference = rand() < 0.85 ? pick(rand, [-2, 0, 1.5, 4]) : undefined;
      const ctx = ctxAt(c, logs, N, reference);
      const D = start + int(rand, -60, N - start + 5);
      const to = Math.max(N, D);
      const spans = spansFor(c, logs, N, reference, D + 1, to);
      // Spans tile (D, to] in order, adjacent ones differ.
      if (to > D) {
        expect(spans[0]!.from).toBe(D + 1);
        expect(spans.at(-1)!.to).toBe(to);
      } else expect(spans).toEqual([]);
      for (let i = 1; i < spans.length; i++) {
        expect(spans[i]!.from).toBe(spans[i - 1]!.to + 1);
        expect(spans[i]!.status).not.toBe(spans[i - 1]!.status);
      }
      for (let t = D + 1; t <= to; t += 1 + (t % 3)) {
        const want = statusAt(c, ctx, t);
        expect(statusOn(spans, t), `${JSON.stringify(c)} D=${formatDay(D)} t=${formatDay(t)} ref=${reference}`).toBe(want);
        outcomes.add(want);
        days++;
      }
      const want = firstMetBetween(c, ctx, D, to);
      const got = firstMetOf(spans);
      expect(got === undefined ? null : formatDay(got)).toBe(want === undefined ? null : formatDay(want));
      outcomes.add(want === undefined ? 'never' : want === D + 1 ? 'next day' : 'later');
      // metSpans are exactly the met days.
      for (const [a, b] of metSpansOf(spans)) expect(statusAt(c, ctx, a) === 'met' && statusAt(c, ctx, b) === 'met').toBe(true);
    }
    expect(days).toBeGreaterThan(3000);
    expect([...outcomes].sort()).toEqual(['later', 'met', 'never', 'next day', 'no-data', 'not-met']);
  });

  it('thenNow reports the same first-met day and spans as the exact walk', () => {
    const { rand, start, logs, catalog } = randomArchive(77);
    const N = start + 400;
    for (let k = 0; k < 200; k++) {
      const c = randomCondition(rand, catalog);
      const D = start + int(rand, -20, 420);
      const S = Math.min(D, start + int(rand, 0, 390));
      const r = thenNow(c, logs, D, S, N);
      const reference = r.reference ?? undefined;
      const want = firstMetBetween(c, ctxAt(c, logs, N, reference), D, Math.max(N, D));
      expect(r.firstMetAfterNote).toBe(want === undefined ? null : formatDay(want));
      expect(r.now.date).toBe(formatDay(Math.max(N, D)));
      expect(r.now.status).toBe(statusAt(c, ctxAt(c, logs, N, reference), Math.max(N, D)));
    }
  });
});

describe('groups', () => {
  const all: Status[] = ['met', 'not-met', 'no-data', 'baseline'];
  /** The rules of issue 10, written out case by case. */
  function naive(require: Require, statuses: Status[]): Status {
    const parts = statuses.map((s) => (s === 'baseline' ? 'not-met' : s));
    if (require === 'all') return parts.includes('not-met') ? 'not-met' : parts.includes('no-data') ? 'no-data' : 'met';
    if (require === 'any') return parts.includes('met') ? 'met' : parts.includes('no-data') ? 'no-data' : 'not-met';
    const met = parts.filter((s) => s === 'met').length;
    const gaps = parts.filter((s) => s === 'no-data').length;
    return met >= require ? 'met' : met + gaps < require ? 'not-met' : 'no-data';
  }

  it.each([
    ['all', ['met', 'met'], 'met'],
    ['all', ['met', 'no-data'], 'no-data'],
    ['all', ['no-data', 'not-met'], 'not-met'],
    ['any', ['not-met', 'no-data'], 'no-data'],
    ['any', ['not-met', 'met'], 'met'],
    ['any', ['not-met', 'not-met'], 'not-met'],
    [2, ['met', 'no-data', 'not-met'], 'no-data'],
    [2, ['met', 'not-met', 'not-met'], 'not-met'],
    [2, ['met', 'met', 'no-data'], 'met'],
    ['all', ['met', 'baseline'], 'not-met'],
    ['any', ['baseline', 'no-data'], 'no-data'],
  ] as [Require, Status[], Status][])('%s of %j is %s', (require, statuses, want) => {
    expect(combineStatuses(require, statuses)).toBe(want);
  });

  it('every combination of up to four children follows the rules', () => {
    for (let n = 1; n <= 4; n++) {
      const combos: Status[][] = [[]];
      for (let k = 0; k < n; k++) combos.splice(0, combos.length, ...combos.flatMap((c) => all.map((s) => [...c, s])));
      for (const statuses of combos) {
        for (const require of ['all', 'any', ...Array.from({ length: n }, (_, i) => i + 1)] as Require[]) {
          expect(combineStatuses(require, statuses)).toBe(naive(require, statuses));
        }
      }
    }
  });

  it.each([5, 6, 7, 8])('groupSpans agrees with combining the children day by day (seed %i)', (seed) => {
    const { rand, start, logs, catalog } = randomArchive(seed * 101);
    for (let k = 0; k < 40; k++) {
      const N = start + int(rand, 150, 420);
      const D = start + int(rand, -30, N - start);
      const children = Array.from({ length: int(rand, 1, 4) }, () => randomCondition(rand, catalog));
      const require: Require = pick(rand, ['all', 'any', ...children.map((_, i) => i + 1)] as Require[]);
      const refs = children.map(() => pick(rand, [-2, 0, 1.5, 4]));
      const childSpans = children.map((c, i) => spansFor(c, logs, N, refs[i], D + 1, N));
      const spans = groupSpans(require, childSpans, D + 1, N);
      for (let t = D + 1; t <= N; t += 1 + (t % 4)) {
        const want = naive(require, children.map((c, i) => statusAt(c, ctxAt(c, logs, N, refs[i]), t)));
        expect(statusOn(spans, t)).toBe(want);
      }
    }
  });
});

describe('packed spans', () => {
  it('round-trip spans of every status, and read the met ones as day pairs', () => {
    const spans: Span[] = [
      { from: 100, to: 104, status: 'met' },
      { from: 105, to: 105, status: 'not-met' },
      { from: 106, to: 200, status: 'no-data' },
      { from: 201, to: 201, status: 'met' },
    ];
    const p = packSpans(spans);
    expect(p).toHaveLength(12);
    expect(unpackSpans(p)).toEqual(spans);
    expect(packedMetSpans(p)).toEqual([
      [100, 104],
      [201, 201],
    ]);
    expect(unpackSpans(packSpans([]))).toEqual([]);
  });
});
