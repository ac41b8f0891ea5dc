/**
 * Each adapter's parser on recorded responses (tests/fixtures/cli/replay) and on shapes it must
 * refuse. A refusal names the feed, the series and where in the response it went wrong.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCftcRows } from '../../src/feeds/cftc.ts';
import { parseDefillamaChart } from '../../src/feeds/defillama.ts';
import { parseFiscalPage, resolveFiscalQuery } from '../../src/feeds/fiscaldata.ts';
import { parseFredResponse } from '../../src/feeds/fred.ts';
import { parseNyfedRates } from '../../src/feeds/nyfed.ts';
import { decimalText } from '../../src/core/observation-log.ts';
import { powerOfTen, shiftDecimal } from '../../src/feeds/types.ts';
import { FIXTURES } from '../cli/helpers.ts';

const recorded = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, 'replay', name), 'utf8'));

describe('numbers', () => {
  it.each([
    [4.33, '4.33'],
    [-12, '-12'],
    [0, '0'],
    [1e21, '1000000000000000000000'],
    [1.5e-7, '0.00000015'],
    [243011000000.25, '243011000000.25'],
    [Infinity, undefined],
    [NaN, undefined],
  ])('decimalText(%s) = %s', (n, text) => {
    expect(decimalText(n)).toBe(text);
  });

  it.each([
    ['805117', -3, '805.117'],
    ['826870', -3, '826.87'],
    ['2250000000', -9, '2.25'],
    ['244001000000.25', -9, '244.00100000025'],
    ['4.5', 3, '4500'],
    ['-0.5', 1, '-5'],
    ['12', -5, '0.00012'],
    ['0.000', -3, '0'],
    ['-0.0', 2, '0'],
    ['4.30', 0, '4.3'],
  ])('shiftDecimal(%s, %i) = %s', (text, exp, out) => {
    expect(shiftDecimal(text, exp)).toBe(out);
  });

  it.each([
    [0.001, -3],
    [1e-9, -9],
    [1000, 3],
    [1, 0],
  ])('powerOfTen(%s) = %i', (n, exp) => {
    expect(powerOfTen(n)).toBe(exp);
  });
});

describe('fred', () => {
  it('reads a recorded response, "." as null, ignoring realtime_* without vintages', () => {
    const page = parseFredResponse(recorded('fred/DEXJPUS.json'), 'fred', 'usdjpy', false);
    expect(page.points.map((p) => `${p.date}=${p.value}`)).toEqual(['2026-05-13=145.85', '2026-05-14=146.40', '2026-05-15=146.25', '2026-05-18=146.90', '2026-05-19=147.30', '2026-05-20=null', '2026-05-21=147.62']);
    expect(page.points.every((p) => p.vintage === undefined)).toBe(true);
    expect([page.count, page.received]).toEqual([7, 7]);
  });

  it('keeps realtime_start as the vintage for ALFRED, and allows one date in several vintages', () => {
    const page = parseFredResponse(JSON.parse(readFileSync(join(FIXTURES, 'inputs/alfred-dexjpus.json'), 'utf8')), 'alfred', 'usdjpy', true);
    expect(page.points.filter((p) => p.date === '2026-05-15')).toEqual([
      { date: '2026-05-15', value: '146.20', vintage: '2026-05-18' },
      { date: '2026-05-15', value: '146.25', vintage: '2026-05-21' },
    ]);
  });

  const obs = (o: Record<string, unknown>) => ({ count: 1, observations: [{ realtime_start: '2026-05-22', realtime_end: '2026-05-22', date: '2026-05-21', value: '1.5', ...o }] });
  it.each([
    ['an array', [], /fred \(series s\): unexpected response: the response should be an object, got an array/],
    ['no observations', { count: 0 }, /"observations" should be an array, got nothing \(the key is missing\)/],
    ['a number value', obs({ value: 1.5 }), /observations\[0\]\.value should be a string, got number 1\.5/],
    ['a thousands separator', obs({ value: '1,234.5' }), /observations\[0\]\.value should be a decimal number, got "1,234\.5"/],
    ['NaN', obs({ value: 'NaN' }), /should be a decimal number, got "NaN"/],
    ['a US date', obs({ date: '05/21/2026' }), /observations\[0\]\.date should be a date YYYY-MM-DD, got "05\/21\/2026"/],
    ['a count that is not a number', { count: '7', observations: [] }, /"count" should be a whole number/],
    ['an error body', { error_code: 400, error_message: 'Bad Request.  Variable api_key is not set.' }, /FRED says: Bad Request\.  Variable api_key is not set\./],
    ['a date twice', { count: 2, observations: [obs({}).observations[0], obs({ value: '1.6' }).observations[0]] }, /two values for 2026-05-21/],
  ])('refuses %s', (_what, json, expected) => {
    expect(() => parseFredResponse(json, 'fred', 's', false)).toThrow(expected);
  });

  it('refuses an ALFRED row without realtime_start', () => {
    expect(() => parseFredResponse(obs({ realtime_start: undefined }), 'alfred', 's', true)).toThrow(/alfred \(series s\): unexpected response: observations\[0\]\.realtime_start should be a string/);
  });
});

describe('defillama', () => {
  it('sums every peg in USD per UTC day, to the cent', () => {
    const points = parseDefillamaChart(recorded('defillama/all.json'), 'stablecoins');
    expect(points.map((p) => p.date)).toEqual(['2026-05-16', '2026-05-17', '2026-05-18', '2026-05-19', '2026-05-20', '2026-05-21']);
    expect(points[1]!.value).toBe('243250500000.5');
    expect(points[3]!.value).toBe('244001000000.25');
  });

  it('reads one peg when pull.field names it', () => {
    expect(parseDefillamaChart(recorded('defillama/all.json'), 'stablecoins', 'peggedUSD')[0]!.value).toBe('242500000000');
  });

  it('takes the date as a number as well as a string of digits', () => {
    expect(parseDefillamaChart([{ date: 1779062400, totalCirculatingUSD: { peggedUSD: 1 } }], 's')[0]!.date).toBe('2026-05-18');
  });

  it.each([
    ['an object', { data: [] }, /the response should be an array, got an object/],
    ['an ISO date', [{ date: '2026-05-18', totalCirculatingUSD: { peggedUSD: 1 } }], /\[0\]\.date should be unix seconds/],
    ['no totalCirculatingUSD', [{ date: '1779062400', totalCirculating: { peggedUSD: 1 } }], /\[0\]\.totalCirculatingUSD should be an object, got nothing/],
    ['a peg as a string', [{ date: '1779062400', totalCirculatingUSD: { peggedUSD: '1' } }], /\[0\]\.totalCirculatingUSD\.peggedUSD should be a number, got the string "1"/],
    ['two points on one day', [{ date: '1779062400', totalCirculatingUSD: { peggedUSD: 1 } }, { date: '1779066000', totalCirculatingUSD: { peggedUSD: 2 } }], /two values for 2026-05-18/],
  ])('refuses %s', (_what, json, expected) => {
    expect(() => parseDefillamaChart(json, 's')).toThrow(expected);
  });

  it('refuses a peg that is not there', () => {
    expect(() => parseDefillamaChart(recorded('defillama/all.json'), 's', 'peggedJPY')).toThrow(/has no "peggedJPY" \(it has peggedUSD, peggedEUR\); fix pull\.field/);
  });
});

describe('fiscaldata', () => {
  it.each([
    ['tga', undefined, 'v1/accounting/dts/operating_cash_balance', 'record_date', 'open_today_bal', { account_type: 'Treasury General Account (TGA) Closing Balance' }],
    ['buybacks', undefined, 'v1/accounting/od/buybacks_operations', 'operation_date', 'total_par_amt_accepted', {}],
    ['auctions?security_type=Note&original_security_term=10-Year', 'bid_to_cover_ratio', 'v1/accounting/od/auctions_query', 'auction_date', 'bid_to_cover_ratio', { security_type: 'Note', original_security_term: '10-Year' }],
    ['v2/accounting/od/avg_interest_rates?security_desc=Treasury Bills', 'avg_interest_rate_amt', 'v2/accounting/od/avg_interest_rates', 'record_date', 'avg_interest_rate_amt', { security_desc: 'Treasury Bills' }],
  ])('resolves %s', (id, field, endpoint, dateField, column, filters) => {
    expect(resolveFiscalQuery('s', id, field)).toMatchObject({ endpoint, dateField, field: column, filters });
  });

  it.each([
    ['debt', undefined, /pull\.id "debt" is neither tga, buybacks, auctions nor an endpoint/],
    ['v1/accounting/od/rates_of_exchange', undefined, /pull\.field is needed with endpoint v1\/accounting\/od\/rates_of_exchange/],
    ['auctions?security_term=10-Year,Note', undefined, /filter "security_term=10-Year,Note" should be column=value, the value without commas or colons/],
    ['tga', 'Close Today', /pull\.field "Close Today" is not a column name/],
  ])('refuses pull.id %s', (id, field, expected) => {
    expect(() => resolveFiscalQuery('s', id, field)).toThrow(expected);
  });

  it('reads a page, skipping "null" (an auction announced but not held)', () => {
    const page = parseFiscalPage(recorded('fiscaldata/auctions.json'), 's', 'auction_date', 'high_yield');
    expect(page).toEqual({ rows: [{ date: '2026-04-08', value: '4.342' }, { date: '2026-05-12', value: '4.415' }], totalPages: 1 });
  });

  it.each([
    ['no data', { meta: { 'total-pages': 1 } }, /"data" should be an array/],
    ['no meta', { data: [] }, /"meta" should be an object/],
    ['a missing column', { data: [{ record_date: '2026-05-18' }], meta: { 'total-pages': 1 } }, /data\[0\] has no column "open_today_bal"; fix pull\.field/],
    ['a number where a string is', { data: [{ record_date: '2026-05-18', open_today_bal: 805117 }], meta: { 'total-pages': 1 } }, /data\[0\]\.open_today_bal should be a string, got number 805117/],
    ['a currency string', { data: [{ record_date: '2026-05-18', open_today_bal: '$805,117' }], meta: { 'total-pages': 1 } }, /should be a decimal number, got "\$805,117"/],
  ])('refuses %s', (_what, json, expected) => {
    expect(() => parseFiscalPage(json, 's', 'record_date', 'open_today_bal')).toThrow(expected);
  });
});

describe('cftc', () => {
  it('nets long minus short contracts of the trader group', () => {
    const rows = parseCftcRows(recorded('cftc/043602.json'), 's', 'lev_money');
    expect(rows).toEqual([
      { date: '2026-05-05', value: '-812345' },
      { date: '2026-05-12', value: '-830112' },
      { date: '2026-05-19', value: '-852235' },
    ]);
    expect(parseCftcRows(recorded('cftc/043602.json'), 's', 'dealer')[0]!.value).toBe(String(501234 - 612345));
    expect(parseCftcRows(recorded('cftc/043602.json'), 's', 'asset_mgr')[0]!.value).toBe(String(2812345 - 401234));
  });

  const row = (o: Record<string, unknown>) => [{ report_date_as_yyyy_mm_dd: '2026-05-19T00:00:00.000', lev_money_positions_long: '10', lev_money_positions_short: '4', ...o }];
  it.each([
    ['a Socrata error object', { error: true, message: 'no such column' }, /the response should be an array, got an object/],
    ['a date with a time', row({ report_date_as_yyyy_mm_dd: '2026-05-19T15:30:00.000' }), /report_date_as_yyyy_mm_dd should be a date/],
    ['a missing column', [{ report_date_as_yyyy_mm_dd: '2026-05-19T00:00:00.000', lev_money_positions_long: '10' }], /\[0\] has no lev_money_positions_long\/short columns/],
    ['fractional contracts', row({ lev_money_positions_long: '10.5' }), /positions should be whole numbers of contracts/],
  ])('refuses %s', (_what, json, expected) => {
    expect(() => parseCftcRows(json, 's', 'lev_money')).toThrow(expected);
  });
});

describe('nyfed', () => {
  it('reads the rates newest first and returns them oldest first', () => {
    const points = parseNyfedRates(recorded('nyfed/sofr.json'), 's', 'percentRate');
    expect(points.map((p) => `${p.date}=${p.value}`)).toEqual(['2026-05-15=4.33', '2026-05-18=4.35', '2026-05-19=4.35', '2026-05-20=4.36', '2026-05-21=4.34']);
  });

  it('reads another column when pull.field names it', () => {
    expect(parseNyfedRates(recorded('nyfed/sofr.json'), 's', 'volumeInBillions').at(-1)!.value).toBe('2712');
  });

  it.each([
    ['no refRates', { rates: [] }, /"refRates" should be an array, got nothing/],
    ['a missing field', { refRates: [{ effectiveDate: '2026-05-21' }] }, /refRates\[0\] has no "percentRate"; fix pull\.field/],
    ['a rate as a string', { refRates: [{ effectiveDate: '2026-05-21', percentRate: '4.34' }] }, /refRates\[0\]\.percentRate should be a number, got the string "4\.34"/],
    ['a null rate', { refRates: [{ effectiveDate: '2026-05-21', percentRate: null }] }, /should be a number, got null/],
  ])('refuses %s', (_what, json, expected) => {
    expect(() => parseNyfedRates(json, 's', 'percentRate')).toThrow(expected);
  });
});
