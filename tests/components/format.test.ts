/** How values, durations and conditions read: the wording shared by rows, dashboard and series pages. */
import { describe, expect, it } from 'vitest';
import { describeCondition, durationText, formatNumber, formatValue, valueText } from '../../src/components/format.ts';
import type { Condition } from '../../src/core/conditions.ts';
import type { SeriesMeta } from '../../src/core/schema.ts';

const meta = (over: Partial<SeriesMeta>): SeriesMeta => ({ name: 'X', unit: 'index', frequency: 'daily', kind: 'number', source: 's', ...over });
const catalog: Record<string, SeriesMeta> = {
  rate: meta({ name: 'Policy rate', unit: 'percent', decimals: 2 }),
  ceiling: meta({ name: 'Corridor ceiling', unit: 'percent', decimals: 2 }),
  jpy: meta({ name: 'USD/JPY', unit: 'JPY per USD', decimals: 1 }),
  bill: meta({ name: 'Bill', unit: 'stage', kind: 'status', states: ['introduced', 'passed'] }),
};
const metaOf = (id: string) => catalog[id];

describe('values', () => {
  it.each([
    [1234.5, 2, '1,234.50'],
    [-0.25, 2, '−0.25'],
    [4.1, undefined, '4.1'],
    [0.123456789, undefined, '0.123457'],
    [145, 0, '145'],
  ])('formatNumber(%d, %s) = %s', (v, d, out) => expect(formatNumber(v, d)).toBe(out));

  it.each([
    ['rate', 4.6, '4.60%'],
    ['jpy', 147.25, '147.3 JPY per USD'],
    ['bill', 'passed', 'passed'],
    ['rate', null, '—'],
  ] as const)('valueText(%s, %s) = %s', (id, v, out) => expect(valueText(catalog[id]!, v)).toBe(out));

  it('keeps the unit apart so it can be styled apart', () => {
    expect(formatValue(catalog.jpy!, 150)).toEqual({ number: '150.0', unit: 'JPY per USD' });
    expect(formatValue(catalog.rate!, 4)).toEqual({ number: '4.00%', unit: '' });
  });

  it.each([
    ['1d', '1 day'],
    ['14d', '14 days'],
    ['2w', '2 weeks'],
    ['1m', '1 month'],
    ['3y', '3 years'],
  ])('durationText(%s) = %s', (d, out) => expect(durationText(d)).toBe(out));
});

describe('describeCondition', () => {
  it.each<[Condition, number | null, string]>([
    [{ test: 'above', series: 'rate', target: { type: 'number', n: 4.5 } }, null, 'above 4.50%'],
    [{ test: 'below', series: 'jpy', target: { type: 'number', n: 140 }, for: { n: 2, unit: 'w' } }, null, 'below 140.0 JPY per USD for 2 weeks'],
    [{ test: 'above', series: 'rate', target: { type: 'then' } }, 4.21, "above its value on the note's date (4.21%)"],
    [{ test: 'above', series: 'rate', target: { type: 'series', id: 'ceiling' } }, null, 'above Corridor ceiling'],
    [{ test: 'equals', series: 'bill', states: [1], stateNames: ['passed'], for: { n: 30, unit: 'd' } }, null, 'equals “passed” for 30 days'],
    [{ test: 'equals', series: 'bill', states: [0, 1], stateNames: ['pending', 'passed'] }, null, 'is one of “pending”, “passed”'],
    [{ test: 'between', series: 'rate', lo: 4, hi: 4.5, for: { n: 1, unit: 'w' } }, null, 'between 4.00% and 4.50% for 1 week'],
    [{ test: 'trend', series: 'jpy', direction: 'rising', over: { n: 1, unit: 'm' }, for: { n: 2, unit: 'w' } }, null, 'rising over 1 month for 2 weeks'],
    [{ test: 'trend', series: 'jpy', direction: 'not-falling', over: { n: 3, unit: 'm' } }, null, 'not falling over 3 months'],
  ])('%j', (condition, reference, out) => expect(describeCondition({ condition, reference }, metaOf)).toBe(out));
});
