/** The search page's script, served verbatim as an external module (see _client.js). */
import type { APIRoute } from 'astro';
import code from './_client.js?raw';

export const GET: APIRoute = () => new Response(code, { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
