/**
 * One evaluated archive per build: every note's conditions resolved and evaluated once (then, now,
 * first met), links checked, backlinks and tallies computed. Pages and the CLI only read the result.
 * Pure: takes parsed data and parsed notes.
 */
import { describeTest, resolveCondition, seriesRead, type Condition, type TestProps } from '../core/conditions.ts';
import type { DataSet } from '../core/dataset.ts';
import { day, formatDay, type Day } from '../core/dates.ts';
import { errorsOf, type Problem } from '../core/problems.ts';
import type { GroupProps, ValueProps } from '../core/schema.ts';
import { pickSnapshot, thenNow, type Evaluation, type ThenEvaluation } from '../core/then-now.ts';
import { combineStatuses, groupSpans, packSpans, packedMetSpans, type PackedSpans, type Require, type Span } from '../core/timeline.ts';
import { checkValueProps, valueThenNow, type ValueSide } from '../core/values.ts';
import type { ParsedNote, Position } from '../notes/parse-note.ts';
import { noteCharts, sparklineRecord, type ChartRecord, type SparklineRecord } from './chart-records.ts';

/** What a single condition and a group share: then, now, and the days after the note. */
interface ConditionBase {
  /** The note's id. */
  note: string;
  /** Anchor of the row in the note (unique among the note's conditions and groups). */
  id: string;
  position: Position;
  then: ThenEvaluation;
  now: Evaluation;
  /** The first day in (D, now] on which it was met over the data as known now (the spec's value). */
  firstMetAfterNote: string | null;
  /** firstMetAfterNote where it says something: null when it was already met on the note's date. */
  firstMetShown: string | null;
  /**
   * Status on every day of (D, now], as known now, packed as calendar days (core/timeline.ts): a large
   * archive holds millions of spans. `metSpanDates` writes the met ones as dates when a page needs them.
   */
  spanDays: PackedSpans;
  /** Every series it reads. */
  seriesRead: string[];
}

export interface WatchRecord extends ConditionBase {
  kind: 'watch';
  label: string;
  series: string;
  /** The test props as written: {above: 130, for: "14d"}. */
  test: TestProps;
  /** Order among the note's Watch elements. */
  index: number;
  condition: Condition;
  /** For `then` tests, the value fixed on the note's date. */
  reference: number | null;
  /** The id of the group it is part of, or null. */
  group: string | null;
  /** Its sparkline: `draw()` makes the geometry when the page reads it (src/archive/chart-records.ts). */
  sparkline: SparklineRecord;
}

export interface GroupRecord extends ConditionBase {
  kind: 'group';
  title: string;
  require: Require;
  /** Order among the note's WatchGroup elements. */
  index: number;
  children: WatchRecord[];
}

/** A condition as tallied and listed: a single Watch, or a group (its children are its parts). */
export type ConditionRecord = WatchRecord | GroupRecord;

export interface ValueRecord {
  note: string;
  /** Order among the note's Value elements. */
  index: number;
  series: string;
  props: ValueProps;
  position: Position;
  /** As known on the note's snapshot, at the note's date. */
  then: ValueSide;
  /** The same quantity at now over the data as known now. */
  now: ValueSide;
}

/** A condition that came true after the note, for the note's sequence of events. */
export interface SequenceEntry {
  id: string;
  /** The Watch label or the group's title. */
  label: string;
  firstMet: string;
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
  /** The snapshot was sealed after a later one existed: what the logs' vintages say was known. */
  snapshotReconstructed: boolean;
  /** "Now" for this note: max(newest snapshot, note date). */
  nowDate: string;
  /** Whether a snapshot newer than the note's date exists (else now adds nothing to then). */
  hasNewerSnapshot: boolean;
  /** Every Watch, in document order (a group's children included). */
  watches: WatchRecord[];
  /** The note's conditions in document order: single watches and groups (children inside). */
  conditions: ConditionRecord[];
  groups: GroupRecord[];
  values: ValueRecord[];
  /** Conditions (groups, their children and single ones) that came true after the note, in order. */
  sequence: SequenceEntry[];
  /** Conditions already met on the note's date. */
  metAtNote: { id: string; label: string }[];
  /** The note's charts: `geometry` is drawn when the page reads it (src/archive/chart-records.ts). */
  charts: ChartRecord[];
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
  /** Every Watch (children of groups included), in the order of `notes`. */
  watches: WatchRecord[];
  /** Every condition as tallied (single watches and groups), in the order of `notes`. */
  conditions: ConditionRecord[];
  /** Every Value, in the order of `notes`. */
  values: ValueRecord[];
  /** Watches by every series they read. */
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

/** A note dated this many days after the newest snapshot draws a warning. */
export const FUTURE_NOTE_DAYS = 7;

export function tallyOf(conditions: readonly ConditionRecord[]): Tally {
  return {
    total: conditions.length,
    metThen: conditions.filter((w) => w.then.status === 'met').length,
    metNow: conditions.filter((w) => w.now.status === 'met').length,
  };
}

/** Maximal runs of days in (D, now] on which a condition was met, as known now, as date pairs. */
export function metSpanDates(r: Pick<ConditionBase, 'spanDays'>): [string, string][] {
  return packedMetSpans(r.spanDays).map(([a, b]): [string, string] => [formatDay(a), formatDay(b)]);
}

const firstShown = (then: Evaluation, first: string | null) => (then.status === 'met' ? null : first);
/** A child's status as a group reads it: a `then` baseline is not yet true. */
const asPart = (s: Evaluation['status']) => (s === 'baseline' ? 'not-met' : s);

/** A group's record from its evaluated children. */
function groupRecord(note: string, g: { id: string; index: number; props: GroupProps; position: Position }, children: WatchRecord[], spans: readonly Span[][], D: Day, S: Day, N: Day): GroupRecord {
  const require = g.props.require;
  const T = Math.max(N, D);
  const combined = groupSpans(require, spans, D + 1, T);
  const first = combined.find((x) => x.status === 'met');
  const side = (date: Day, snapshot: Day, status: Evaluation['status']): Evaluation => ({ date: formatDay(date), snapshot: formatDay(snapshot), status, value: null, observed: null, stale: children.some((c) => (snapshot === S ? c.then : c.now).stale), staleRule: null, compared: null });
  const then: ThenEvaluation = {
    ...side(D, S, combineStatuses(require, children.map((c) => asPart(c.then.status)))),
    revisedValue: null,
    revisedOn: null,
    statusAsKnownNow: combineStatuses(require, children.map((c) => asPart(c.then.statusAsKnownNow))),
  };
  const firstMet = first ? formatDay(first.from) : null;
  return {
    kind: 'group',
    note,
    id: g.id,
    title: g.props.title,
    require,
    index: g.index,
    position: g.position,
    children,
    then,
    now: side(T, N, combineStatuses(require, children.map((c) => asPart(c.now.status)))),
    firstMetAfterNote: firstMet,
    firstMetShown: firstShown(then, firstMet),
    seriesRead: [...new Set(children.flatMap((c) => c.seriesRead))],
    spanDays: packSpans(combined),
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

  const notes: NoteRecord[] = [];
  for (const n of included) {
    const fm = n.frontmatter!;
    const D = day(fm.date);
    const picked = pickSnapshot(D, fm.snapshot ? day(fm.snapshot) : undefined, data.snapshots);
    let snapshot: number | undefined;
    const needsData = n.watches.length > 0 || n.charts.length > 0 || n.values.length > 0;
    if ('message' in picked) {
      if (needsData || fm.snapshot) {
        problems.push({ file: n.file, line: n.fieldLine(fm.snapshot ? 'snapshot' : 'date'), field: fm.snapshot ? 'snapshot' : 'date', message: picked.message, hint: picked.hint });
      }
    } else snapshot = picked.snapshot;
    if (N !== undefined && D - N > FUTURE_NOTE_DAYS) {
      problems.push({
        file: n.file,
        line: n.fieldLine('date'),
        field: 'date',
        severity: 'warning',
        message: `the note is dated ${fm.date}, ${D - N} days after the newest snapshot (${formatDay(N)}): its "now" is its own date`,
        hint: 'Seal a snapshot for its date (`npm run data -- seal --date ' + fm.date + '`), or fix the date',
      });
    }
    const evaluate = snapshot !== undefined && N !== undefined && dataOk;

    const watches: WatchRecord[] = [];
    const spansOf = new Map<number, Span[]>();
    for (const w of n.watches) {
      if (!w.valid) continue;
      const resolved = resolveCondition(w.props, catalog);
      if ('problems' in resolved) {
        for (const p of resolved.problems) problems.push({ file: n.file, ...w.position, field: p.field, message: p.message, hint: p.hint });
        continue;
      }
      if (!evaluate) continue;
      const { spans, ...result } = thenNow(resolved.condition, data.logs, D, snapshot!, N!);
      spansOf.set(w.index, spans);
      watches.push({
        kind: 'watch',
        note: n.id,
        id: w.id,
        label: w.label,
        series: w.props.series,
        test: describeTest(resolved.condition),
        index: w.index,
        position: w.position,
        condition: resolved.condition,
        group: w.group !== undefined ? (n.groups[w.group]?.id ?? null) : null,
        seriesRead: seriesRead(resolved.condition),
        ...result,
        firstMetShown: firstShown(result.then, result.firstMetAfterNote),
        sparkline: sparklineRecord(data.logs, { series: w.props.series, condition: resolved.condition, reference: result.reference }, D, day(result.now.date)),
        spanDays: packSpans(spans),
      });
    }
    const byIndex = new Map(watches.map((w) => [w.index, w]));
    const groups: GroupRecord[] = [];
    if (evaluate) {
      for (const g of n.groups) {
        const children = g.children.map((k) => byIndex.get(k));
        if (!g.valid || children.some((c) => c === undefined)) continue;
        groups.push(groupRecord(n.id, g, children as WatchRecord[], g.children.map((k) => spansOf.get(k)!), D, snapshot!, N!));
      }
    }
    const groupByIndex = new Map(groups.map((g) => [g.index, g]));
    const conditions: ConditionRecord[] = [];
    for (const o of n.order) {
      const r = o.kind === 'watch' ? byIndex.get(o.index) : groupByIndex.get(o.index);
      if (r) conditions.push(r);
    }

    const values: ValueRecord[] = [];
    for (const v of n.values) {
      if (!v.valid) continue;
      const log = data.logs.get(v.props.series);
      const bad = checkValueProps(v.props, log, D);
      for (const p of bad) problems.push({ file: n.file, ...v.position, field: p.field, message: p.message, hint: p.hint });
      if (bad.length || !evaluate) continue;
      values.push({ note: n.id, index: v.index, series: v.props.series, props: v.props, position: v.position, ...valueThenNow(v.props, log!, D, snapshot!, N!) });
    }

    for (const c of n.charts) {
      if (!c.valid) continue;
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
    // The order things came true: groups, their parts and single conditions, by first-met day.
    const lanes = conditions.flatMap((c) => (c.kind === 'group' ? [c, ...c.children] : [c]));
    const label = (c: ConditionRecord) => (c.kind === 'group' ? c.title : c.label);
    const sequence = lanes
      .map((c, order) => ({ c, order }))
      .filter(({ c }) => c.firstMetShown !== null)
      .sort((a, b) => (a.c.firstMetShown! < b.c.firstMetShown! ? -1 : a.c.firstMetShown! > b.c.firstMetShown! ? 1 : a.order - b.order))
      .map(({ c }) => ({ id: c.id, label: label(c), firstMet: c.firstMetShown! }));
    const snapFile = snapshot === undefined ? undefined : data.snapshotFiles.get(snapshot);
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
      snapshotReconstructed: (snapFile as { reconstructed?: boolean } | undefined)?.reconstructed === true,
      nowDate: N === undefined ? '' : formatDay(Math.max(N, D)),
      hasNewerSnapshot: N !== undefined && N > D,
      watches,
      conditions,
      groups,
      values,
      sequence,
      metAtNote: lanes.filter((c) => c.then.status === 'met').map((c) => ({ id: c.id, label: label(c) })),
      charts: evaluate ? noteCharts(n.file, n.charts, data.logs, D, snapshot!, N!, problems) : [],
      linksTo: [...new Set(n.links.map((l) => l.target))].filter((t) => ids.has(t)),
      linkedFrom: [],
      tally: tallyOf(conditions),
    });
  }

  notes.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.id < b.id ? 1 : -1));
  const noteById = new Map(notes.map((n) => [n.id, n]));
  for (const n of [...notes].reverse()) for (const t of n.linksTo) noteById.get(t)?.linkedFrom.push(n.id);

  const watches = notes.flatMap((n) => n.watches);
  const watchesBySeries = new Map<string, WatchRecord[]>();
  for (const w of watches) {
    for (const s of w.seriesRead) {
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
      conditions: notes.flatMap((n) => n.conditions),
      values: notes.flatMap((n) => n.values),
      watchesBySeries,
      tags: sortedTags,
      data,
      snapshots: data.snapshots.map(formatDay),
      warnings: problems.filter((p) => p.severity === 'warning'),
    },
    problems,
  };
}
