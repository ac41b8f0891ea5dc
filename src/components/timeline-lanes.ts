/**
 * Where a note's timeline lanes draw their spans: the record's spans (calendar dates) mapped onto a
 * 0..WIDTH axis that runs from the note's date to its "now". Drawing only: which days were met comes
 * from the records.
 */
import type { ConditionRecord, NoteRecord, TimelineSpan } from '../archive/build-archive.ts';
import { day, formatDay } from '../core/dates.ts';

export const WIDTH = 1000;

export interface LaneRect {
  x: number;
  width: number;
  status: TimelineSpan['status'];
}

export interface Lane {
  c: ConditionRecord;
  /** A condition inside a group. */
  part: boolean;
  rects: LaneRect[];
  /** x of the first-met day, or null. */
  firstMetX: number | null;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Lanes in the note's order: each group, then its parts; single conditions as they come. */
export function timelineLanes(note: Pick<NoteRecord, 'conditions' | 'date' | 'nowDate'>): { lanes: Lane[]; days: number; months: number[] } {
  const D = day(note.date);
  const days = Math.max(0, day(note.nowDate) - D);
  // Day t (D < t <= now) occupies [t - D - 1, t - D) of `days` units.
  const x = (t: number) => round(((t - D) / (days || 1)) * WIDTH);
  const lane = (c: ConditionRecord, part: boolean): Lane => ({
    c,
    part,
    rects: c.timeline.map((s) => ({ x: x(day(s.from) - 1), width: round(x(day(s.to)) - x(day(s.from) - 1)), status: s.status })),
    firstMetX: c.firstMetShown === null ? null : x(day(c.firstMetShown) - 1),
  });
  const lanes = note.conditions.flatMap((c) => (c.kind === 'group' ? [lane(c, false), ...c.children.map((k) => lane(k, true))] : [lane(c, false)]));
  // A faint line at each month's first day.
  const months: number[] = [];
  for (let t = D + 1; t <= D + days; t++) if (formatDay(t).endsWith('-01')) months.push(x(t - 1));
  return { lanes, days, months };
}
