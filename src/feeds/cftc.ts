/**
 * CFTC Traders in Financial Futures, futures only, from the public reporting site's Socrata API
 * (`/resource/gpe5-46if.json`): an array of weekly rows whose numbers are strings, dated by
 * `report_date_as_yyyy_mm_dd` ("2026-05-19T00:00:00.000", the Tuesday the positions are as of).
 * `pull.id` is the contract market code (043602 = 10-year T-note); the value is the net position of
 * `pull.field`'s trader group (default lev_money, leveraged funds): long minus short contracts.
 */
import { feedBase, getJson, query } from './http.ts';
import { FeedError, ShapeReader, uniqueDates, type FeedPoint, type FeedRequest } from './types.ts';

export const CFTC_BASE = 'https://publicreporting.cftc.gov';
export const TFF_FUTURES_ONLY = 'gpe5-46if';
const PAGE = 50_000;
const GROUPS = ['lev_money', 'asset_mgr', 'dealer', 'other_rept', 'nonrept'];

export function parseCftcRows(json: unknown, series: string, group: string): FeedPoint[] {
  const r: ShapeReader = new ShapeReader('cftc', series);
  return r.array(json, 'the response').map((item, i) => {
    const o = r.object(item, `[${i}]`);
    const rawDate = r.string(o.report_date_as_yyyy_mm_dd, `[${i}].report_date_as_yyyy_mm_dd`);
    const m = /^(\d{4}-\d{2}-\d{2})(?:T00:00:00(?:\.000)?)?$/.exec(rawDate);
    if (!m) r.fail(`[${i}].report_date_as_yyyy_mm_dd`, `should be a date, got ${JSON.stringify(rawDate.slice(0, 40))}`);
    // Dealers and non-reportables carry an `_all` suffix in this dataset; the other groups do not.
    const col = (side: string) => [`${group}_positions_${side}`, `${group}_positions_${side}_all`].find((k) => k in o);
    const longKey = col('long');
    const shortKey = col('short');
    if (!longKey || !shortKey) r.fail(`[${i}]`, `has no ${group}_positions_long/short columns`);
    const long = r.decimalString(o[longKey], `[${i}].${longKey}`);
    const short = r.decimalString(o[shortKey], `[${i}].${shortKey}`);
    if (!/^\d+$/.test(long) || !/^\d+$/.test(short)) r.fail(`[${i}]`, 'positions should be whole numbers of contracts');
    return { date: m[1]!, value: String(BigInt(long) - BigInt(short)) };
  });
}

export async function fetchCftc(req: FeedRequest): Promise<FeedPoint[]> {
  const code = req.pull.id;
  if (!/^[0-9A-Z]{5,8}$/.test(code)) throw new FeedError('cftc', req.series, `pull.id "${code}" is not a CFTC contract market code (like 043602)`);
  const group = req.pull.field ?? 'lev_money';
  if (!GROUPS.includes(group)) throw new FeedError('cftc', req.series, `pull.field "${group}" is not a trader group (${GROUPS.join(', ')})`);
  const base = feedBase(req.env, 'cftc', CFTC_BASE);
  const all: FeedPoint[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const params = query({
      $where: `cftc_contract_market_code='${code}'`,
      $order: 'report_date_as_yyyy_mm_dd',
      $limit: String(PAGE),
      $offset: String(offset),
    });
    const json = await getJson(`${base}/resource/${TFF_FUTURES_ONLY}.json?${params}`, 'cftc', req.series, req.http);
    const rows = parseCftcRows(json, req.series, group);
    all.push(...rows);
    if (rows.length < PAGE) break;
  }
  return uniqueDates('cftc', req.series, all);
}
