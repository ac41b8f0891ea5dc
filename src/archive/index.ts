/**
 * The archive for this build, loaded once per process. ASOF_ROOT points the build at another
 * archive folder (content/ and data/), as the tests and the benchmark do.
 *
 * The integration says whether drafts are included (`configureArchive`, dev only) and drops the
 * archive when an input changes (`resetArchive`); every page reads it with `getArchive()`.
 */
import { resolve } from 'node:path';
import { site } from '../site.config.ts';
import type { Archive } from './build-archive.ts';
import { loadArchive } from './load-archive.ts';

export function archiveRoot(): string {
  return resolve(process.env.ASOF_ROOT ?? process.cwd());
}

export interface ArchiveOptions {
  /** Drafts are shown by `npm run dev` only. */
  includeDrafts: boolean;
}

interface ArchiveState {
  options: ArchiveOptions;
  loaded: Map<string, Archive>;
}

// Astro loads this module twice in one process: once with the config (the integration), once in
// Vite's graph for the pages. Both copies must see one state, so it sits under a registered symbol.
const STATE = Symbol.for('asof.archive-state');

function state(): ArchiveState {
  const g = globalThis as typeof globalThis & { [STATE]?: ArchiveState };
  g[STATE] ??= { options: { includeDrafts: false }, loaded: new Map() };
  return g[STATE];
}

/** Sets how the archive is built from now on (drops what was loaded with other options). */
export function configureArchive(options: ArchiveOptions): void {
  const s = state();
  if (s.options.includeDrafts !== options.includeDrafts) s.loaded.clear();
  s.options = { ...options };
}

/** Forgets the loaded archive, so the next `getArchive()` reads the files again. */
export function resetArchive(): void {
  state().loaded.clear();
}

/** The evaluated archive; the config hook and every page share one instance. */
export function getArchive(): Archive {
  const { options, loaded } = state();
  const root = archiveRoot();
  const key = `${root}|${options.includeDrafts}`;
  let archive = loaded.get(key);
  if (!archive) {
    archive = loadArchive({ root, includeDrafts: options.includeDrafts, defaultAuthor: site.defaultAuthor });
    loaded.set(key, archive);
  }
  return archive;
}

export type { Archive, NoteRecord, WatchRecord, Tally } from './build-archive.ts';
