import type { APIRoute } from 'astro';
import { getArchive } from '../archive/index.ts';
import { watchJsonBytes } from '../lib/watch-json.ts';

export const GET: APIRoute = () =>
  new Response(watchJsonBytes(getArchive()), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
