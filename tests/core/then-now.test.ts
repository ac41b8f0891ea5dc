import { describe, expect, it } from 'vitest';
import { resolveCondition, type Condition } from '../../src/core/conditions.ts';
import { day, formatDay } from '../../src/core/dates.ts';
import { watchPropsSchema, type SeriesMeta } from '../../src/core/schema.ts';
import type { SeriesLog } from '../../src/core/store.ts';
import { pickSnapshot, STALE_AFTER_DAYS, thenNow } from '../../src/core/then-now.ts';
import { numberMeta, plus, series, statusMeta, type Row } from './helpers.ts';

function setup(defs: Record<string, { meta: SeriesMeta; rows: Row[] }>) {
  const logs = new Map<string, SeriesLog>();
  for (const [id, { meta, rows }] of Object.entries(defs)) logs.set(id, series(id, rows, meta).log);
  const cond = (props: Record<string, unknown>): Condition => {
    const r = resolveCondition(watchPropsSchema.parse(props), (id) => defs[id]?.meta);
    if (!('condition' in r)) throw new Error(JSON.stringify(r.problems));
    return r.condition;
  };
  return { logs, cond };
}

const D = day('2026-05-20');
const S = day('2026-05-20');
const N = day('2026-06-15');

describe('pickSnapshot', () => {
  const snaps = ['2026-01-31', '2026-02-28', '2026-03-31'].map(day);
  it.each([
    ['2026-03-15', undefined, '2026-02-28', 'newest on or before the note'],
    ['2026-03-31', undefined, '2026-03-31', 'same day counts'],
    ['2027-01-01', undefined, '2026-03-31', 'after the newest'],
    ['2026-03-15', '2026-01-31', '2026-01-31', 'explicit older snapshot'],
    ['2026-03-31', '2026-03-31', '2026-03-31', 'explicit same day'],
  ])('note %s, snapshot %s: %s (%s)', (note, explicit, expected, _why) => {
    const r = pickSnapshot(day(note), explicit === undefined ? undefined : day(explicit), snaps);
    expect(r).toEqual({ snapshot: day(expected) });
  });

  it.each([
    ['2026-01-30', undefined, /no snapshot on or before the note's date 2026-01-30/, /npm run data -- seal/],
    ['2026-03-15', '2026-03-01', /snapshot 2026-03-01 does not exist/, /data\/snapshots/],
    ['2026-03-15', '2026-03-31', /snapshot 2026-03-31 is after the note's date 2026-03-15/, /earlier snapshot/],
  ])('note %s, snapshot %s is an error', (note, explicit, message, hint) => {
    const r = pickSnapshot(day(note), explicit === undefined ? undefined : day(explicit), snaps);
    expect('message' in r && r.message).toMatch(message);
    expect('hint' in r && r.hint).toMatch(hint);
  });

  it('no snapshots at all is an error', () => {
    expect(pickSnapshot(D, undefined, [])).toHaveProperty('message');
  });
});

describe('thenNow: a revision (4.1 then, 4.3 now)', () => {
  // CPI-like monthly series: the May value was 4.1 when the note was sealed, revised to 4.3 on Jun 11.
  const { logs, cond } = setup({
    cpi: {
      meta: numberMeta({ frequency: 'monthly' }),
      rows: [
        ['2026-04-01', 3.9, '2026-04-14'],
        ['2026-05-01', 4.1, '2026-05-12'],
        ['2026-05-01', 4.3, '2026-06-11'],
      ],
    },
  });

  it('above 4.2: not met then, met now, first met the day after the note', () => {
    const r = thenNow(cond({ series: 'cpi', above: 4.2 }), logs, D, S, N);
    expect(r).toMatchObject({
      then: { date: '2026-05-20', snapshot: '2026-05-20', status: 'not-met', value: 4.1, observed: '2026-05-01', stale: false },
      now: { date: '2026-06-15', snapshot: '2026-06-15', status: 'met', value: 4.3, observed: '2026-05-01', stale: false },
      // As known now, May 1 was 4.3 all along.
      firstMetAfterNote: '2026-05-21',
      reference: null,
    });
    // The value shown for then was revised, and the revision alone flips the then test.
    expect(r.then).toMatchObject({ revisedValue: 4.3, revisedOn: '2026-06-11', statusAsKnownNow: 'met' });
    expect(r.spans).toEqual([{ from: day('2026-05-21'), to: day('2026-06-15'), status: 'met' }]);
  });

  it('an unrevised then value has no revision mark', () => {
    const r = thenNow(cond({ series: 'cpi', above: 3 }), logs, day('2026-04-20'), day('2026-04-20'), N);
    expect(r.then).toMatchObject({ value: 3.9, observed: '2026-04-01', revisedValue: null, revisedOn: null, statusAsKnownNow: 'met' });
  });

  it('above then: the reference is the value known in the note snapshot', () => {
    const r = thenNow(cond({ series: 'cpi', above: 'then' }), logs, D, S, N);
    expect(r.reference).toBe(4.1);
    expect(r.then.status).toBe('baseline');
    expect(r.then.value).toBe(4.1);
    expect(r.now.status).toBe('met');
    expect(r.firstMetAfterNote).toBe('2026-05-21');
  });

  it('below then: not met now', () => {
    const r = thenNow(cond({ series: 'cpi', below: 'then' }), logs, D, S, N);
    expect([r.then.status, r.now.status, r.firstMetAfterNote]).toEqual(['baseline', 'not-met', null]);
  });

  it('an older snapshot for the same note sees even less', () => {
    const r = thenNow(cond({ series: 'cpi', above: 4 }), logs, D, day('2026-05-01'), N);
    // Apr 1 is 49 days before the note: within a monthly series' 45 days plus its typical
    // publication lag (13 days: Apr 1 was first published Apr 14), so not stale (issue 12).
    expect(r.then).toMatchObject({ snapshot: '2026-05-01', status: 'not-met', value: 3.9, observed: '2026-04-01', stale: false });
    expect(r.then.staleRule).toMatch(/58 days .*45.*lag of 13/);
  });

  it('a `then` test with for: baseline then, held now from the day after', () => {
    const r = thenNow(cond({ series: 'cpi', above: 'then', for: '2w' }), logs, D, S, N);
    expect(r.then.status).toBe('baseline');
    expect(r.now.status).toBe('met');
    // x > 4.1 since May 1 as known now, so the two-week window completes the day after the note.
    expect(r.firstMetAfterNote).toBe('2026-05-21');
  });
});

describe('thenNow: a backfilled series (no data then, data now)', () => {
  const { logs, cond } = setup({
    late: {
      meta: numberMeta(),
      rows: [
        ['2026-05-11', 7, '2026-06-01'],
        ['2026-05-18', 8, '2026-06-01'],
        ['2026-06-12', 9, '2026-06-12'],
      ],
    },
  });

  it('above 7.5: no data then, met now, first met after the note', () => {
    const r = thenNow(cond({ series: 'late', above: 7.5 }), logs, D, S, N);
    expect(r.then).toEqual({ date: '2026-05-20', snapshot: '2026-05-20', status: 'no-data', value: null, observed: null, stale: false, staleRule: null, compared: null, revisedValue: null, revisedOn: null, statusAsKnownNow: 'met' });
    expect(r.now).toMatchObject({ status: 'met', value: 9, observed: '2026-06-12', stale: false });
    expect(r.firstMetAfterNote).toBe('2026-05-21');
  });

  it('a `then` test without a value then has no baseline and no data now', () => {
    const r = thenNow(cond({ series: 'late', above: 'then' }), logs, D, S, N);
    expect([r.then.status, r.now.status, r.reference, r.firstMetAfterNote]).toEqual(['no-data', 'no-data', null, null]);
  });
});

describe('thenNow: rows after now are left out of now', () => {
  const { logs, cond } = setup({
    fx: {
      meta: numberMeta(),
      rows: [
        ['2026-05-19', 150, '2026-05-19'],
        ['2026-06-12', 151, '2026-06-12'],
        ['2026-06-15', 160, '2026-06-16'],
      ],
    },
  });
  it('the Jun 16 vintage is not seen at N = Jun 15', () => {
    const r = thenNow(cond({ series: 'fx', above: 155 }), logs, D, S, N);
    expect(r.now).toMatchObject({ status: 'not-met', value: 151, observed: '2026-06-12' });
    expect(r.firstMetAfterNote).toBeNull();
    // One day later the same log meets it.
    const later = thenNow(cond({ series: 'fx', above: 155 }), logs, D, S, day('2026-06-16'));
    expect(later.now.status).toBe('met');
    expect(later.firstMetAfterNote).toBe('2026-06-15');
  });
});

describe('thenNow: status series and sustained runs', () => {
  const { logs, cond } = setup({
    bill: {
      meta: statusMeta(['pending', 'passed', 'enacted']),
      rows: [
        ['2026-04-02', 'pending'],
        ['2026-05-10', 'passed'],
        ['2026-06-03', 'enacted'],
      ],
    },
  });
  it('equals passed for 2w: the run that began before the note completes on May 24', () => {
    const r = thenNow(cond({ series: 'bill', equals: 'passed', for: '2w' }), logs, D, S, N);
    expect(r.then).toMatchObject({ status: 'not-met', value: 'passed', observed: '2026-05-10', stale: false });
    expect(r.now).toMatchObject({ status: 'not-met', value: 'enacted', observed: '2026-06-03' });
    expect(r.firstMetAfterNote).toBe('2026-05-24');
  });
  it('equals enacted: met now, first met on the day it happened', () => {
    const r = thenNow(cond({ series: 'bill', equals: 'enacted' }), logs, D, S, N);
    expect([r.then.status, r.now.status, r.firstMetAfterNote]).toEqual(['not-met', 'met', '2026-06-03']);
  });
});

describe('stale marks per frequency', () => {
  const cases = (['daily', 'weekly', 'monthly', 'quarterly'] as const).flatMap((fq) => [
    [fq, STALE_AFTER_DAYS[fq], false] as const,
    [fq, STALE_AFTER_DAYS[fq] + 1, true] as const,
  ]);
  it('limits are the contract', () => {
    expect(STALE_AFTER_DAYS).toEqual({ daily: 7, weekly: 21, monthly: 45, quarterly: 120, irregular: Infinity });
  });
  it.each([...cases, ['irregular', 5000, false] as const])('%s observation %i days old: stale %s', (fq, age, stale) => {
    const meta = numberMeta({ frequency: fq });
    const thenSide = setup({ s: { meta, rows: [[formatDay(D - age), 1]] } });
    const then = thenNow(thenSide.cond({ series: 's', above: 0 }), thenSide.logs, D, S, N).then;
    expect(then).toMatchObject({ observed: formatDay(D - age), stale });
    const nowSide = setup({ s: { meta, rows: [[formatDay(N - age), 1]] } });
    const now = thenNow(nowSide.cond({ series: 's', above: 0 }), nowSide.logs, D, S, N).now;
    expect(now).toMatchObject({ observed: formatDay(N - age), stale });
  });

  it('a stale compared series makes the evaluation stale', () => {
    const { logs, cond } = setup({
      a: { meta: numberMeta(), rows: [[plus('2026-06-15', -1), 2, '2026-06-15']] },
      b: { meta: numberMeta({ frequency: 'weekly' }), rows: [[plus('2026-06-15', -22), 1]] },
      c: { meta: numberMeta({ frequency: 'weekly' }), rows: [[plus('2026-06-15', -21), 1]] },
    });
    expect(thenNow(cond({ series: 'a', above: 'b' }), logs, D, S, N).now.stale).toBe(true);
    expect(thenNow(cond({ series: 'a', above: 'c' }), logs, D, S, N).now.stale).toBe(false);
  });
});
