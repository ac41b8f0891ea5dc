/** The observation log of a series, byte for byte as it is in data/series/<id>.csv. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getArchive } from '../../archive/index.ts';

export const getStaticPaths = (() => [...getArchive().data.series.keys()].map((id) => ({ params: { id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const s = getArchive().data.series.get(params.id!)!;
  return new Response(new Uint8Array(s.bytes), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
