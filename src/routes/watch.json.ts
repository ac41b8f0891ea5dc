/**
 * `/watch.json` for `npm run dev` (injected by the integration in dev only). A build writes the same
 * file after the pages, streamed to disk (src/integration.ts), so the largest file of a large archive
 * never sits in memory whole.
 */
import type { APIRoute } from 'astro';
import { getArchive } from '../archive/index.ts';
import { watchJson } from '../lib/watch-json.ts';

export const GET: APIRoute = () => new Response(watchJson(getArchive()), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
