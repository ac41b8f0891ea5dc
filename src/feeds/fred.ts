/**
 * FRED and ALFRED (St. Louis Fed), `fred/series/observations` with file_type=json. Values are strings
 * and "." marks a date listed without a value (null here: a withdrawal when the log has one). FRED gives today's values; ALFRED (the same
 * endpoint asked for every real-time period) gives each observation's `realtime_start`, kept as its
 * vintage. Needs FRED_API_KEY.
 */
import { feedBase, getJson, query } from './http.ts';
import { FeedError, ShapeReader, uniqueDates, type FeedPoint, type FeedRequest } from './types.ts';

export const FRED_BASE = 'https://api.stlouisfed.org/fred';
const PAGE = 100_000; // the API's maximum `limit`
const SERIES_ID = /^[A-Za-z0-9_.]+$/;

export interface FredPage {
  points: FeedPoint[];
  /** Total observations the query matches (`count`), for paging. */
  count: number;
  /** Observations in this response, "." included. */
  received: number;
}

/**
 * Parses one `series/observations` response. With `vintages`, each point keeps `realtime_start` as
 * its vintage (ALFRED); without, the caller supplies the vintage. A "." (the date has no value in
 * that real-time period) becomes a point whose value is null: the caller decides whether it
 * withdraws a value the log has.
 */
export function parseFredResponse(json: unknown, feed: string, series: string, vintages: boolean): FredPage {
  const r: ShapeReader = new ShapeReader(feed, series);
  const top = r.object(json, 'the response');
  if (typeof top.error_message === 'string') throw new FeedError(feed, series, `FRED says: ${top.error_message}`);
  const observations = r.array(top.observations, '"observations"');
  const count = top.count === undefined ? observations.length : top.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) r.fail('"count"', 'should be a whole number');
  const points: FeedPoint[] = [];
  const periods = new Set<string>();
  observations.forEach((o, i) => {
    const where = `observations[${i}]`;
    const obs = r.object(o, where);
    const date = r.isoDate(obs.date, `${where}.date`);
    const raw = r.string(obs.value, `${where}.value`);
    // FRED writes realtime_* on every row; they tell one real-time period from many.
    const start = obs.realtime_start === undefined && !vintages ? undefined : r.isoDate(obs.realtime_start, `${where}.realtime_start`);
    const end = obs.realtime_end === undefined && !vintages ? undefined : r.isoDate(obs.realtime_end, `${where}.realtime_end`);
    periods.add(`${start} ${end}`);
    const value = raw === '.' ? null : r.decimalString(raw, `${where}.value`);
    points.push(vintages ? { date, value, vintage: start! } : { date, value });
  });
  if (!vintages && periods.size > 1) {
    throw new FeedError(feed, series, 'this is an ALFRED (multi-vintage) response: use --format alfred (its rows cover several real-time periods, so one vintage for all of them would be wrong)');
  }
  if (vintages && observations.length > 0 && periods.size === 1) {
    const [start, end] = [...periods][0]!.split(' ') as [string, string];
    const asked = typeof top.realtime_start === 'string' && typeof top.realtime_end === 'string' ? `${top.realtime_start} ${top.realtime_end}` : undefined;
    // Every row in the period the request asked for: the response says what was known then, not when.
    if (asked === `${start} ${end}` || (asked === undefined && start === end)) {
      throw new FeedError(
        feed,
        series,
        `this is a plain FRED response, not an ALFRED history: every row has the one real-time period ${start} to ${end}, so it does not say when each value was published. Import it with --format fred --vintage <the day it was downloaded>, or download the history with realtime_start=1776-07-04&realtime_end=9999-12-31`,
      );
    }
  }
  return { points: uniqueDates(feed, series, points), count, received: observations.length };
}

function apiKey(req: FeedRequest): string {
  const key = req.env.FRED_API_KEY;
  if (!key) {
    throw new FeedError('fred', req.series, 'FRED_API_KEY is not set. Get a free key at https://fred.stlouisfed.org/docs/api/api_key.html and run `FRED_API_KEY=<key> npm run data -- pull`');
  }
  if (!/^[A-Za-z0-9]+$/.test(key)) throw new FeedError('fred', req.series, 'FRED_API_KEY should be letters and digits only; check it for spaces or quotes');
  return key;
}

async function fetchAll(req: FeedRequest, vintages: boolean): Promise<FeedPoint[]> {
  const feed = vintages ? 'alfred' : 'fred';
  if (!SERIES_ID.test(req.pull.id)) throw new FeedError(feed, req.series, `pull.id "${req.pull.id}" is not a FRED series id (like DEXJPUS)`);
  const key = apiKey(req);
  const base = feedBase(req.env, 'fred', FRED_BASE);
  const points: FeedPoint[] = [];
  for (let offset = 0, page = 0; ; page++) {
    const params: Record<string, string> = { series_id: req.pull.id, api_key: key, file_type: 'json', limit: String(PAGE), offset: String(offset) };
    if (vintages) Object.assign(params, { realtime_start: '1776-07-04', realtime_end: '9999-12-31' });
    const res = parseFredResponse(await getJson(`${base}/series/observations?${query(params)}`, feed, req.series, req.http), feed, req.series, vintages);
    points.push(...res.points);
    offset += res.received;
    if (res.received === 0 || offset >= res.count) break;
    if (page > 1000) throw new FeedError(feed, req.series, 'more than 1000 pages; refusing to continue');
  }
  return uniqueDates(feed, req.series, points);
}

export const fetchFred = (req: FeedRequest) => fetchAll(req, false);
export const fetchAlfred = (req: FeedRequest) => fetchAll(req, true);
