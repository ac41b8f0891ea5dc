/**
 * The adapters' requests against the local replay server: the URLs they build, paging, and the
 * bounded timeouts and retries. Nothing here touches the internet.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchCftc } from '../../src/feeds/cftc.ts';
import { fetchDefillama } from '../../src/feeds/defillama.ts';
import { fetchFiscalData } from '../../src/feeds/fiscaldata.ts';
import { fetchAlfred, fetchFred } from '../../src/feeds/fred.ts';
import { feedBase, httpOptionsFromEnv, redact, type HttpOptions } from '../../src/feeds/http.ts';
import { fetchNyfed } from '../../src/feeds/nyfed.ts';
import type { FeedRequest } from '../../src/feeds/types.ts';
import { REPO } from '../cli/helpers.ts';
import { replayFile, startReplay, type Replay, type Router } from '../cli/replay-server.ts';

const FAST: HttpOptions = { timeoutMs: 200, retries: 2, backoffMs: 5 };
let replay: Replay | undefined;
afterEach(async () => {
  await replay?.close();
  replay = undefined;
});

async function request(routes: Record<string, Router>, pull: FeedRequest['pull'], env: Record<string, string> = {}, http = FAST): Promise<FeedRequest> {
  replay = await startReplay(routes);
  return { series: 'x', pull, today: '2026-05-22', env: { ...replay.env, ...env }, http };
}

const params = (r: string) => new URL(r, 'http://x').searchParams;

describe('fred and alfred', () => {
  it('pages through a long series with offset until count is reached', async () => {
    const obs = (d: string) => ({ realtime_start: '2026-05-22', realtime_end: '2026-05-22', date: d, value: '1.0' });
    const req = await request(
      {
        fred: (_p, q) =>
          q.get('offset') === '0'
            ? { body: JSON.stringify({ count: 3, offset: 0, limit: 2, observations: [obs('2026-05-18'), obs('2026-05-19')] }) }
            : { body: JSON.stringify({ count: 3, offset: 2, limit: 2, observations: [obs('2026-05-20')] }) },
      },
      { from: 'fred', id: 'DEXJPUS' },
      { FRED_API_KEY: 'k1' },
    );
    const points = await fetchFred(req);
    expect(points.map((p) => p.date)).toEqual(['2026-05-18', '2026-05-19', '2026-05-20']);
    expect(replay!.requests.map((r) => params(r).get('offset'))).toEqual(['0', '2']);
  });

  it('asks ALFRED for every real-time period (a recorded GDP history)', async () => {
    const body = readFileSync(join(REPO, 'tests/fixtures/feeds/fred/gdp-alfred.json'), 'utf8');
    const req = await request({ fred: () => ({ body }) }, { from: 'fred', id: 'GDP' }, { FRED_API_KEY: 'k1' });
    const points = await fetchAlfred(req);
    const q = params(replay!.requests[0]!);
    expect([q.get('realtime_start'), q.get('realtime_end')]).toEqual(['1776-07-04', '9999-12-31']);
    expect(points[0]).toEqual({ date: '1946-01-01', value: '199.7', vintage: '1992-12-22' });
    expect(points[1]).toEqual({ date: '1946-01-01', value: null, vintage: '1996-01-19' });
  });

  it('refuses a plain FRED answer where ALFRED history was asked for', async () => {
    const req = await request({ fred: () => replayFile('fred/DEXJPUS.json') }, { from: 'fred', id: 'DEXJPUS' }, { FRED_API_KEY: 'k1' });
    await expect(fetchAlfred(req)).rejects.toThrow(/this is a plain FRED response, not an ALFRED history: every row has the one real-time period 2026-05-22 to 2026-05-22/);
  });

  it.each([
    [{}, /FRED_API_KEY is not set/],
    [{ FRED_API_KEY: 'has space' }, /FRED_API_KEY should be letters and digits only/],
  ])('refuses to call without a usable key (%j)', async (env, expected) => {
    const req = await request({}, { from: 'fred', id: 'DEXJPUS' }, env);
    await expect(fetchFred(req)).rejects.toThrow(expected);
    expect(replay!.requests).toEqual([]);
  });

  it('refuses an id that is not a FRED series id before calling', async () => {
    const req = await request({}, { from: 'fred', id: 'DEX JPUS&x=1' }, { FRED_API_KEY: 'k' });
    await expect(fetchFred(req)).rejects.toThrow(/pull\.id "DEX JPUS&x=1" is not a FRED series id/);
  });
});

describe('timeouts and retries are bounded', () => {
  it('retries a 500 and succeeds when the source recovers', async () => {
    let calls = 0;
    const req = await request({ nyfed: () => (++calls === 1 ? { body: 'busy', status: 500 } : replayFile('nyfed/sofr.json')) }, { from: 'nyfed', id: 'sofr' });
    const retries: string[] = [];
    const points = await fetchNyfed({ ...req, http: { ...FAST, onRetry: (m) => retries.push(m) } });
    expect(points).toHaveLength(5);
    expect(calls).toBe(2);
    expect(retries).toEqual(['HTTP 500: busy; retry 1 of 2 in 5 ms']);
  });

  it('gives up on a response that never comes after retries+1 attempts of timeoutMs each', async () => {
    const req = await request({ cftc: () => ({ hang: true }) }, { from: 'cftc', id: '043602' });
    const started = Date.now();
    await expect(fetchCftc(req)).rejects.toThrow(/cftc \(series x\): no complete response within 200 ms \(gave up after 3 attempts/);
    const ms = Date.now() - started;
    expect(replay!.requests).toHaveLength(3);
    expect(ms).toBeGreaterThanOrEqual(3 * 200);
    expect(ms).toBeLessThan(5_000);
  });

  it('does not retry a 4xx: the request itself is wrong', async () => {
    const req = await request({ fiscaldata: () => ({ body: '{"error":"Invalid Query Param","message":"Invalid field"}', status: 400 }) }, { from: 'fiscaldata', id: 'tga' });
    await expect(fetchFiscalData(req)).rejects.toThrow(/fiscaldata \(series x\): HTTP 400: Invalid field/);
    expect(replay!.requests).toHaveLength(1);
  });

  it('does not retry malformed JSON', async () => {
    const req = await request({ defillama: () => replayFile('malformed.json') }, { from: 'defillama', id: 'all' });
    await expect(fetchDefillama(req)).rejects.toThrow(/defillama \(series x\): malformed JSON in the response .*it starts "\{\\"refRates\\"/);
    expect(replay!.requests).toHaveLength(1);
  });
});

describe('requests', () => {
  it('fiscaldata pages by page[number] until meta.total-pages', async () => {
    const req = await request({ fiscaldata: (_p, q) => replayFile(`fiscaldata/tga-page${q.get('page[number]')}.json`) }, { from: 'fiscaldata', id: 'tga' });
    const points = await fetchFiscalData(req);
    expect(points).toHaveLength(6);
    expect(replay!.requests.map((r) => params(r).get('page[number]'))).toEqual(['1', '2']);
    expect(params(replay!.requests[0]!).get('sort')).toBe('record_date');
  });

  it('fiscaldata buybacks add up the operations of one day', async () => {
    const req = await request({ fiscaldata: () => replayFile('fiscaldata/buybacks.json') }, { from: 'fiscaldata', id: 'buybacks' });
    expect((await fetchFiscalData(req)).find((p) => p.date === '2026-05-20')).toEqual({ date: '2026-05-20', value: '2250000000' });
  });

  it('fiscaldata refuses two values for a date in a dataset that has one per day', async () => {
    const twice = { data: [{ record_date: '2026-05-18', open_today_bal: '1' }, { record_date: '2026-05-18', open_today_bal: '2' }], meta: { 'total-pages': 1 } };
    const req = await request({ fiscaldata: () => ({ body: JSON.stringify(twice) }) }, { from: 'fiscaldata', id: 'tga' });
    await expect(fetchFiscalData(req)).rejects.toThrow(/two values for 2026-05-18; narrow the series' pull\.id/);
  });

  it('cftc asks Socrata for one contract code, oldest first', async () => {
    const req = await request({ cftc: () => replayFile('cftc/043602.json') }, { from: 'cftc', id: '043602' });
    await fetchCftc(req);
    const q = params(replay!.requests[0]!);
    expect(replay!.requests[0]!.startsWith('/cftc/resource/gpe5-46if.json?')).toBe(true);
    expect([q.get('$where'), q.get('$order')]).toEqual(["cftc_contract_market_code='043602'", 'report_date_as_yyyy_mm_dd']);
  });

  it.each([
    ['cftc', { from: 'cftc', id: "043602' OR '1'='1" }, fetchCftc, /is not a CFTC contract market code/],
    ['cftc', { from: 'cftc', id: '043602', field: 'hedge_funds' }, fetchCftc, /pull\.field "hedge_funds" is not a trader group/],
    ['nyfed', { from: 'nyfed', id: 'libor' }, fetchNyfed, /pull\.id "libor" is not one of sofr, bgcr, tgcr, effr, obfr/],
    ['defillama', { from: 'defillama', id: '../all' }, fetchDefillama, /should be "all" or a chain name/],
  ] as const)('%s refuses a bad pull block before calling', async (_feed, pull, fetcher, expected) => {
    const req = await request({}, pull);
    await expect(fetcher(req)).rejects.toThrow(expected);
    expect(replay!.requests).toEqual([]);
  });

  it('nyfed asks for the unsecured group for EFFR, up to today', async () => {
    const req = await request({ nyfed: () => ({ body: '{"refRates":[{"effectiveDate":"2026-05-21","type":"EFFR","percentRate":4.33}]}' }) }, { from: 'nyfed', id: 'effr' });
    await fetchNyfed(req);
    expect(replay!.requests[0]).toBe('/nyfed/api/rates/unsecured/effr/search.json?startDate=2016-01-01&endDate=2026-05-22');
  });
});

describe('settings', () => {
  it('reads ASOF_FEED_* and refuses nonsense', () => {
    expect(httpOptionsFromEnv({ ASOF_FEED_TIMEOUT_MS: '500', ASOF_FEED_RETRIES: '0', ASOF_FEED_BACKOFF_MS: '1' })).toEqual({ timeoutMs: 500, retries: 0, backoffMs: 1 });
    expect(httpOptionsFromEnv({})).toEqual({ timeoutMs: 30_000, retries: 2, backoffMs: 1_000 });
    expect(() => httpOptionsFromEnv({ ASOF_FEED_RETRIES: '99' })).toThrow(/ASOF_FEED_RETRIES="99" must be a whole number from 0 to 10/);
    expect(() => httpOptionsFromEnv({ ASOF_FEED_TIMEOUT_MS: '1e3' })).toThrow(/ASOF_FEED_TIMEOUT_MS/);
  });

  it('takes a base URL override and never shows a key', () => {
    expect(feedBase({ ASOF_FEED_BASE_NYFED: 'http://127.0.0.1:9/ny/' }, 'nyfed', 'https://markets.newyorkfed.org')).toBe('http://127.0.0.1:9/ny');
    expect(feedBase({}, 'nyfed', 'https://markets.newyorkfed.org')).toBe('https://markets.newyorkfed.org');
    expect(redact('https://api.stlouisfed.org/fred/series/observations?series_id=X&api_key=abc&file_type=json')).toBe('https://api.stlouisfed.org/fred/series/observations?series_id=X&api_key=***&file_type=json');
  });
});
