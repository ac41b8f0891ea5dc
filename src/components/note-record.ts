/**
 * How a note's component finds what the build evaluated for it: the compile step gives it `__note`
 * and `__index` (src/notes/inject-note-props.ts), and the archive holds one record per element.
 */
import { getArchive, type Archive, type NoteRecord } from '../archive/index.ts';

/** The props the compile step adds to every indexed note component. */
export interface IndexedProps {
  __note: string;
  __index: number;
  [prop: string]: unknown;
}

const LISTS = {
  Watch: (n: NoteRecord) => n.watches,
  WatchGroup: (n: NoteRecord) => n.groups,
  Value: (n: NoteRecord) => n.values,
} as const;

type Lists = typeof LISTS;

/** The archive, the note, and the record of the `__index`th element of that kind in it. */
export function noteRecord<K extends keyof Lists>(kind: K, props: IndexedProps): { archive: Archive; note: NoteRecord; record: ReturnType<Lists[K]>[number] } {
  const archive = getArchive();
  const note = archive.noteById.get(props.__note);
  const record = note && (LISTS[kind](note) as { index: number }[]).find((x) => x.index === props.__index);
  if (!note || !record) throw new Error(`<${kind}> number ${props.__index + 1} in note ${props.__note} was not evaluated by the build; run \`npm run check\` to see why`);
  return { archive, note, record: record as ReturnType<Lists[K]>[number] };
}
