/** The feed adapters `npm run data -- pull` can use, by the name a series' `pull.from` gives. */
import type { FEEDS } from '../core/schema.ts';
import { fetchCftc } from './cftc.ts';
import { fetchDefillama } from './defillama.ts';
import { fetchFiscalData } from './fiscaldata.ts';
import { fetchFred } from './fred.ts';
import { fetchNyfed } from './nyfed.ts';
import type { FeedAdapter } from './types.ts';

export const ADAPTERS: Record<(typeof FEEDS)[number], FeedAdapter> = {
  fred: fetchFred,
  defillama: fetchDefillama,
  fiscaldata: fetchFiscalData,
  cftc: fetchCftc,
  nyfed: fetchNyfed,
};

export { FeedError, type FeedPoint, type FeedRequest } from './types.ts';
export { httpOptionsFromEnv } from './http.ts';
