import type { APIRoute } from 'astro';
import { getArchive } from '../../archive/index.ts';
import { seriesFilterCss } from '../../lib/dashboard.ts';

export const GET: APIRoute = () =>
  new Response(seriesFilterCss([...getArchive().data.logs.keys()].sort()), { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
