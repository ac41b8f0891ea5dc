import { describe, expect, it } from 'vitest';
import { day } from '../../src/core/dates.ts';
import { valuePropsSchema, type ValueProps } from '../../src/core/schema.ts';
import { checkValueProps, valueThenNow } from '../../src/core/values.ts';
import { numberMeta, series } from './helpers.ts';

// A percent series: Jun 12 printed 5.02, revised to 5.05 on Jun 20; later values known on their dates.
const ust30y = series(
  'ust30y',
  [
    ['2026-06-01', 4.9, '2026-06-01'],
    ['2026-06-12', 5.02, '2026-06-12'],
    ['2026-06-15', 4.95, '2026-06-15'],
    ['2026-06-12', 5.05, '2026-06-20'],
    ['2026-07-01', 5.1, '2026-07-01'],
    ['2026-08-03', 4.68, '2026-08-03'],
  ],
  numberMeta({ unit: 'percent' }),
).log;
const D = day('2026-06-16');
const N = day('2026-08-10');
const props = (p: Record<string, unknown>): ValueProps => valuePropsSchema.parse({ series: 'ust30y', ...p });

describe('<Value>: then as known on the note’s snapshot, now over the data as known now', () => {
  it.each([
    [{}, { value: 4.95, observed: '2026-06-15' }, { value: 4.68, observed: '2026-08-03' }],
    // A date keeps its date: now shows the revision.
    [{ date: '2026-06-12' }, { value: 5.02, observed: '2026-06-12' }, { value: 5.05, observed: '2026-06-12' }],
    // A day without an observation reads the last one before it.
    [{ date: '2026-06-14' }, { value: 5.02, observed: '2026-06-12' }, { value: 5.05, observed: '2026-06-12' }],
    [{ stat: 'max', from: '2026-06-01' }, { value: 5.02, observed: '2026-06-12' }, { value: 5.1, observed: '2026-07-01' }],
    [{ stat: 'min', from: '2026-06-02' }, { value: 4.95, observed: '2026-06-15' }, { value: 4.68, observed: '2026-08-03' }],
    // The change in bp: x(D) − x(from), the later observation's date.
    [{ change: true, from: '2026-06-01', unit: 'bp' }, { value: 5, observed: '2026-06-15' }, { value: -22, observed: '2026-08-03' }],
    [{ change: true, from: '2026-06-01' }, { value: 0.05, observed: '2026-06-15' }, { value: -0.22, observed: '2026-08-03' }],
    // Before the first observation there is nothing to cite.
    [{ change: true, from: '2026-05-01' }, { value: null, observed: null }, { value: null, observed: null }],
  ])('%j', (p, then, now) => {
    expect(valueThenNow(props(p), ust30y, D, D, N)).toEqual({ then, now });
  });

  it('a note dated after the newest snapshot has no later now', () => {
    const late = day('2026-09-01');
    expect(valueThenNow(props({}), ust30y, late, N, N).now).toEqual({ value: 4.68, observed: '2026-08-03' });
  });

  it.each([
    [{ date: '2026-06-20' }, 'date', /after the note's date/],
    [{ stat: 'max', from: '2026-07-01' }, 'from', /after the note's date/],
  ])('refuses %j', (p, field, message) => {
    const problems = checkValueProps(props(p), ust30y, D);
    expect(problems[0]).toMatchObject({ field });
    expect(problems[0]!.message).toMatch(message);
  });

  it('unit="bp" needs a percent series', () => {
    const level = series('level', [['2026-06-01', 1]], numberMeta({ unit: 'USD billions' })).log;
    expect(checkValueProps(valuePropsSchema.parse({ series: 'level', change: true, from: '2026-06-01', unit: 'bp' }), level, D)[0]!.field).toBe('unit');
  });
});
