/**
 * DefiLlama stablecoins, `GET /stablecoincharts/<chain>` (`all` for every chain): an array of daily
 * points `{date: "<unix seconds>", totalCirculatingUSD: {peggedUSD: n, peggedEUR: n, ...}, ...}`.
 * The value is the sum over every peg in USD (the total stablecoin market cap), or one peg when
 * `pull.field` names it (e.g. peggedUSD). Dates are the UTC calendar day of the timestamp.
 */
import { formatDay } from '../core/dates.ts';
import { decimalText } from '../core/observation-log.ts';
import { feedBase, getJson } from './http.ts';
import { FeedError, ShapeReader, uniqueDates, type FeedPoint, type FeedRequest } from './types.ts';

export const DEFILLAMA_BASE = 'https://stablecoins.llama.fi';

export function parseDefillamaChart(json: unknown, series: string, field?: string): FeedPoint[] {
  const r: ShapeReader = new ShapeReader('defillama', series);
  const points = r.array(json, 'the response').map((item, i): FeedPoint => {
    const where = `[${i}]`;
    const o = r.object(item, where);
    const rawDate = o.date;
    const seconds = typeof rawDate === 'string' && /^\d{1,12}$/.test(rawDate) ? Number(rawDate) : rawDate;
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) r.fail(`${where}.date`, 'should be unix seconds');
    const date = formatDay(Math.floor(seconds / 86_400));
    const usd = r.object(o.totalCirculatingUSD, `${where}.totalCirculatingUSD`);
    let value: string;
    if (field !== undefined) {
      if (!(field in usd)) r.fail(`${where}.totalCirculatingUSD`, `has no "${field}" (it has ${Object.keys(usd).join(', ') || 'nothing'}); fix pull.field`);
      value = r.number(usd[field], `${where}.totalCirculatingUSD.${field}`);
    } else {
      let sum = 0;
      for (const [peg, v] of Object.entries(usd)) sum += Number(r.number(v, `${where}.totalCirculatingUSD.${peg}`));
      // Cents are noise at this scale; rounding keeps repeated pulls byte-stable.
      value = decimalText(Math.round(sum * 100) / 100)!;
    }
    return { date, value };
  });
  return uniqueDates('defillama', series, points);
}

export async function fetchDefillama(req: FeedRequest): Promise<FeedPoint[]> {
  if (!/^[A-Za-z0-9 _.-]+$/.test(req.pull.id)) throw new FeedError('defillama', req.series, `pull.id "${req.pull.id}" should be "all" or a chain name like Ethereum`);
  const base = feedBase(req.env, 'defillama', DEFILLAMA_BASE);
  const json = await getJson(`${base}/stablecoincharts/${encodeURIComponent(req.pull.id)}`, 'defillama', req.series, req.http);
  return parseDefillamaChart(json, req.series, req.pull.field);
}
