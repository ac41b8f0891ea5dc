import { describe, expect, it } from 'vitest';
import {
  changeDays,
  describeTest,
  firstMetBetween,
  resolveCondition,
  statusAt,
  truthAt,
  type Condition,
  type EvalContext,
} from '../../src/core/conditions.ts';
import { day, formatDay, subtractDuration, type Day } from '../../src/core/dates.ts';
import { watchPropsSchema, type SeriesMeta } from '../../src/core/schema.ts';
import type { SeriesLog } from '../../src/core/store.ts';
import { int, naiveAt, numberMeta, pick, prng, series, statusMeta, type RawRow, type Row } from './helpers.ts';

const STATES = ['pending', 'passed', 'enacted'];
const metas: Record<string, SeriesMeta> = {
  rate: numberMeta(),
  floor: numberMeta({ frequency: 'weekly' }),
  bill: statusMeta(STATES),
  step: numberMeta({ frequency: 'monthly' }),
};
const catalog = (id: string) => metas[id];

function cond(props: Record<string, unknown>): Condition {
  const parsed = watchPropsSchema.parse(props);
  const r = resolveCondition(parsed, catalog);
  if (!('condition' in r)) throw new Error(`test condition did not resolve: ${JSON.stringify(r.problems)}`);
  return r.condition;
}

// Weekday data, all known on their own dates.
const rate = series('rate', [
  ['2026-01-05', 4.0],
  ['2026-01-06', 4.1],
  ['2026-01-07', 4.2],
  ['2026-01-08', 4.3],
  ['2026-01-09', 4.4],
  ['2026-01-12', 4.5],
  ['2026-01-13', 4.0],
  ['2026-01-14', 4.6],
  ['2026-01-15', 4.7],
  ['2026-01-16', 4.8],
  // a gap: nothing until Feb 2
  ['2026-02-02', 4.9],
]);
const floor = series('floor', [
  ['2026-01-06', 4.15],
  ['2026-01-12', 4.45],
  ['2026-01-19', 5.0],
]);
const bill = series(
  'bill',
  [
    ['2026-01-05', 'pending'],
    ['2026-01-20', 'passed'],
    ['2026-03-10', 'enacted'],
  ],
  metas.bill!,
);
const logs: Record<string, SeriesLog> = { rate: rate.log, floor: floor.log, bill: bill.log };
const NOW = day('2026-12-31');

function ctxFor(c: Condition, thenValue?: number, vintage: Day = NOW): EvalContext {
  const x = logs[c.series]!.asOf(vintage);
  const y = (c.test === 'above' || c.test === 'below') && c.target.type === 'series' ? logs[c.target.id]!.asOf(vintage) : undefined;
  return { x, ...(y ? { y } : {}), ...(thenValue !== undefined ? { thenValue } : {}) };
}

describe('resolveCondition', () => {
  it.each([
    [{ series: 'rate', above: 4 }, { test: 'above', series: 'rate', target: { type: 'number', n: 4 } }],
    [{ series: 'rate', below: 'then', for: '2w' }, { test: 'below', series: 'rate', target: { type: 'then' }, for: { n: 2, unit: 'w' } }],
    [{ series: 'rate', above: 'floor' }, { test: 'above', series: 'rate', target: { type: 'series', id: 'floor' } }],
    [{ series: 'bill', equals: 'passed', for: '1m' }, { test: 'equals', series: 'bill', states: [1], stateNames: ['passed'], for: { n: 1, unit: 'm' } }],
    [{ series: 'bill', equals: ['enacted', 'pending'] }, { test: 'equals', series: 'bill', states: [2, 0], stateNames: ['enacted', 'pending'], list: true }],
    [{ series: 'bill', equals: ['enacted'] }, { test: 'equals', series: 'bill', states: [2], stateNames: ['enacted'], list: true }],
    [{ series: 'rate', between: [4, 4.5], for: '3d' }, { test: 'between', series: 'rate', lo: 4, hi: 4.5, for: { n: 3, unit: 'd' } }],
    [{ series: 'rate', trend: 'rising', over: '1w', for: '2w' }, { test: 'trend', series: 'rate', direction: 'rising', over: { n: 1, unit: 'w' }, for: { n: 2, unit: 'w' } }],
    [{ series: 'rate', trend: 'not-falling', over: '3m' }, { test: 'trend', series: 'rate', direction: 'not-falling', over: { n: 3, unit: 'm' } }],
  ])('%j', (props, expected) => {
    expect(resolveCondition(watchPropsSchema.parse(props), catalog)).toEqual({ condition: expected });
  });

  it.each([
    [{ series: 'nope', above: 1 }, 'series', /unknown series "nope"/],
    [{ series: 'bill', above: 1 }, 'above', /"bill" is a status series; `above` needs a number series/],
    [{ series: 'rate', below: 'nope' }, 'below', /"nope" is neither a number, "then", nor a known series/],
    [{ series: 'rate', above: 'bill' }, 'above', /"bill" is a status series and cannot be compared/],
    [{ series: 'rate', above: 'rate' }, 'above', /compared with itself/],
    [{ series: 'rate', equals: 'passed' }, 'equals', /"rate" is a number series; `equals` needs a status series/],
    [{ series: 'bill', equals: 'vetoed' }, 'equals', /"vetoed" is not a state of "bill"/],
    [{ series: 'bill', equals: ['passed', 'vetoed', 'tabled'] }, 'equals', /"vetoed", "tabled" are not states of "bill"/],
    [{ series: 'bill', between: [1, 2] }, 'between', /"bill" is a status series; `between` needs a number series/],
    [{ series: 'bill', trend: 'rising', over: '1w' }, 'trend', /status series and has no trend/],
  ])('%j is refused on field %s', (props, field, message) => {
    const r = resolveCondition(watchPropsSchema.parse(props), catalog);
    expect('problems' in r).toBe(true);
    if (!('problems' in r)) return;
    expect(r.problems[0]!.field).toBe(field);
    expect(r.problems[0]!.message).toMatch(message);
    expect(r.problems[0]!.hint).toBeTruthy();
  });

  it('describeTest gives back the props as written', () => {
    expect(describeTest(cond({ series: 'rate', above: 4, for: '2w' }))).toEqual({ above: 4, for: '2w' });
    expect(describeTest(cond({ series: 'rate', below: 'then' }))).toEqual({ below: 'then' });
    expect(describeTest(cond({ series: 'rate', below: 'floor' }))).toEqual({ below: 'floor' });
    expect(describeTest(cond({ series: 'bill', equals: 'passed' }))).toEqual({ equals: 'passed' });
    expect(describeTest(cond({ series: 'bill', equals: ['passed'] }))).toEqual({ equals: ['passed'] });
    expect(describeTest(cond({ series: 'bill', equals: ['passed', 'enacted'], for: '1w' }))).toEqual({ equals: ['passed', 'enacted'], for: '1w' });
    expect(describeTest(cond({ series: 'rate', between: [4, 4.5] }))).toEqual({ between: [4, 4.5] });
    expect(describeTest(cond({ series: 'rate', trend: 'rising', over: '1m', for: '2w' }))).toEqual({ trend: 'rising', over: '1m', for: '2w' });
    expect(describeTest(cond({ series: 'rate', trend: 'rising', over: '1m' }))).toEqual({ trend: 'rising', over: '1m' });
  });
});

type Case = [T: string, props: Record<string, unknown>, expected: 'met' | 'not-met' | 'no-data', why: string];
const cases: Case[] = [
  // above / below a number
  ['2026-01-08', { series: 'rate', above: 4.25 }, 'met', '4.3 > 4.25'],
  ['2026-01-07', { series: 'rate', above: 4.25 }, 'not-met', '4.2'],
  ['2026-01-09', { series: 'rate', above: 4.4 }, 'not-met', 'equal is not above'],
  ['2026-01-04', { series: 'rate', above: 1 }, 'no-data', 'before the first observation'],
  ['2026-01-13', { series: 'rate', below: 4.0 }, 'not-met', 'equal is not below'],
  ['2026-01-13', { series: 'rate', below: 4.05 }, 'met', '4.0 < 4.05'],
  ['2026-01-04', { series: 'rate', below: 100 }, 'no-data', 'before the first observation'],
  ['2026-01-10', { series: 'rate', above: 4.35 }, 'met', 'Saturday holds Friday 4.4'],
  ['2026-01-11', { series: 'rate', below: 4.45 }, 'met', 'Sunday holds Friday 4.4'],
  ['2026-01-30', { series: 'rate', above: 4.75 }, 'met', 'a gap holds Jan 16 4.8'],
  // above / below another series on the same day
  ['2026-01-05', { series: 'rate', above: 'floor' }, 'no-data', 'floor starts Jan 6'],
  ['2026-01-06', { series: 'rate', above: 'floor' }, 'not-met', '4.1 vs 4.15'],
  ['2026-01-07', { series: 'rate', above: 'floor' }, 'met', '4.2 vs 4.15'],
  ['2026-01-12', { series: 'rate', above: 'floor' }, 'met', '4.5 vs 4.45'],
  ['2026-01-13', { series: 'rate', below: 'floor' }, 'met', '4.0 vs 4.45'],
  ['2026-01-20', { series: 'rate', below: 'floor' }, 'met', '4.8 vs 5.0, both held over a gap'],
  // equals
  ['2026-01-25', { series: 'bill', equals: 'passed' }, 'met', 'passed since Jan 20'],
  ['2026-01-19', { series: 'bill', equals: 'passed' }, 'not-met', 'still pending'],
  ['2026-01-04', { series: 'bill', equals: 'pending' }, 'no-data', 'before the first state'],
  ['2026-03-10', { series: 'bill', equals: 'enacted' }, 'met', 'enacted that day'],
  // with `for`
  ['2026-01-09', { series: 'rate', above: 4.05, for: '3d' }, 'met', 'Jan 6-9 all above'],
  ['2026-01-08', { series: 'rate', above: 4.05, for: '3d' }, 'not-met', 'Jan 5 is 4.0'],
  ['2026-01-12', { series: 'rate', above: 4.05, for: '6d' }, 'met', 'Jan 6-12 including a weekend'],
  ['2026-01-13', { series: 'rate', above: 4.05, for: '1d' }, 'not-met', 'Jan 13 is 4.0'],
  ['2026-01-08', { series: 'rate', above: 1, for: '1w' }, 'no-data', 'Jan 1-4 have no value, none fails'],
  ['2026-01-08', { series: 'rate', above: 4.05, for: '1w' }, 'not-met', 'a failing day beats missing days'],
  ['2026-01-30', { series: 'rate', above: 4.55, for: '2w' }, 'met', 'Jan 16-30: 4.7 through the gap'],
  ['2026-01-30', { series: 'rate', above: 4.55, for: '17d' }, 'not-met', 'Jan 13 is in the window'],
  ['2026-01-16', { series: 'rate', above: 'floor', for: '3d' }, 'not-met', 'Jan 13 rate 4.0 below floor 4.45'],
  ['2026-01-16', { series: 'rate', above: 'floor', for: '2d' }, 'met', 'Jan 14-16 rate above floor 4.45'],
  ['2026-01-19', { series: 'rate', above: 'floor', for: '2d' }, 'not-met', 'floor jumps to 5.0 on Jan 19'],
  ['2026-02-19', { series: 'bill', equals: 'passed', for: '4w' }, 'met', 'Jan 22 - Feb 19 all passed'],
  ['2026-02-20', { series: 'bill', equals: 'passed', for: '1m' }, 'met', 'Jan 20 - Feb 20'],
  ['2026-02-19', { series: 'bill', equals: 'passed', for: '1m' }, 'not-met', 'Jan 19 pending'],
  ['2026-03-10', { series: 'bill', equals: 'passed', for: '1w' }, 'not-met', 'enacted on the day'],
  ['2026-01-10', { series: 'bill', equals: 'pending', for: '1w' }, 'no-data', 'Jan 3-4 unknown'],
  // trend
  ['2026-01-12', { series: 'rate', trend: 'rising', over: '1w' }, 'met', '4.5 vs 4.0'],
  ['2026-01-12', { series: 'rate', trend: 'falling', over: '1w' }, 'not-met', '4.5 vs 4.0'],
  ['2026-01-12', { series: 'rate', trend: 'not-rising', over: '1w' }, 'not-met', '4.5 vs 4.0'],
  ['2026-01-12', { series: 'rate', trend: 'not-falling', over: '1w' }, 'met', '4.5 vs 4.0'],
  ['2026-01-13', { series: 'rate', trend: 'falling', over: '1w' }, 'met', '4.0 vs 4.1'],
  ['2026-01-10', { series: 'rate', trend: 'rising', over: '1d' }, 'not-met', 'Saturday equals Friday'],
  ['2026-01-10', { series: 'rate', trend: 'falling', over: '1d' }, 'not-met', 'Saturday equals Friday'],
  ['2026-01-10', { series: 'rate', trend: 'not-rising', over: '1d' }, 'met', 'Saturday equals Friday'],
  ['2026-01-10', { series: 'rate', trend: 'not-falling', over: '1d' }, 'met', 'Saturday equals Friday'],
  ['2026-01-11', { series: 'rate', trend: 'rising', over: '1w' }, 'no-data', 'Jan 4 unknown'],
  ['2026-02-05', { series: 'rate', trend: 'rising', over: '1m' }, 'met', '4.9 vs Jan 5 4.0'],
  ['2026-02-04', { series: 'rate', trend: 'rising', over: '1m' }, 'no-data', 'Jan 4 unknown'],
];

describe('statusAt: every test kind, with and without `for`', () => {
  it.each(cases)('%s %j: %s (%s)', (T, props, expected) => {
    const c = cond(props);
    expect(statusAt(c, ctxFor(c), day(T))).toBe(expected);
  });

  it.each([
    ['2026-01-09', 4.2, 'above', 'met'],
    ['2026-01-07', 4.2, 'above', 'not-met'],
    ['2026-01-07', 4.2, 'below', 'not-met'],
    ['2026-01-06', 4.2, 'below', 'met'],
    ['2026-01-04', 4.2, 'above', 'no-data'],
  ] as const)('%s against then = %d, %s: %s', (T, thenValue, test, expected) => {
    const c = cond({ series: 'rate', [test]: 'then' });
    expect(statusAt(c, ctxFor(c, thenValue), day(T))).toBe(expected);
  });

  it('a `then` test without a reference value has no data', () => {
    const c = cond({ series: 'rate', above: 'then' });
    expect(statusAt(c, ctxFor(c), day('2026-01-09'))).toBe('no-data');
    expect(truthAt(c, ctxFor(c), day('2026-01-09'))).toBeUndefined();
  });

  it('an older view does not see later observations', () => {
    const c = cond({ series: 'rate', above: 4.25 });
    expect(statusAt(c, ctxFor(c, undefined, day('2026-01-07')), day('2026-01-08'))).toBe('not-met');
    expect(statusAt(c, ctxFor(c, undefined, day('2026-01-08')), day('2026-01-08'))).toBe('met');
  });
});

describe('month-end windows', () => {
  // 0 until the day the step lands, 1 after.
  const steps: Array<[landing: string, T: string, expected: string, why: string]> = [
    ['2026-02-28', '2026-03-28', 'met', 'Mar 28 - 1m = Feb 28'],
    ['2026-02-28', '2026-03-27', 'not-met', 'Mar 27 - 1m = Feb 27'],
    ['2026-02-28', '2026-03-31', 'met', 'Mar 31 - 1m clamps to Feb 28'],
    ['2024-02-29', '2024-03-29', 'met', 'leap year: Mar 29 - 1m = Feb 29'],
    ['2024-02-29', '2024-03-28', 'not-met', 'leap year: Mar 28 - 1m = Feb 28'],
    ['2026-01-31', '2026-02-28', 'not-met', 'Feb 28 - 1m = Jan 28'],
    ['2026-01-31', '2026-03-01', 'met', 'Mar 1 - 1m = Feb 1'],
    ['2026-03-31', '2026-04-30', 'not-met', 'Apr 30 - 1m = Mar 30'],
    ['2026-03-31', '2026-05-01', 'met', 'May 1 - 1m = Apr 1'],
  ];
  it.each(steps)('step on %s, for 1m at %s: %s (%s)', (landing, T, expected) => {
    const s = series('step', [
      [formatDay(day(landing) - 60), 0],
      [landing, 1],
    ], metas.step);
    const c = cond({ series: 'step', above: 0.5, for: '1m' });
    const ctx = { x: s.log.asOf(day('2030-01-01')) };
    expect(statusAt(c, ctx, day(T))).toBe(expected);
    // firstMetAfterNote is the day the month-long run completes.
    const first = firstMetBetween(c, ctx, day(landing) - 10, day('2030-01-01'));
    const naiveFirst = steps.filter((x) => x[0] === landing && x[2] === 'met').map((x) => x[1]).sort()[0];
    expect(formatDay(first!)).toBe(naiveFirst);
  });

  it('a year window from Feb 29 completes on Mar 1 of the next year', () => {
    const s = series('step', [
      ['2024-01-01', 0],
      ['2024-02-29', 1],
    ], metas.step);
    const c = cond({ series: 'step', above: 0.5, for: '1y' });
    const ctx = { x: s.log.asOf(day('2030-01-01')) };
    expect(formatDay(firstMetBetween(c, ctx, day('2024-03-01'), day('2026-01-01'))!)).toBe('2025-03-01');
    expect(statusAt(c, ctx, day('2025-02-28'))).toBe('not-met');
  });

  it('a trend over 1m sees a Jan 30 observation first on Mar 1', () => {
    const s = series('step', [
      ['2026-01-01', 5],
      ['2026-01-30', 1],
    ], metas.step);
    const c = cond({ series: 'step', trend: 'rising', over: '1m' });
    const ctx = { x: s.log.asOf(day('2030-01-01')) };
    // x(t - 1m) is 5 while t - 1m < Jan 30, i.e. through Feb 28 (Feb 28 - 1m = Jan 28), then 1 from Mar 1.
    expect(changeDays(c, ctx, day('2026-02-01'), day('2026-03-31')).map(formatDay)).toContain('2026-03-01');
    const falling = cond({ series: 'step', trend: 'falling', over: '1m' });
    expect(statusAt(falling, ctx, day('2026-02-28'))).toBe('met');
    expect(statusAt(falling, ctx, day('2026-03-01'))).toBe('not-met');
  });
});

describe('firstMetBetween', () => {
  it.each([
    // [D, N, props, expected]
    ['2026-01-05', '2026-01-31', { series: 'rate', above: 4.25 }, '2026-01-08'],
    ['2026-01-09', '2026-01-31', { series: 'rate', above: 4.25 }, '2026-01-10'],
    ['2026-01-12', '2026-01-13', { series: 'rate', below: 4.05 }, '2026-01-13'],
    ['2026-01-05', '2026-01-31', { series: 'rate', above: 100 }, null],
    ['2026-01-09', '2026-01-09', { series: 'rate', above: 1 }, null],
    ['2026-01-09', '2026-01-05', { series: 'rate', above: 1 }, null],
    ['2025-12-01', '2026-01-31', { series: 'rate', above: 1 }, '2026-01-05'],
    // with for: the day the run completes
    ['2026-01-05', '2026-01-31', { series: 'rate', above: 4.05, for: '3d' }, '2026-01-09'],
    ['2026-01-05', '2026-01-08', { series: 'rate', above: 4.05, for: '3d' }, null],
    // the run began before the note: met the day after
    ['2026-01-09', '2026-01-31', { series: 'rate', above: 4.05, for: '3d' }, '2026-01-10'],
    ['2026-01-10', '2026-01-31', { series: 'rate', above: 4.05, for: '3d' }, '2026-01-11'],
    // Jan 13 breaks the run; the next completes Jan 14 + 3d
    ['2026-01-12', '2026-01-31', { series: 'rate', above: 4.05, for: '3d' }, '2026-01-17'],
    ['2026-01-01', '2026-02-28', { series: 'bill', equals: 'passed', for: '1m' }, '2026-02-20'],
    ['2026-02-25', '2026-03-31', { series: 'bill', equals: 'passed', for: '1m' }, '2026-02-26'],
    ['2026-01-01', '2026-02-19', { series: 'bill', equals: 'passed', for: '1m' }, null],
    ['2026-01-05', '2026-01-31', { series: 'rate', above: 'floor' }, '2026-01-07'],
    ['2026-01-05', '2026-01-31', { series: 'rate', above: 'floor', for: '2d' }, '2026-01-09'],
    ['2026-01-05', '2026-01-31', { series: 'rate', trend: 'falling', over: '1w' }, '2026-01-13'],
    ['2026-01-05', '2026-01-31', { series: 'rate', trend: 'rising', over: '1w' }, '2026-01-12'],
  ] as const)('D %s, N %s, %j: %s', (D, N, props, expected) => {
    const c = cond(props);
    const first = firstMetBetween(c, ctxFor(c), day(D), day(N));
    expect(first === undefined ? null : formatDay(first)).toBe(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// Cross-check against the definitions, evaluated day by day over seeded random data.

interface Raw {
  rows: RawRow[];
  meta: SeriesMeta;
}

function naiveTruth(c: Condition, xs: Raw, ys: Raw | undefined, V: Day, thenValue: number | undefined, t: Day): boolean | undefined {
  const x = naiveAt(xs.rows, V, t);
  if (!x) return undefined;
  switch (c.test) {
    case 'above':
    case 'below': {
      const ref = c.target.type === 'number' ? c.target.n : c.target.type === 'then' ? thenValue : ys && naiveAt(ys.rows, V, t)?.value;
      if (ref === undefined) return undefined;
      return c.test === 'above' ? x.value > ref : x.value < ref;
    }
    case 'between':
      return c.lo <= x.value && x.value <= c.hi;
    case 'equals':
      return c.states.includes(x.value);
    case 'trend': {
      const p = naiveAt(xs.rows, V, subtractDuration(t, c.over));
      if (!p) return undefined;
      return { rising: x.value > p.value, falling: x.value < p.value, 'not-rising': x.value <= p.value, 'not-falling': x.value >= p.value }[c.direction];
    }
  }
}

function naiveStatus(c: Condition, xs: Raw, ys: Raw | undefined, V: Day, thenValue: number | undefined, T: Day) {
  const from = c.for ? subtractDuration(T, c.for) : T;
  let undef = false;
  for (let t = from; t <= T; t++) {
    const v = naiveTruth(c, xs, ys, V, thenValue, t);
    if (v === false) return 'not-met';
    if (v === undefined) undef = true;
  }
  return undef ? 'no-data' : 'met';
}

/** Random append-only rows over ~200 days: gaps, ties, revisions and backfills. */
function randomRaw(rand: () => number, start: Day, kind: 'number' | 'status'): RawRow[] {
  const rows: RawRow[] = [];
  const density = 0.2 + rand() * 0.7;
  for (let dd = start; dd < start + 200; dd++) {
    if (rand() > density) continue;
    const lag = rand() < 0.15 ? int(rand, 10, 120) : int(rand, 0, 3);
    rows.push({ date: dd, value: kind === 'status' ? int(rand, 0, 2) : int(rand, 1, 3), vintage: dd + lag });
    if (rand() < 0.2) rows.push({ date: dd, value: int(rand, 0, 2), vintage: dd + lag + int(rand, 1, 60) });
  }
  rows.sort((a, b) => a.vintage - b.vintage);
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = `${r.date},${r.vintage}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const asRows = (raw: Raw): Row[] =>
  raw.rows.map((r) => [formatDay(r.date), raw.meta.kind === 'status' ? STATES[r.value]! : r.value, formatDay(r.vintage)]);

describe('statusAt and firstMetBetween match a day-by-day reference (seeded random data)', () => {
  const DURS = ['1d', '2d', '3d', '6d', '1w', '2w', '3w', '1m', '2m', '3m'];
  it.each([101, 202, 303, 404, 505, 606, 707, 808])('seed %i', (seed) => {
    const rand = prng(seed);
    // Start in late January so month windows cross Feb 29 of a leap year.
    const start = day('2024-01-20') + int(rand, 0, 15);
    const xs: Raw = { rows: randomRaw(rand, start, 'number'), meta: numberMeta() };
    const ys: Raw = { rows: randomRaw(rand, start + int(rand, -20, 20), 'number'), meta: numberMeta() };
    const ss: Raw = { rows: randomRaw(rand, start, 'status'), meta: statusMeta(STATES) };
    const x = series('x', asRows(xs), xs.meta).log;
    const y = series('y', asRows(ys), ys.meta).log;
    const s = series('s', asRows(ss), ss.meta).log;
    metas.x = xs.meta;
    metas.y = ys.meta;
    metas.s = ss.meta;
    let checked = 0;
    const seen = new Set<string>();
    for (let q = 0; q < 60; q++) {
      const test = pick(rand, ['above', 'below', 'between', 'equals', 'trend'] as const);
      const withFor = rand() < 0.6;
      let props: Record<string, unknown>;
      if (test === 'equals') props = { series: 's', equals: rand() < 0.5 ? pick(rand, STATES) : [pick(rand, STATES), 'enacted'].filter((v, i, a) => a.indexOf(v) === i) };
      else if (test === 'between') props = { series: 'x', between: pick(rand, [[1, 2], [2, 2], [1.5, 3], [2.5, 9]]) };
      else if (test === 'trend') props = { series: 'x', trend: pick(rand, ['rising', 'falling', 'not-rising', 'not-falling']), over: pick(rand, DURS) };
      else props = { series: 'x', [test]: pick(rand, [1.5, 2, 2.5, 'y', 'then']) };
      if (withFor) props.for = pick(rand, DURS);
      const c = cond(props);
      const xRaw = c.series === 's' ? ss : xs;
      const V = start + int(rand, 0, 320);
      const thenValue = rand() < 0.8 ? pick(rand, [1, 2, 3]) : undefined;
      const ctx: EvalContext = {
        x: (c.series === 's' ? s : x).asOf(V),
        ...((c.test === 'above' || c.test === 'below') && c.target.type === 'series' ? { y: y.asOf(V) } : {}),
        ...(thenValue !== undefined ? { thenValue } : {}),
      };
      for (let k = 0; k < 25; k++) {
        const T = start + int(rand, -10, 260);
        const expected = naiveStatus(c, xRaw, ys, V, thenValue, T);
        expect(statusAt(c, ctx, T), `${JSON.stringify(props)} V=${formatDay(V)} T=${formatDay(T)}`).toBe(expected);
        seen.add(expected);
        checked++;
      }
      for (let k = 0; k < 8; k++) {
        const D = start + int(rand, -30, 230);
        const N = D + int(rand, -2, 90);
        let naive: Day | undefined;
        for (let t = D + 1; t <= N; t++) {
          if (naiveStatus(c, xRaw, ys, V, thenValue, t) === 'met') {
            naive = t;
            break;
          }
        }
        const got = firstMetBetween(c, ctx, D, N);
        seen.add(naive === undefined ? 'never met' : naive === D + 1 ? 'met the day after' : 'met later');
        expect(got === undefined ? null : formatDay(got), `${JSON.stringify(props)} V=${formatDay(V)} D=${formatDay(D)} N=${formatDay(N)}`).toBe(
          naive === undefined ? null : formatDay(naive),
        );
        checked++;
      }
    }
    expect(checked).toBe(60 * 33);
    // The random cases must reach every outcome, or the comparison proves little.
    expect([...seen].sort()).toEqual(['met', 'met later', 'met the day after', 'never met', 'no-data', 'not-met']);
  });
});
