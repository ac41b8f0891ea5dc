/**
 * A series' CSV: a logged series' observation log, byte for byte as it is in data/series/<id>.csv; a
 * derived series (no log of its own) as `date,value` of its view as known now.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getArchive } from '../../archive/index.ts';
import { derivedCsv } from '../../lib/series-page.ts';

export const getStaticPaths = (() => [...getArchive().data.logs.keys()].map((id) => ({ params: { id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const archive = getArchive();
  const id = params.id!;
  const logged = archive.data.series.get(id);
  const body = logged ? new Uint8Array(logged.bytes) : new TextEncoder().encode(derivedCsv(archive.data.logs.get(id)!, archive.data.now));
  return new Response(body, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
