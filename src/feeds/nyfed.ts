/**
 * New York Fed Markets API reference rates, `GET /api/rates/<secured|unsecured>/<rate>/search.json
 * ?startDate=&endDate=`: `{refRates: [{effectiveDate, type, percentRate, volumeInBillions, ...}]}`,
 * newest first, numbers as JSON numbers. `pull.id` is the rate (sofr, bgcr, tgcr, effr, obfr);
 * `pull.field` the column (default percentRate).
 */
import { feedBase, getJson, query } from './http.ts';
import { FeedError, ShapeReader, uniqueDates, type FeedPoint, type FeedRequest } from './types.ts';

export const NYFED_BASE = 'https://markets.newyorkfed.org';
export const NYFED_RATES: Record<string, string> = { sofr: 'secured', bgcr: 'secured', tgcr: 'secured', effr: 'unsecured', obfr: 'unsecured' };
/** Before the first published reference rate (EFFR in the API starts 2016, SOFR 2018). */
const START = '2016-01-01';

export function parseNyfedRates(json: unknown, series: string, field: string): FeedPoint[] {
  const r: ShapeReader = new ShapeReader('nyfed', series);
  const top = r.object(json, 'the response');
  const rates = r.array(top.refRates, '"refRates"');
  const points = rates.map((item, i) => {
    const o = r.object(item, `refRates[${i}]`);
    const date = r.isoDate(o.effectiveDate, `refRates[${i}].effectiveDate`);
    if (!(field in o)) r.fail(`refRates[${i}]`, `has no "${field}"; fix pull.field`);
    return { date, value: r.number(o[field], `refRates[${i}].${field}`) };
  });
  return uniqueDates('nyfed', series, points).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export async function fetchNyfed(req: FeedRequest): Promise<FeedPoint[]> {
  const rate = req.pull.id.toLowerCase();
  const group = NYFED_RATES[rate];
  if (!group) throw new FeedError('nyfed', req.series, `pull.id "${req.pull.id}" is not one of ${Object.keys(NYFED_RATES).join(', ')}`);
  const field = req.pull.field ?? 'percentRate';
  if (!/^[A-Za-z0-9]+$/.test(field)) throw new FeedError('nyfed', req.series, `pull.field "${field}" is not a field name`);
  const base = feedBase(req.env, 'nyfed', NYFED_BASE);
  const params = query({ startDate: START, endDate: req.today });
  const json = await getJson(`${base}/api/rates/${group}/${rate}/search.json?${params}`, 'nyfed', req.series, req.http);
  return parseNyfedRates(json, req.series, field);
}
