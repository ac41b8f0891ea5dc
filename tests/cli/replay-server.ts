/**
 * A local HTTP server that replays recorded responses (tests/fixtures/cli/replay, in each source's
 * real format), or misbehaves on purpose: never answers, answers 500, answers broken JSON. It logs
 * every request so tests can check what the adapters asked for. Listens on 127.0.0.1 only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { FIXTURES } from './helpers.ts';

export type Reply =
  | { file: string; status?: number }
  | { body: string; status?: number }
  | { hang: true }
  /** Drop the connection without an answer. */
  | { reset: true };

/** Chooses a reply from the request's path (below the feed prefix) and query. */
export type Router = (path: string, query: URLSearchParams) => Reply | undefined;

export interface Replay {
  base: string;
  /** Every request, as `/path?query`. */
  requests: string[];
  /** ASOF_FEED_BASE_<FEED> for every feed, pointed at this server. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export const replayFile = (name: string): Reply => ({ file: name });

export async function startReplay(routes: Record<string, Router>): Promise<Replay> {
  const requests: string[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    const [, feed = '', ...rest] = url.pathname.split('/');
    const reply = routes[feed]?.('/' + rest.join('/'), url.searchParams);
    if (!reply) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"no such route in the replay server"}');
      return;
    }
    if ('hang' in reply) return; // the response never comes
    if ('reset' in reply) {
      req.socket.destroy();
      return;
    }
    const body = 'file' in reply ? readFileSync(join(FIXTURES, 'replay', reply.file)) : reply.body;
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' }).end(body);
  };
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const env: Record<string, string> = {};
  for (const feed of ['fred', 'defillama', 'fiscaldata', 'cftc', 'nyfed']) env[`ASOF_FEED_BASE_${feed.toUpperCase()}`] = `${base}/${feed}`;
  return {
    base,
    requests,
    env,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Routes that answer every feed of the two-snapshots archive with its recording. */
export function recordedRoutes(): Record<string, Router> {
  return {
    fred: (path, q) => (path === '/series/observations' && q.get('series_id') === 'DEXJPUS' ? replayFile('fred/DEXJPUS.json') : undefined),
    defillama: (path) => (path === '/stablecoincharts/all' ? replayFile('defillama/all.json') : undefined),
    fiscaldata: (path, q) => {
      if (path === '/v1/accounting/dts/operating_cash_balance') return replayFile(`fiscaldata/tga-page${q.get('page[number]')}.json`);
      if (path === '/v1/accounting/od/buybacks_operations') return replayFile('fiscaldata/buybacks.json');
      if (path === '/v1/accounting/od/auctions_query') return replayFile('fiscaldata/auctions.json');
      return undefined;
    },
    cftc: (path) => (path === '/resource/gpe5-46if.json' ? replayFile('cftc/043602.json') : undefined),
    nyfed: (path) => (path === '/api/rates/secured/sofr/search.json' ? replayFile('nyfed/sofr.json') : undefined),
  };
}

/** Fast failure settings for the CLI under test: 300 ms per attempt, one retry, 10 ms backoff. */
export const FAST_FEEDS = { ASOF_FEED_TIMEOUT_MS: '300', ASOF_FEED_RETRIES: '1', ASOF_FEED_BACKOFF_MS: '10' };
