/**
 * Adapters on real responses recorded by other projects (tests/fixtures/feeds, see PROVENANCE.md),
 * every column the source sends included, not only the ones the code reads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCftcRows } from '../../src/feeds/cftc.ts';
import { parseFiscalPage, resolveFiscalQuery } from '../../src/feeds/fiscaldata.ts';
import { parseFredResponse } from '../../src/feeds/fred.ts';
import { parseNyfedRates } from '../../src/feeds/nyfed.ts';
import { REPO } from '../cli/helpers.ts';

const feed = (name: string): unknown => JSON.parse(readFileSync(join(REPO, 'tests/fixtures/feeds', name), 'utf8'));

describe('fred and alfred (GDP)', () => {
  it('keeps every vintage of the ALFRED history, "." as null', () => {
    const page = parseFredResponse(feed('fred/gdp-alfred.json'), 'alfred', 'gdp', true);
    expect(page.points.filter((p) => p.date === '1946-01-01')).toEqual([
      { date: '1946-01-01', value: '199.7', vintage: '1992-12-22' },
      { date: '1946-01-01', value: null, vintage: '1996-01-19' },
      { date: '1946-01-01', value: '210.4', vintage: '1997-05-07' },
      { date: '1946-01-01', value: null, vintage: '1999-10-28' },
    ]);
    expect([page.count, page.received, page.points.length]).toEqual([35, 35, 35]);
  });

  it('reads the FRED response of the same day, "." for the withdrawn 1946 quarters', () => {
    const page = parseFredResponse(feed('fred/gdp-fred.json'), 'fred', 'gdp', false);
    expect(page.points.filter((p) => p.value === null).map((p) => p.date)).toEqual(['1946-01-01', '1946-04-01', '1946-07-01', '1946-10-01']);
    expect(page.points.at(-1)).toEqual({ date: '2024-07-01', value: '29349.924' });
  });

  it('takes first releases (output_type=4, one row per date, each its own period) as ALFRED, not as FRED', () => {
    const page = parseFredResponse(feed('fred/gdp-initial-release.json'), 'alfred', 'gdp', true);
    expect(page.points[0]).toEqual({ date: '2023-01-01', value: '26465.865', vintage: '2023-04-27' });
    expect(() => parseFredResponse(feed('fred/gdp-initial-release.json'), 'fred', 'gdp', false)).toThrow(/this is an ALFRED \(multi-vintage\) response: use --format alfred/);
  });

  it('tells each kind of response from the other', () => {
    expect(() => parseFredResponse(feed('fred/gdp-alfred.json'), 'fred', 'gdp', false)).toThrow(/ALFRED \(multi-vintage\) response: use --format alfred/);
    expect(() => parseFredResponse(feed('fred/gdp-fred.json'), 'alfred', 'gdp', true)).toThrow(/plain FRED response, not an ALFRED history: every row has the one real-time period 2024-10-30 to 2024-10-30/);
  });
});

describe('nyfed', () => {
  it('reads SOFR and its volume, oldest first', () => {
    const json = feed('nyfed/sofr-2024-06.json');
    expect(parseNyfedRates(json, 'sofr', 'percentRate').map((p) => `${p.date}=${p.value}`)).toEqual(['2024-06-03=5.35', '2024-06-04=5.33', '2024-06-05=5.33', '2024-06-06=5.33']);
    expect(parseNyfedRates(json, 'sofr', 'volumeInBillions')[0]!.value).toBe('1912');
    expect(parseNyfedRates(json, 'sofr', 'percentPercentile75')[0]!.value).toBe('5.4');
  });

  it('reads EFFR and its target range across the 3 May 2023 hike', () => {
    const json = feed('nyfed/effr-2023-05.json');
    expect(parseNyfedRates(json, 'effr', 'percentRate').map((p) => p.value)).toEqual(['4.83', '4.83', '4.83', '5.08', '5.08']);
    expect(parseNyfedRates(json, 'effr', 'targetRateTo').map((p) => p.value)).toEqual(['5', '5', '5', '5.25', '5.25']);
  });
});

describe('cftc', () => {
  it('refuses a legacy Commitments of Traders row (another dataset), naming the missing columns', () => {
    expect(() => parseCftcRows(feed('cftc/legacy-239747.json'), 's', 'lev_money')).toThrow(/cftc \(series s\): unexpected response: \[0\] has no lev_money_positions_long\/short columns/);
  });

  it('still reads its report date and, for non-reportables, the long and short positions', () => {
    // The legacy report shares the nonrept_positions_*_all columns with TFF.
    expect(parseCftcRows(feed('cftc/legacy-239747.json'), 's', 'nonrept')).toEqual([{ date: '2024-08-20', value: String(11313 - 8624) }]);
  });
});

describe('fiscaldata bills (constructed: no recorded bill auction was found)', () => {
  // The shape of auctions_query: every value a string, "null" where an auction has no such figure.
  const page = {
    data: [
      { record_date: '2026-05-14', auction_date: '2026-05-14', security_type: 'Bill', high_yield: 'null', high_discnt_rate: '4.215', high_investment_rate: '4.301' },
      { record_date: '2026-05-21', auction_date: '2026-05-21', security_type: 'Bill', high_yield: 'null', high_discnt_rate: 'null', high_investment_rate: 'null' },
    ],
    meta: { 'total-pages': 1 },
  };

  it('reads a bill series from high_investment_rate by default, skipping the auction not yet held', () => {
    const q = resolveFiscalQuery('bill13', 'auctions?security_type=Bill&security_term=13-Week', undefined);
    expect(q.field).toBe('high_investment_rate');
    expect(parseFiscalPage(page, 'bill13', q.dateField, q.field).rows).toEqual([{ date: '2026-05-14', value: '4.301' }]);
    expect(resolveFiscalQuery('n', 'auctions?security_type=Note', undefined).field).toBe('high_yield');
    expect(resolveFiscalQuery('b', 'auctions?security_type=Bill', 'high_discnt_rate').field).toBe('high_discnt_rate');
  });

  it('finds nothing in a bill\'s high_yield, which the pull then reports by its column', () => {
    expect(parseFiscalPage(page, 'b', 'auction_date', 'high_yield').rows).toEqual([]);
  });
});
