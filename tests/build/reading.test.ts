/**
 * Reading an old note, through a real build of tests/fixtures/archives/reading: every number below was
 * worked out by hand from the fixture's logs (a note dated 5 Mar reading the 5 Mar snapshot; now is the
 * 20 Mar snapshot). It covers a condition met on several separate spans, a revision after the note
 * that flips the then test, a series with no observation on the note's date, a derived series, a list
 * of states, a band, a group, and every kind of <Value>.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureSite, read } from './helpers.ts';

type Entry = Record<string, unknown> & { id: string; then: Record<string, unknown>; now: Record<string, unknown> };
let watches: Map<string, Entry>;
let values: Record<string, unknown>[];

beforeAll(async () => {
  const dist = await fixtureSite('reading');
  const json = JSON.parse(read(dist, 'watch.json')) as { now: string; watches: Entry[]; values: Record<string, unknown>[] };
  expect(json.now).toBe('2026-03-20');
  watches = new Map(json.watches.map((w) => [w.id, w]));
  values = json.values;
}, 300_000);

describe('/watch.json of a hand-computed archive', () => {
  it('lists a group before its children, each with its kind', () => {
    expect([...watches.values()].map((w) => [w.id, w.kind, w.group ?? null])).toEqual([
      ['rate-above-4-5', 'watch', null],
      ['the-bill-passes', 'watch', null],
      ['gauge-between-1-and-2', 'watch', null],
      ['rate-over-the-floor-for-three-days', 'watch', null],
      ['either-breaks-out', 'group', null],
      ['rate-above-4-75', 'watch', 'either-breaks-out'],
      ['the-bill-becomes-law', 'watch', 'either-breaks-out'],
    ]);
    expect(watches.get('either-breaks-out')).toMatchObject({ title: 'Either breaks out', require: 'any', children: ['rate-above-4-75', 'the-bill-becomes-law'] });
  });

  it('rate above 4.5: revised after the note (4.40 → 4.55) so it would now read as met; met on two separate spans', () => {
    expect(watches.get('rate-above-4-5')).toMatchObject({
      above: 4.5,
      then: { status: 'not-met', value: 4.4, observed: '2026-03-05', revisedValue: 4.55, statusAsKnownNow: 'met' },
      now: { status: 'not-met', value: 4.3, observed: '2026-03-16' },
      firstMetAfterNote: '2026-03-06',
      // 4.60 from 6 Mar (weekend carried), 4.40 on 9 Mar, 4.70 and 4.80 from 10 Mar, 4.30 from 16 Mar.
      metSpans: [
        ['2026-03-06', '2026-03-08'],
        ['2026-03-10', '2026-03-15'],
      ],
    });
  });

  it('a list of states: met from passage on', () => {
    expect(watches.get('the-bill-passes')).toMatchObject({
      equals: ['passed', 'enacted'],
      then: { status: 'not-met', value: 'introduced', revisedValue: null, statusAsKnownNow: 'not-met' },
      now: { status: 'met', value: 'enacted', observed: '2026-03-18' },
      firstMetAfterNote: '2026-03-10',
      metSpans: [['2026-03-10', '2026-03-20']],
    });
  });

  it('a band on a series with no observation on the note’s date', () => {
    expect(watches.get('gauge-between-1-and-2')).toMatchObject({
      between: [1, 2],
      then: { status: 'no-data', value: null, observed: null, revisedValue: null, statusAsKnownNow: 'no-data' },
      now: { status: 'not-met', value: 2.5, observed: '2026-03-16' },
      firstMetAfterNote: '2026-03-09',
      metSpans: [['2026-03-09', '2026-03-15']],
    });
  });

  it('a derived spread sustained for three days: its then value revised too, its status not', () => {
    expect(watches.get('rate-over-the-floor-for-three-days')).toMatchObject({
      series: 'spread',
      above: 0,
      for: '3d',
      // As known on 5 Mar: 4.40 − 4.50. As known now 5 Mar is 4.55 − 4.50, but 2–4 Mar stay below.
      then: { status: 'not-met', value: -0.1, observed: '2026-03-05', revisedValue: 0.05, statusAsKnownNow: 'not-met' },
      now: { status: 'not-met', value: -0.2, observed: '2026-03-16' },
      // Positive on 5–8 Mar and 10–15 Mar: the three-day window completes on 8 Mar and 13 Mar.
      firstMetAfterNote: '2026-03-08',
      metSpans: [
        ['2026-03-08', '2026-03-08'],
        ['2026-03-13', '2026-03-15'],
      ],
    });
  });

  it('a group of any two: met while either child is', () => {
    expect(watches.get('either-breaks-out')).toMatchObject({
      then: { status: 'not-met', value: null, observed: null, revisedValue: null, statusAsKnownNow: 'not-met' },
      now: { status: 'met', value: null, observed: null },
      firstMetAfterNote: '2026-03-12',
      metSpans: [
        ['2026-03-12', '2026-03-15'],
        ['2026-03-18', '2026-03-20'],
      ],
    });
  });

  it('values: then as known on the note’s snapshot, now as known now', () => {
    expect(values).toEqual([
      { note: '2026-03-05-reading-an-old-note', index: 0, series: 'rate', then: { value: 4.4, observed: '2026-03-05' }, now: { value: 4.3, observed: '2026-03-16' } },
      { note: '2026-03-05-reading-an-old-note', index: 1, series: 'rate', date: '2026-03-05', then: { value: 4.4, observed: '2026-03-05' }, now: { value: 4.55, observed: '2026-03-05' } },
      { note: '2026-03-05-reading-an-old-note', index: 2, series: 'rate', stat: 'max', from: '2026-03-02', then: { value: 4.4, observed: '2026-03-04' }, now: { value: 4.8, observed: '2026-03-12' } },
      { note: '2026-03-05-reading-an-old-note', index: 3, series: 'rate', change: true, from: '2026-03-02', unit: 'bp', then: { value: 30, observed: '2026-03-05' }, now: { value: 20, observed: '2026-03-16' } },
    ]);
  });
});
