/**
 * The one registry of components a note may use without importing them. The parser reads it to
 * accept or refuse an element, the compile step to know which ones get an `__index`, and the note
 * page maps each name to its Astro component (src/components/note-components.ts).
 */
export const NOTE_COMPONENTS = {
  /** One watch condition: a series and a test. */
  Watch: { indexed: true },
  /** Several Watch conditions read as one. */
  WatchGroup: { indexed: true },
  /** The note's tally of conditions, then and now. */
  WatchSummary: { indexed: false },
  /** The note's conditions over time, as lanes (also shown after the note's conditions). */
  WatchTimeline: { indexed: false },
  /** A chart of one series. */
  SeriesChart: { indexed: true },
  /** One number in a sentence, then and now. */
  Value: { indexed: true },
  /** A quotation set apart from the text. */
  PullQuote: { indexed: false },
} as const satisfies Record<string, { indexed: boolean }>;

export type NoteComponent = keyof typeof NOTE_COMPONENTS;

export const NOTE_COMPONENT_NAMES = Object.keys(NOTE_COMPONENTS) as NoteComponent[];

export const isNoteComponent = (name: string): name is NoteComponent => Object.hasOwn(NOTE_COMPONENTS, name);

/** Components that get `__index`, their order among the note's elements of that name. */
export const INDEXED_COMPONENTS = NOTE_COMPONENT_NAMES.filter((n) => NOTE_COMPONENTS[n].indexed);
