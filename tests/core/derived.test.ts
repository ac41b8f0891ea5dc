/**
 * Derived series: each op on hand-made cases (month ends, leap days, an input that starts late,
 * division by zero, a revision of an input after a note, a withdrawal), and every op against a naive
 * reference on seeded random logs: the derived view at V computed from the inputs' views at V only.
 */
import { describe, expect, it } from 'vitest';
import { day, formatDay, parseDuration, subtractDuration, type Day } from '../../src/core/dates.ts';
import { deriveRows, roundDerived } from '../../src/core/derived.ts';
import type { Derive } from '../../src/core/schema.ts';
import { SeriesLog } from '../../src/core/store.ts';
import { int, numberMeta, pick, prng, series, type Row } from './helpers.ts';

const derived = (d: Derive, ...inputs: SeriesLog[]) => new SeriesLog('derived', numberMeta(), deriveRows(d, d.window ? parseDuration(d.window) : undefined, inputs));
/** The derived view at vintage V as [date, value] pairs. */
const view = (log: SeriesLog, V: string) => log.asOf(day(V)).observations().map((o) => [formatDay(o.date), o.value]);

describe('derive ops on hand-made cases', () => {
  const a = series('a', [
    ['2024-02-27', 4.33],
    ['2024-02-28', 4.4],
    ['2024-02-29', 4.5],
    ['2024-03-01', 4.45],
  ]).log;
  const b = series('b', [
    ['2024-02-28', 4.28],
    ['2024-03-01', 0],
  ]).log;

  it('spread: every date of any input, once every input has a value; step values; rounded', () => {
    expect(view(derived({ op: 'spread', of: ['a', 'b'] }, a, b), '2024-12-31')).toEqual([
      ['2024-02-28', 0.12],
      ['2024-02-29', 0.22],
      ['2024-03-01', 4.45],
    ]);
  });

  it('ratio with scale, and no observation where the divisor is 0', () => {
    expect(view(derived({ op: 'ratio', of: ['a', 'b'], scale: 100 }, a, b), '2024-12-31')).toEqual([
      ['2024-02-28', roundDerived((100 * 4.4) / 4.28)],
      ['2024-02-29', roundDerived((100 * 4.5) / 4.28)],
    ]);
  });

  it('sum of three', () => {
    const c = series('c', [['2024-02-29', 1]]).log;
    expect(view(derived({ op: 'sum', of: ['a', 'b', 'c'] }, a, b, c), '2024-12-31')).toEqual([
      ['2024-02-29', 9.78],
      ['2024-03-01', 5.45],
    ]);
  });

  it('mean and total over (t − window, t], across a leap day', () => {
    expect(view(derived({ op: 'mean', of: ['a'], window: '2d' }, a), '2024-12-31')).toEqual([
      ['2024-02-27', 4.33],
      ['2024-02-28', roundDerived((4.33 + 4.4) / 2)],
      ['2024-02-29', 4.45],
      ['2024-03-01', 4.475],
    ]);
    expect(view(derived({ op: 'total', of: ['a'], window: '1w' }, a), '2024-12-31').at(-1)).toEqual(['2024-03-01', 17.68]);
  });

  it('change and pct-change over calendar months clamp at month ends', () => {
    const m = series('m', [
      ['2024-01-31', 100],
      ['2024-02-29', 110],
      ['2024-03-31', 0],
      ['2024-04-30', 50],
    ]).log;
    // Feb 29 − 1m = Jan 29: before the first observation, so no change yet. Mar 31 − 1m = Feb 29;
    // Apr 30 − 1m = Mar 30, which holds Feb 29's 110.
    expect(view(derived({ op: 'change', of: ['m'], window: '1m' }, m), '2024-12-31')).toEqual([
      ['2024-03-31', -110],
      ['2024-04-30', -60],
    ]);
    // Apr 30 − 1m = Mar 30, whose value (Feb 29's 110) is not 0.
    expect(view(derived({ op: 'pct-change', of: ['m'], window: '1m' }, m), '2024-12-31')).toEqual([
      ['2024-03-31', -100],
      ['2024-04-30', roundDerived(100 * (50 / 110 - 1))],
    ]);
    // Apr 30 − 30d = Mar 31, whose value is 0: no percent change there.
    expect(view(derived({ op: 'pct-change', of: ['m'], window: '30d' }, m), '2024-12-31')).toEqual([['2024-03-31', -100]]);
    const z = series('z', [
      ['2024-01-01', 0],
      ['2024-02-01', 5],
    ]).log;
    expect(view(derived({ op: 'pct-change', of: ['z'], window: '1m' }, z), '2024-12-31')).toEqual([]);
  });

  it('an input that starts late: nothing before both exist', () => {
    const late = series('late', [['2024-03-01', 1]]).log;
    expect(view(derived({ op: 'spread', of: ['a', 'late'] }, a, late), '2024-12-31')).toEqual([['2024-03-01', 3.45]]);
  });

  it('a revision of an input after a note changes the view as known now, never as known then', () => {
    const x = series('x', [
      ['2026-01-05', 10, '2026-01-05'],
      ['2026-01-06', 11, '2026-01-06'],
      ['2026-01-06', 15, '2026-01-20'],
    ]).log;
    const y = series('y', [['2026-01-05', 2, '2026-01-05']]).log;
    const s = derived({ op: 'spread', of: ['x', 'y'] }, x, y);
    expect(view(s, '2026-01-10')).toEqual([
      ['2026-01-05', 8],
      ['2026-01-06', 9],
    ]);
    expect(view(s, '2026-01-20')).toEqual([
      ['2026-01-05', 8],
      ['2026-01-06', 13],
    ]);
    // The derived log records the revision on the input's vintage.
    expect(Array.from(s.versionVintage, formatDay)).toContain('2026-01-20');
  });

  it('a withdrawn input observation withdraws what it gave', () => {
    const x = series('x', [
      ['2026-01-05', 10, '2026-01-05'],
      ['2026-01-06', 11, '2026-01-06'],
      ['2026-01-06', 'withdrawn', '2026-01-09'],
    ]).log;
    const s = derived({ op: 'change', of: ['x'], window: '1d' }, x);
    expect(view(s, '2026-01-08')).toEqual([['2026-01-06', 1]]);
    expect(view(s, '2026-01-09')).toEqual([]);
  });
});

/** Naive: the derived observations at V from rows, by the definitions. */
function naiveDerived(d: Derive, inputs: { date: Day; value: number; vintage: Day }[][], V: Day): [Day, number][] {
  const known = inputs.map((rows) => {
    const latest = new Map<Day, number>();
    for (const r of rows) if (r.vintage <= V) latest.set(r.date, r.value);
    return [...latest].filter(([, v]) => !Number.isNaN(v)).sort((p, q) => p[0] - q[0]);
  });
  const stepAt = (k: number, t: Day) => {
    let v: number | undefined;
    for (const [dd, x] of known[k]!) if (dd <= t) v = x;
    return v;
  };
  const scale = d.scale ?? 1;
  const out: [Day, number][] = [];
  const push = (t: Day, v: number) => {
    const r = roundDerived(scale * v);
    if (Number.isFinite(r)) out.push([t, r]);
  };
  const w = d.window ? parseDuration(d.window)! : undefined;
  if (d.op === 'spread' || d.op === 'ratio' || d.op === 'sum') {
    const dates = [...new Set(known.flatMap((k) => k.map(([dd]) => dd)))].sort((p, q) => p - q);
    for (const t of dates) {
      const vals = known.map((_, k) => stepAt(k, t));
      if (vals.some((v) => v === undefined)) continue;
      const v = vals as number[];
      if (d.op === 'spread') push(t, v[0]! - v[1]!);
      else if (d.op === 'ratio') v[1] !== 0 && push(t, v[0]! / v[1]!);
      else push(t, v.reduce((p, q) => p + q, 0));
    }
  } else if (d.op === 'mean' || d.op === 'total') {
    for (const [t] of known[0]!) {
      const inWindow = known[0]!.filter(([dd]) => dd > subtractDuration(t, w!) && dd <= t).map(([, v]) => v);
      const sum = inWindow.reduce((p, q) => p + q, 0);
      push(t, d.op === 'mean' ? sum / inWindow.length : sum);
    }
  } else {
    for (const [t, x] of known[0]!) {
      const past = stepAt(0, subtractDuration(t, w!));
      if (past === undefined) continue;
      if (d.op === 'change') push(t, x - past);
      else if (past !== 0) push(t, 100 * (x / past - 1));
    }
  }
  return out;
}

describe('every op matches the naive reference at every vintage (seeded random logs)', () => {
  const recipes: Derive[] = [
    { op: 'spread', of: ['a', 'b'] },
    { op: 'ratio', of: ['a', 'b'], scale: 100 },
    { op: 'sum', of: ['a', 'b', 'c'] },
    { op: 'mean', of: ['a'], window: '5d' },
    { op: 'total', of: ['a'], window: '2w' },
    { op: 'change', of: ['a'], window: '1m' },
    { op: 'pct-change', of: ['b'], window: '1m' },
    { op: 'change', of: ['c'], window: '1y' },
  ];
  it.each(recipes.map((r) => [r.op, r] as const))('%s', (_op, recipe) => {
    const rand = prng(recipe.op.length * 7919 + (recipe.window?.length ?? 0));
    for (let trial = 0; trial < 6; trial++) {
      const start = day('2024-01-15') + int(rand, 0, 30);
      const raws = ['a', 'b', 'c'].map(() => {
        const rows: { date: Day; value: number; vintage: Day }[] = [];
        const valued = new Map<Day, boolean>();
        const startK = start + int(rand, 0, 40);
        for (let v = startK; v < startK + 420; v++) {
          if (rand() < 0.35) continue;
          const date = rand() < 0.8 ? v - int(rand, 0, 2) : v - int(rand, 3, 60);
          if (rows.some((r) => r.date === date && r.vintage === v)) continue;
          const withdraw = valued.get(date) === true && rand() < 0.1;
          const value = withdraw ? NaN : pick(rand, [0, 1, 2, 3.5, -1, 10]);
          rows.push({ date, value, vintage: v });
          valued.set(date, !withdraw);
        }
        return rows;
      });
      const logs = raws.map((rows, k) => series('abc'[k]!, rows.map((r) => [formatDay(r.date), Number.isNaN(r.value) ? 'withdrawn' : r.value, formatDay(r.vintage)] as Row)).log);
      const inputs = recipe.of.map((id) => logs['abc'.indexOf(id)]!);
      const log = derived(recipe, ...inputs);
      for (let q = 0; q < 12; q++) {
        const V = start + int(rand, -5, 470);
        const got = log.asOf(V).observations().map((o) => [o.date, o.value]);
        expect(got, `${recipe.op} V=${formatDay(V)}`).toEqual(naiveDerived(recipe, recipe.of.map((id) => raws['abc'.indexOf(id)]!), V));
      }
    }
  });
});
