/**
 * Reads an archive (content/notes and data/) from disk and builds it. The build memoizes one per
 * process; `npm run check` calls it directly.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { AsofError, errorsOf } from '../core/problems.ts';
import { readDataSet } from '../io/read-data.ts';
import { parseNoteSource, type ParsedNote } from '../notes/parse-note.ts';
import { buildArchive, type Archive } from './build-archive.ts';

export interface LoadOptions {
  /** The archive's root: the folder holding content/ and data/. */
  root: string;
  includeDrafts?: boolean;
  defaultAuthor?: string;
}

export function readNotes(root: string): ParsedNote[] {
  const dir = join(root, 'content', 'notes');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mdx') || f.endsWith('.md'))
    .sort()
    .map((f) => parseNoteSource(relative(root, join(dir, f)).split('\\').join('/'), readFileSync(join(dir, f), 'utf8')));
}

/** Loads and evaluates the whole archive; throws an AsofError listing every problem if any is an error. */
export function loadArchive(options: LoadOptions): Archive {
  const root = resolve(options.root);
  const data = readDataSet(root);
  const { archive, problems } = buildArchive(data, readNotes(root), {
    includeDrafts: options.includeDrafts ?? false,
    defaultAuthor: options.defaultAuthor ?? '',
  });
  if (errorsOf(problems).length) throw new AsofError(problems);
  return archive;
}
