/**
 * `npm run data -- pull` against the replay server: every feed of the fixture archive, then each
 * way a feed fails. A failed feed leaves its series byte-identical; the others still update.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyArchive, data, hashTree, read, removeTemps } from './helpers.ts';
import { FAST_FEEDS, recordedRoutes, replayFile, startReplay, type Router } from './replay-server.ts';

afterAll(removeTemps);

const PULLED = ['buybacks', 'sofr', 'stablecoins', 'tga', 'usdjpy', 'ust10-auction', 'ust10-levfund'];
const csv = (id: string) => `data/series/${id}.csv`;

/** Pulls the two-snapshots archive with the recorded routes, some of them replaced. */
async function pullWith(overrides: Record<string, Router>, env: Record<string, string> = { FRED_API_KEY: 'abc123' }, args: string[] = []) {
  const replay = await startReplay({ ...recordedRoutes(), ...overrides });
  const dir = copyArchive('two-snapshots');
  const before = hashTree(join(dir, 'data'));
  const started = Date.now();
  try {
    const r = await data(dir, ['pull', ...args], { ...replay.env, ...FAST_FEEDS, ...env });
    return { dir, before, after: hashTree(join(dir, 'data')), r, requests: replay.requests, ms: Date.now() - started };
  } finally {
    await replay.close();
  }
}

let happy: Awaited<ReturnType<typeof pullWith>>;
beforeAll(async () => {
  happy = await pullWith({});
});

describe('pull with every feed answering', () => {
  it('appends what each feed has that the log does not, with today as the vintage', () => {
    expect(happy.r.stderr).toBe('');
    expect(happy.r.code).toBe(0);
    const tail = (id: string) => read(happy.dir, csv(id)).split('\n').filter((l) => l.endsWith(',2026-05-22'));
    expect(tail('usdjpy')).toEqual(['2026-05-15,146.25,2026-05-22', '2026-05-19,147.30,2026-05-22', '2026-05-21,147.62,2026-05-22']);
    expect(tail('stablecoins')).toEqual(['2026-05-19,244001000000.25,2026-05-22', '2026-05-20,244502500000,2026-05-22', '2026-05-21,244813100000,2026-05-22']);
    // The DTS reports millions; the series is in billions (pull.scale: 0.001), shifted exactly.
    expect(tail('tga')).toEqual(['2026-05-19,821.45,2026-05-22', '2026-05-20,830.012,2026-05-22', '2026-05-21,826.87,2026-05-22']);
    // Two operations on 2026-05-20 are one day's total; the announced 05-27 operation has no result yet.
    expect(tail('buybacks')).toEqual(['2026-05-20,2250000000,2026-05-22']);
    expect(tail('ust10-auction')).toEqual([]);
    expect(tail('ust10-levfund')).toEqual(['2026-05-19,-852235,2026-05-22']);
    expect(tail('sofr')).toEqual(['2026-05-19,4.35,2026-05-22', '2026-05-20,4.36,2026-05-22', '2026-05-21,4.34,2026-05-22']);
    expect(happy.after[csv('move').replace('data/', '')]).toBe(happy.before[csv('move').replace('data/', '')]);
  });

  it('shows progress per series and a summary', () => {
    for (const [i, id] of PULLED.entries()) expect(happy.r.stdout).toContain(`[${i + 1}/${PULLED.length}] ${id}: `);
    expect(happy.r.stdout).toContain('[6/7] ust10-auction: data/series/ust10-auction.csv: nothing to change');
    expect(happy.r.stdout).toContain('pulled 7 series: 6 updated, 1 unchanged, 0 failed');
  });

  it('asks each source for the right thing', () => {
    const q = (prefix: string) => happy.requests.filter((r) => r.startsWith(prefix)).map((r) => new URL(r, 'http://x').searchParams);
    const fred = q('/fred/series/observations');
    expect(fred).toHaveLength(1);
    expect([fred[0]!.get('series_id'), fred[0]!.get('api_key'), fred[0]!.get('file_type')]).toEqual(['DEXJPUS', 'abc123', 'json']);
    const tga = q('/fiscaldata/v1/accounting/dts/operating_cash_balance');
    expect(tga.map((p) => p.get('page[number]'))).toEqual(['1', '2']);
    expect(tga[0]!.get('filter')).toBe('account_type:eq:Treasury General Account (TGA) Closing Balance');
    expect(tga[0]!.get('fields')).toBe('record_date,open_today_bal,account_type');
    // Spaces travel as %20: not every server reads "+" as a space.
    expect(happy.requests.find((r) => r.includes('operating_cash_balance'))).toContain('Treasury%20General%20Account%20(TGA)%20Closing%20Balance');
    expect(q('/fiscaldata/v1/accounting/od/auctions_query')[0]!.get('filter')).toBe('security_type:eq:Note,original_security_term:eq:10-Year');
    expect(q('/cftc/resource/gpe5-46if.json')[0]!.get('$where')).toBe("cftc_contract_market_code='043602'");
    expect(q('/nyfed/api/rates/secured/sofr/search.json')[0]!.get('endDate')).toBe('2026-05-22');
  });

  it('leaves data/ verifying, and a second pull finds nothing new', async () => {
    expect((await data(happy.dir, ['verify'])).code).toBe(0);
    const replay = await startReplay(recordedRoutes());
    try {
      const before = hashTree(join(happy.dir, 'data'));
      const again = await data(happy.dir, ['pull'], { ...replay.env, ...FAST_FEEDS, FRED_API_KEY: 'abc123' });
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('pulled 7 series: 0 updated, 7 unchanged, 0 failed');
      expect(hashTree(join(happy.dir, 'data'))).toEqual(before);
    } finally {
      await replay.close();
    }
  });
});

describe('a feed that fails leaves its series exactly as it was, and the others update', () => {
  const cases: Array<[what: string, series: string, overrides: Record<string, Router>, expected: RegExp, env?: Record<string, string>]> = [
    ['a response that never comes', 'sofr', { nyfed: () => ({ hang: true }) }, /sofr: nyfed \(series sofr\): no complete response within 300 ms \(gave up after 2 attempts/],
    ['HTTP 500', 'tga', { fiscaldata: (p, q) => (p.endsWith('operating_cash_balance') ? { body: '{"error":"Internal Server Error"}', status: 500 } : recordedRoutes().fiscaldata!(p, q)) }, /tga: fiscaldata \(series tga\): HTTP 500: Internal Server Error \(gave up after 2 attempts/],
    ['malformed JSON', 'stablecoins', { defillama: () => replayFile('malformed.json') }, /stablecoins: defillama \(series stablecoins\): malformed JSON in the response/],
    ['an empty result', 'ust10-levfund', { cftc: () => ({ body: '[]' }) }, /ust10-levfund: cftc \(series ust10-levfund\): the response has no observations for 043602/],
    ['an empty FRED result', 'usdjpy', { fred: () => replayFile('fred/empty.json') }, /usdjpy: fred \(series usdjpy\): the response has no observations for DEXJPUS/],
    ['a FRED error', 'usdjpy', { fred: () => ({ file: 'fred/bad-series.json', status: 400 }) }, /usdjpy: fred \(series usdjpy\): HTTP 400: Bad Request\.  The series does not exist\./],
    ['no FRED_API_KEY', 'usdjpy', {}, /usdjpy: fred \(series usdjpy\): FRED_API_KEY is not set/, { FRED_API_KEY: '' }],
    ['a dropped connection', 'buybacks', { fiscaldata: (p, q) => (p.endsWith('buybacks_operations') ? { reset: true } : recordedRoutes().fiscaldata!(p, q)) }, /buybacks: fiscaldata \(series buybacks\): request failed/],
    ['an unexpected shape', 'sofr', { nyfed: () => ({ body: '{"refRates":[{"effectiveDate":"2026-05-21","percentRate":"4.34"}]}' }) }, /sofr: nyfed \(series sofr\): unexpected response: refRates\[0\]\.percentRate should be a number, got the string "4\.34"/],
    ['a 404 from a wrong endpoint', 'ust10-auction', { fiscaldata: (p, q) => (p.endsWith('auctions_query') ? { body: '{"error":"Invalid endpoint"}', status: 404 } : recordedRoutes().fiscaldata!(p, q)) }, /ust10-auction: fiscaldata \(series ust10-auction\): HTTP 404: Invalid endpoint/],
  ];

  it.each(cases)('%s', async (_what, series, overrides, expected, env = { FRED_API_KEY: 'abc123' }) => {
    const res = await pullWith(overrides, env);
    expect(res.r.code).toBe(1);
    expect(res.r.stdout).toMatch(new RegExp(`${series}: FAILED, left unchanged`));
    expect(res.r.stderr).toMatch(/error: 1 series failed and were left exactly as they were/);
    expect(res.r.stderr).toMatch(expected);
    const key = `series/${series}.csv`;
    expect(res.after[key]).toBe(res.before[key]);
    for (const other of PULLED.filter((s) => s !== series)) expect(res.after[`series/${other}.csv`]).toBe(happy.after[`series/${other}.csv`]);
    expect(res.ms).toBeLessThan(20_000);
  });

  it('retries a 500 once and gives up: two requests, then the failure', async () => {
    const res = await pullWith({ nyfed: () => ({ body: 'oops', status: 503 }) }, { FRED_API_KEY: 'abc123' }, ['--series', 'sofr']);
    expect(res.requests.filter((r) => r.startsWith('/nyfed/'))).toHaveLength(2);
    expect(res.r.stdout).toMatch(/HTTP 503: oops; retry 1 of 1 in 10 ms/);
    expect(res.after).toEqual(res.before);
  });

  it('never writes the FRED key into its messages', async () => {
    const res = await pullWith({ fred: () => ({ hang: true }) }, { FRED_API_KEY: 'secretkey42' }, ['--series', 'usdjpy']);
    expect(res.r.code).toBe(1);
    expect(res.r.stdout + res.r.stderr).not.toContain('secretkey42');
    expect(res.r.stderr).toContain('api_key=***');
  });
});

describe('pull --series', () => {
  it('pulls only the series named', async () => {
    const res = await pullWith({}, { FRED_API_KEY: 'abc123' }, ['--series', 'sofr,tga']);
    expect(res.r.code).toBe(0);
    const changed = Object.keys(res.after).filter((k) => res.after[k] !== res.before[k]);
    expect(changed.sort()).toEqual(['series/sofr.csv', 'series/tga.csv']);
  });

  it('fails a series without a feed, and still pulls the others', async () => {
    const res = await pullWith({}, { FRED_API_KEY: 'abc123' }, ['--series', 'move,sofr']);
    expect(res.r.code).toBe(1);
    expect(res.r.stdout).toContain('[1/2] move: FAILED, left unchanged: data/series/move.yaml has no pull block');
    expect(res.after['series/sofr.csv']).not.toBe(res.before['series/sofr.csv']);
    expect(res.after['series/move.csv']).toBe(res.before['series/move.csv']);
  });

  it('refuses an unknown series before fetching anything', async () => {
    const res = await pullWith({}, { FRED_API_KEY: 'abc123' }, ['--series', 'sofr,nope']);
    expect(res.r.code).toBe(1);
    expect(res.r.stderr).toContain('unknown series "nope"');
    expect(res.requests).toEqual([]);
    expect(res.after).toEqual(res.before);
  });
});
