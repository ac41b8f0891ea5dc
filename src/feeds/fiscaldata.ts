/**
 * Treasury Fiscal Data API (`/services/api/fiscal_service/<endpoint>`): `{data: [{...}], meta:
 * {"total-pages": n, ...}, links: {...}}` with every value a string and "null" for a missing one.
 *
 * `pull.id` is a dataset, optionally with equality filters: `tga`, `buybacks`,
 * `auctions?security_type=Note&original_security_term=10-Year`, or a raw endpoint such as
 * `v1/accounting/od/avg_interest_rates?security_desc=Treasury Bills` (dated by `record_date`).
 * `pull.field` picks the value column; each named dataset has a default (auctions: high_yield, or
 * high_investment_rate when filtered to security_type=Bill).
 */
import { decimalText } from '../core/observation-log.ts';
import { feedBase, getJson, query } from './http.ts';
import { FeedError, ShapeReader, uniqueDates, type FeedPoint, type FeedRequest } from './types.ts';

export const FISCALDATA_BASE = 'https://api.fiscaldata.treasury.gov/services/api/fiscal_service';
const PAGE_SIZE = 10_000;

interface Dataset {
  endpoint: string;
  dateField: string;
  field?: string;
  filters: Record<string, string>;
  /** Several rows on one date: add them (buyback operations on one day) or refuse. */
  sameDay: 'sum' | 'refuse';
}

export const FISCAL_DATASETS: Record<string, Dataset> = {
  // Daily Treasury Statement, Table I. Since April 2022 the closing balance row carries its value in
  // open_today_bal (close_today_bal is null), in millions of dollars.
  tga: {
    endpoint: 'v1/accounting/dts/operating_cash_balance',
    dateField: 'record_date',
    field: 'open_today_bal',
    filters: { account_type: 'Treasury General Account (TGA) Closing Balance' },
    sameDay: 'refuse',
  },
  // Par accepted in each buyback operation, in dollars; a day with two operations gets their sum.
  buybacks: { endpoint: 'v1/accounting/od/buybacks_operations', dateField: 'operation_date', field: 'total_par_amt_accepted', filters: {}, sameDay: 'sum' },
  // Auction results; announced auctions not yet held have "null" results and are skipped.
  auctions: { endpoint: 'v1/accounting/od/auctions_query', dateField: 'auction_date', field: 'high_yield', filters: {}, sameDay: 'refuse' },
};

const NAME = /^[a-z0-9_]+$/;

/** Reads `pull.id` and `pull.field` into an endpoint, its filters and the columns to read. */
export function resolveFiscalQuery(series: string, id: string, field: string | undefined): Dataset & { field: string } {
  const q = id.indexOf('?');
  const name = q < 0 ? id : id.slice(0, q);
  const known = FISCAL_DATASETS[name];
  let ds: Dataset;
  if (known) ds = { ...known, filters: { ...known.filters } };
  else if (/^v\d+\/[a-z0-9_/]+$/.test(name)) ds = { endpoint: name, dateField: 'record_date', filters: {}, sameDay: 'refuse' };
  else {
    throw new FeedError('fiscaldata', series, `pull.id "${id}" is neither ${Object.keys(FISCAL_DATASETS).join(', ')} nor an endpoint like v1/accounting/od/auctions_query`);
  }
  if (q >= 0) {
    for (const [k, v] of new URLSearchParams(id.slice(q + 1))) {
      if (!NAME.test(k) || v === '' || /[,:]/.test(v)) {
        throw new FeedError('fiscaldata', series, `pull.id filter "${k}=${v}" should be column=value, the value without commas or colons`);
      }
      ds.filters[k] = v;
    }
  }
  // Bills are sold at a discount: their high_yield stays "null" once held, and the rate is in
  // high_discnt_rate / high_investment_rate. The investment rate (bond-equivalent) compares with notes' yields.
  const bills = name === 'auctions' && ds.filters.security_type === 'Bill';
  const column = field ?? (bills ? 'high_investment_rate' : ds.field);
  if (!column) throw new FeedError('fiscaldata', series, `pull.field is needed with endpoint ${ds.endpoint}: name the column holding the value`);
  if (!NAME.test(column)) throw new FeedError('fiscaldata', series, `pull.field "${column}" is not a column name`);
  return { ...ds, field: column };
}

/** Parses one page; returns the points and the page count from `meta`. */
export function parseFiscalPage(json: unknown, series: string, dateField: string, field: string): { rows: FeedPoint[]; totalPages: number } {
  const r: ShapeReader = new ShapeReader('fiscaldata', series);
  const top = r.object(json, 'the response');
  const data = r.array(top.data, '"data"');
  const meta = r.object(top.meta, '"meta"');
  const totalPages = meta['total-pages'];
  if (typeof totalPages !== 'number' || !Number.isInteger(totalPages) || totalPages < 0) r.fail('meta["total-pages"]', 'should be a whole number');
  const rows: FeedPoint[] = [];
  data.forEach((item, i) => {
    const o = r.object(item, `data[${i}]`);
    const date = r.isoDate(o[dateField], `data[${i}].${dateField}`);
    if (!(field in o)) r.fail(`data[${i}]`, `has no column "${field}"; fix pull.field`);
    if (o[field] === 'null' || o[field] === null) return;
    rows.push({ date, value: r.decimalString(o[field], `data[${i}].${field}`) });
  });
  return { rows, totalPages };
}

export async function fetchFiscalData(req: FeedRequest): Promise<FeedPoint[]> {
  const ds = resolveFiscalQuery(req.series, req.pull.id, req.pull.field);
  const base = feedBase(req.env, 'fiscaldata', FISCALDATA_BASE);
  const all: FeedPoint[] = [];
  for (let page = 1; ; page++) {
    // The filtered columns are asked for too, so no filter names a column outside `fields`.
    const fields = [...new Set([ds.dateField, ds.field, ...Object.keys(ds.filters)])];
    const params: Record<string, string> = { fields: fields.join(','), sort: ds.dateField, 'page[size]': String(PAGE_SIZE), 'page[number]': String(page) };
    const filters = Object.entries(ds.filters).map(([k, v]) => `${k}:eq:${v}`);
    if (filters.length) params.filter = filters.join(',');
    const json = await getJson(`${base}/${ds.endpoint}?${query(params)}`, 'fiscaldata', req.series, req.http);
    const { rows, totalPages } = parseFiscalPage(json, req.series, ds.dateField, ds.field);
    all.push(...rows);
    if (page >= totalPages) break;
    if (page >= 1000) throw new FeedError('fiscaldata', req.series, 'more than 1000 pages; refusing to continue');
  }
  if (ds.sameDay === 'refuse') return uniqueDates('fiscaldata', req.series, all);
  const sums = new Map<string, number>();
  for (const p of all) sums.set(p.date, (sums.get(p.date) ?? 0) + Number(p.value));
  return [...sums].map(([date, v]) => ({ date, value: decimalText(Math.round(v * 100) / 100)! }));
}
