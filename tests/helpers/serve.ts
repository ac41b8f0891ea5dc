/**
 * A tiny static server for a built site on 127.0.0.1, the way a plain static host serves it: under
 * a base path, `/dir/` serves `dir/index.html`, `/dir` redirects to `/dir/`, anything missing gets
 * the site's 404.html with status 404. It records every request so tests can see what was fetched.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

export interface Served {
  /** Origin plus base, ending in "/": `http://127.0.0.1:PORT/archive/`. */
  url: string;
  origin: string;
  /** Every request as `STATUS PATH`. */
  log: string[];
  close: () => Promise<void>;
}

export async function serve(dir: string, base = '/'): Promise<Served> {
  const root = normalize(dir + sep);
  const log: string[] = [];
  const server = createServer((req, res) => {
    const send = (status: number, file?: string, headers: Record<string, string> = {}) => {
      log.push(`${status} ${req.url}`);
      if (!file) {
        res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
        res.end(String(status));
        return;
      }
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    };
    const notFound = () => {
      const page = join(root, '404.html');
      send(404, existsSync(page) ? page : undefined);
    };
    const url = new URL(req.url ?? '/', 'http://x');
    if (!url.pathname.startsWith(base)) return notFound();
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname.slice(base.length));
    } catch {
      return send(400);
    }
    const file = normalize(join(root, rel));
    if (!file.startsWith(root) && file + sep !== root) return send(403);
    if (!existsSync(file)) return notFound();
    if (statSync(file).isDirectory()) {
      if (!url.pathname.endsWith('/')) return send(301, undefined, { location: `${url.pathname}/${url.search}` });
      const index = join(file, 'index.html');
      return existsSync(index) ? send(200, index) : notFound();
    }
    send(200, file);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: origin + base,
    origin,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
