/**
 * One evaluated archive per build: every note's conditions resolved and evaluated once (then, now,
 * first met), links checked, backlinks and tallies computed. Pages and the CLI only read the result.
 * Pure: takes parsed data and parsed notes.
 */
import { describeTest, resolveCondition, type Condition } from '../core/conditions.ts';
import type { DataSet } from '../core/dataset.ts';
import { day, formatDay } from '../core/dates.ts';
import { errorsOf, type Problem } from '../core/problems.ts';
import { NowTimelines } from '../core/first-met.ts';
import { pickSnapshot, thenNow, type Evaluation } from '../core/then-now.ts';
import type { ParsedNote, Position, RawChart } from '../notes/parse-note.ts';

export interface WatchRecord {
  /** The note's id. */
  note: string;
  /** Anchor of the row in the note. */
  id: string;
  label: string;
  series: string;
  /** The test props as written: {above: 130, for: "14d"}. */
  test: Record<string, string | number>;
  /** Order among the note's Watch elements. */
  index: number;
  position: Position;
  condition: Condition;
  then: Evaluation;
  now: Evaluation;
  firstMetAfterNote: string | null;
  /** For `then` tests, the value fixed on the note's date. */
  reference: number | null;
}

export interface Tally {
  total: number;
  metThen: number;
  metNow: number;
}

export interface NoteRecord {
  id: string;
  file: string;
  title: string;
  date: string;
  summary: string;
  tags: string[];
  author: string;
  draft: boolean;
  /** The snapshot the note reads. */
  snapshot: string;
  watches: WatchRecord[];
  charts: RawChart[];
  /** Ids of notes this note links to. */
  linksTo: string[];
  /** Ids of notes that link to this one, oldest first. */
  linkedFrom: string[];
  tally: Tally;
}

export interface Archive {
  /** The newest snapshot's date. */
  now: string | null;
  /** Newest first. */
  notes: NoteRecord[];
  noteById: Map<string, NoteRecord>;
  /** Every condition, in the order of `notes`. */
  watches: WatchRecord[];
  watchesBySeries: Map<string, WatchRecord[]>;
  /** Tags with their notes, tags sorted. */
  tags: Map<string, NoteRecord[]>;
  data: DataSet;
  snapshots: string[];
  warnings: Problem[];
}

export interface BuildOptions {
  includeDrafts: boolean;
  defaultAuthor: string;
}

export function tallyOf(watches: readonly WatchRecord[]): Tally {
  return {
    total: watches.length,
    metThen: watches.filter((w) => w.then.status === 'met').length,
    metNow: watches.filter((w) => w.now.status === 'met').length,
  };
}

export function buildArchive(data: DataSet, parsed: readonly ParsedNote[], options: BuildOptions): { archive: Archive; problems: Problem[] } {
  const problems: Problem[] = [...data.problems];
  for (const n of parsed) problems.push(...n.problems);
  const catalog = (id: string) => data.logs.get(id)?.meta;
  const included = parsed.filter((n) => n.frontmatter && (options.includeDrafts || !n.frontmatter.draft));
  const ids = new Set(included.map((n) => n.id));
  const dataOk = errorsOf(data.problems).length === 0;
  const N = data.now;
  // firstMetAfterNote of every condition reads the same "now": its step functions are built once.
  const timelines = N === undefined ? undefined : new NowTimelines(data.logs, N);

  const notes: NoteRecord[] = [];
  for (const n of included) {
    const fm = n.frontmatter!;
    const D = day(fm.date);
    const picked = pickSnapshot(D, fm.snapshot ? day(fm.snapshot) : undefined, data.snapshots);
    let snapshot: number | undefined;
    if ('message' in picked) {
      if (n.watches.length || n.charts.length || fm.snapshot) {
        problems.push({ file: n.file, line: n.fieldLine(fm.snapshot ? 'snapshot' : 'date'), field: fm.snapshot ? 'snapshot' : 'date', message: picked.message, hint: picked.hint });
      }
    } else snapshot = picked.snapshot;

    const watches: WatchRecord[] = [];
    for (const w of n.watches) {
      if (w.id.startsWith('invalid-')) continue;
      const resolved = resolveCondition(w.props, catalog);
      if ('problems' in resolved) {
        for (const p of resolved.problems) problems.push({ file: n.file, ...w.position, field: p.field, message: p.message, hint: p.hint });
        continue;
      }
      if (snapshot === undefined || N === undefined || !dataOk) continue;
      const result = thenNow(resolved.condition, data.logs, D, snapshot, N, timelines);
      watches.push({
        note: n.id,
        id: w.id,
        label: w.label,
        series: w.props.series,
        test: describeTest(resolved.condition),
        index: w.index,
        position: w.position,
        condition: resolved.condition,
        ...result,
      });
    }
    for (const c of n.charts) {
      if (!catalog(c.props.series)) {
        problems.push({ file: n.file, ...c.position, field: 'series', message: `unknown series "${c.props.series}"`, hint: `Add data/series/${c.props.series}.yaml and .csv, or fix the id` });
      } else if (catalog(c.props.series)!.kind === 'status') {
        problems.push({ file: n.file, ...c.position, field: 'series', message: `"${c.props.series}" is a status series and cannot be charted`, hint: 'Chart a number series' });
      }
    }
    for (const l of n.links) {
      if (!ids.has(l.target)) {
        problems.push({ file: n.file, ...l.position, message: `link to /notes/${l.target}/ points to no note`, hint: 'Fix the date or slug, or write that note first' });
      }
    }
    notes.push({
      id: n.id,
      file: n.file,
      title: fm.title,
      date: fm.date,
      summary: fm.summary,
      tags: fm.tags,
      author: fm.author ?? options.defaultAuthor,
      draft: fm.draft,
      snapshot: snapshot === undefined ? '' : formatDay(snapshot),
      watches,
      charts: n.charts,
      linksTo: [...new Set(n.links.map((l) => l.target))].filter((t) => ids.has(t)),
      linkedFrom: [],
      tally: tallyOf(watches),
    });
  }

  notes.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.id < b.id ? 1 : -1));
  const noteById = new Map(notes.map((n) => [n.id, n]));
  for (const n of [...notes].reverse()) for (const t of n.linksTo) noteById.get(t)?.linkedFrom.push(n.id);

  const watches = notes.flatMap((n) => n.watches);
  const watchesBySeries = new Map<string, WatchRecord[]>();
  for (const w of watches) {
    for (const s of new Set([w.series, ...(w.condition.test !== 'trend' && w.condition.test !== 'equals' && w.condition.target.type === 'series' ? [w.condition.target.id] : [])])) {
      const list = watchesBySeries.get(s) ?? [];
      list.push(w);
      watchesBySeries.set(s, list);
    }
  }
  const tags = new Map<string, NoteRecord[]>();
  for (const n of notes) {
    for (const t of n.tags) {
      const list = tags.get(t);
      if (list) list.push(n);
      else tags.set(t, [n]);
    }
  }
  const sortedTags = new Map([...tags].sort(([a], [b]) => (a < b ? -1 : 1)));

  return {
    archive: {
      now: N === undefined ? null : formatDay(N),
      notes,
      noteById,
      watches,
      watchesBySeries,
      tags: sortedTags,
      data,
      snapshots: data.snapshots.map(formatDay),
      warnings: problems.filter((p) => p.severity === 'warning'),
    },
    problems,
  };
}
