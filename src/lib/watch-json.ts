/**
 * `/watch.json`, the machine-readable face of the archive: every condition with its test props, then
 * and now. Keys are written in a fixed order so the file is stable across builds and easy to diff.
 */
import type { Archive, WatchRecord } from '../archive/build-archive.ts';
import type { Evaluation } from '../core/then-now.ts';

const TEST_KEYS = ['above', 'below', 'equals', 'trend', 'over', 'for'] as const;

function evaluation(e: Evaluation) {
  return { date: e.date, snapshot: e.snapshot, status: e.status, value: e.value, observed: e.observed, stale: e.stale };
}

/** One condition as published: note, id, label, series, the test props, then, now, firstMetAfterNote. */
export function watchEntry(w: WatchRecord): Record<string, unknown> {
  const entry: Record<string, unknown> = { note: w.note, id: w.id, label: w.label, series: w.series };
  for (const k of TEST_KEYS) if (w.test[k] !== undefined) entry[k] = w.test[k];
  entry.then = evaluation(w.then);
  entry.now = evaluation(w.now);
  entry.firstMetAfterNote = w.firstMetAfterNote;
  return entry;
}

/** The whole file: pretty-printed with two spaces, ending in a newline. */
export function watchJson(archive: Pick<Archive, 'now' | 'watches'>): string {
  return `${JSON.stringify({ now: archive.now, watches: archive.watches.map(watchEntry) }, null, 2)}\n`;
}
