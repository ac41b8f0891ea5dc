/**
 * Where a note's timeline lanes draw their spans: the record's packed spans (calendar days) mapped onto a
 * 0..WIDTH axis that runs from the note's date to its "now". Drawing only: which days were met comes
 * from the records.
 */
import type { ConditionRecord, NoteRecord } from '../archive/build-archive.ts';
import { civil, day, utcDay } from '../core/dates.ts';
import { packedMetSpans, unpackSpans, type DayStatus } from '../core/timeline.ts';

export const WIDTH = 1000;
/** A lane never draws more than this many runs: about a pixel and a half each at 1280 px. */
export const PIXELS = 500;

export interface LaneRect {
  x: number;
  width: number;
  status: DayStatus;
}

export interface Lane {
  c: ConditionRecord;
  /** A condition inside a group. */
  part: boolean;
  rects: LaneRect[];
  /** x of the first-met day, or null. */
  firstMetX: number | null;
  /** The met runs as [from, to] days (for the lane's label and the table row). */
  metDays: [number, number][];
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Lanes in the note's order: each group, then its parts; single conditions as they come. */
/**
 * A lane with more spans than PIXELS (a condition that flips every few days over decades) is drawn
 * one PIXELS-th of the axis at a time, each in the status that covers most of it: the page stays
 * small, and nothing narrower than a pixel is lost that could have been seen.
 */
function toPixels(rects: LaneRect[]): LaneRect[] {
  if (rects.length <= PIXELS) return rects;
  const out: LaneRect[] = [];
  const step = WIDTH / PIXELS;
  let k = 0;
  for (let p = 0; p < PIXELS; p++) {
    const [a, b] = [p * step, (p + 1) * step];
    const cover: Record<LaneRect['status'], number> = { met: 0, 'not-met': 0, 'no-data': 0 };
    while (k < rects.length && rects[k]!.x < b) {
      const r = rects[k]!;
      cover[r.status] += Math.min(b, r.x + r.width) - Math.max(a, r.x);
      if (r.x + r.width > b) break;
      k++;
    }
    const status = (Object.keys(cover) as LaneRect['status'][]).reduce((x, y) => (cover[y] > cover[x] ? y : x));
    if (cover[status] <= 0) continue;
    const last = out[out.length - 1];
    if (last && last.status === status && round(last.x + last.width) === round(a)) last.width = round(last.width + step);
    else out.push({ x: round(a), width: round(step), status });
  }
  return out;
}

/** The lanes, the axis length in days, and where the axis' rules go. */
export function timelineLanes(note: Pick<NoteRecord, 'conditions' | 'date' | 'nowDate'>): { lanes: Lane[]; days: number; months: number[] } {
  const D = day(note.date);
  const days = Math.max(0, day(note.nowDate) - D);
  // Day t (D < t <= now) occupies [t - D - 1, t - D) of `days` units.
  const x = (t: number) => round(((t - D) / (days || 1)) * WIDTH);
  const lane = (c: ConditionRecord, part: boolean): Lane => ({
    c,
    part,
    rects: toPixels(unpackSpans(c.spanDays).map((s) => ({ x: x(s.from - 1), width: round(x(s.to) - x(s.from - 1)), status: s.status }))),
    firstMetX: c.firstMetShown === null ? null : x(day(c.firstMetShown) - 1),
    metDays: packedMetSpans(c.spanDays),
  });
  const lanes = note.conditions.flatMap((c) => (c.kind === 'group' ? [lane(c, false), ...c.children.map((k) => lane(k, true))] : [lane(c, false)]));
  // A faint line at the first day of each month, quarter, year or five years: about two dozen at
  // most, however long ago the note was (every lane repeats them).
  const spanMonths = days / 30.44;
  const every = spanMonths <= 24 ? 1 : spanMonths <= 72 ? 3 : spanMonths <= 24 * 12 ? 12 : 60;
  const months: number[] = [];
  const [y0, m0] = civil(D + 1);
  // Month numbers from year 0; the first one whose first day is after the note's date.
  let m = y0 * 12 + m0 - 1 + (civil(D + 1)[2] === 1 ? 0 : 1);
  m = Math.ceil(m / every) * every;
  for (let t = utcDay(Math.floor(m / 12), m % 12, 1); t <= D + days; m += every, t = utcDay(Math.floor(m / 12), m % 12, 1)) months.push(x(t - 1));
  return { lanes, days, months };
}

/** Met spans listed in words: all of them up to 10, else the first and last 5 and how many between. */
export function listedSpans<T>(spans: readonly T[]): { head: T[]; skipped: number; tail: T[] } {
  if (spans.length <= 10) return { head: [...spans], skipped: 0, tail: [] };
  return { head: spans.slice(0, 5), skipped: spans.length - 10, tail: spans.slice(-5) };
}
