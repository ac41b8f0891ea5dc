/**
 * The archive for this build, loaded once per process. ASOF_ROOT points the build at another
 * archive folder (content/ and data/), as the tests and the benchmark do.
 */
import { resolve } from 'node:path';
import { site } from '../site.config.ts';
import type { Archive } from './build-archive.ts';
import { loadArchive } from './load-archive.ts';

export function archiveRoot(): string {
  return resolve(process.env.ASOF_ROOT ?? process.cwd());
}

const cache = globalThis as typeof globalThis & { __asofArchive?: Map<string, Archive> };

/** The evaluated archive; the config hook and every page share one instance through globalThis. */
export function getArchive(includeDrafts = process.env.ASOF_DRAFTS === '1'): Archive {
  const key = `${archiveRoot()}|${includeDrafts}`;
  cache.__asofArchive ??= new Map();
  let archive = cache.__asofArchive.get(key);
  if (!archive) {
    archive = loadArchive({ root: archiveRoot(), includeDrafts, defaultAuthor: site.defaultAuthor });
    cache.__asofArchive.set(key, archive);
  }
  return archive;
}

export type { Archive, NoteRecord, WatchRecord, Tally } from './build-archive.ts';
