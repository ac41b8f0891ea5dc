/**
 * How the note list is paged. A small archive lists every note on the home page; a large one (a daily
 * note for years) lists the newest INDEX_LIMIT there and every note on a page per year, so no page
 * grows with the whole archive.
 */
import type { NoteRecord } from '../archive/build-archive.ts';
import { href } from './url.ts';

export const INDEX_LIMIT = 300;

/** Items in /rss.xml: the newest notes. */
export const FEED_LIMIT = 100;

export interface YearPage {
  year: string;
  notes: NoteRecord[];
}

/** Notes (newest first) grouped by year, newest year first. */
export function notesByYear(notes: readonly NoteRecord[]): YearPage[] {
  const years: YearPage[] = [];
  for (const n of notes) {
    const y = n.date.slice(0, 4);
    const last = years.at(-1);
    if (last && last.year === y) last.notes.push(n);
    else years.push({ year: y, notes: [n] });
  }
  return years;
}

/** Year pages exist only when the home page cannot list every note. */
export function yearPages(notes: readonly NoteRecord[]): YearPage[] {
  return notes.length > INDEX_LIMIT ? notesByYear(notes) : [];
}

export const yearHref = (year: string) => href(`/years/${year}/`);
export const tagYearHref = (tag: string, year: string) => href(`/tags/${tag}/${year}/`);

/** The conditions of several notes, counted from their tallies. */
export function sumTallies(notes: readonly NoteRecord[]): { total: number; metThen: number; metNow: number } {
  const t = { total: 0, metThen: 0, metNow: 0 };
  for (const n of notes) {
    t.total += n.tally.total;
    t.metThen += n.tally.metThen;
    t.metNow += n.tally.metNow;
  }
  return t;
}
