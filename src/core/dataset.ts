/**
 * The whole `data/` folder, from file contents (read by src/io) to verified series logs and
 * snapshots. Every problem is collected with its file and line or field, so one run lists them all.
 */
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { formatDay, parseDay, parseDuration, type Day } from './dates.ts';
import { deriveRows } from './derived.ts';
import { parseObservationLog, type ObservationRows } from './observation-log.ts';
import { jsonSyntaxProblem, schemaProblems, yamlSyntaxProblems } from './problem-map.ts';
import type { Problem } from './problems.ts';
import { SERIES_ID, seriesMetaSchema, snapshotSchema, type Derive, type SeriesMeta, type SnapshotFile } from './schema.ts';
import { verifySeals, type SealToVerify } from './seal.ts';
import { SeriesLog } from './store.ts';
import { upperBound } from './search.ts';

export interface SeriesFiles {
  id: string;
  yamlPath: string;
  yamlText?: string;
  csvPath: string;
  csvBytes?: Uint8Array;
}

export interface SnapshotInput {
  path: string;
  /** The file name's date, `YYYY-MM-DD` (from `<date>.json`). */
  name: string;
  text: string;
}

export interface DataInput {
  series: SeriesFiles[];
  snapshots: SnapshotInput[];
}

export interface LoadedSeries {
  log: SeriesLog;
  rows: ObservationRows;
  bytes: Uint8Array;
  csvPath: string;
}

/** A series computed from others: it has a YAML and no log. */
export interface DerivedSeries {
  id: string;
  yamlPath: string;
  meta: SeriesMeta;
  derive: Derive;
}

export interface DataSet {
  /** Logged series (with a CSV log). */
  series: Map<string, LoadedSeries>;
  /** Every series' log, logged and derived (a derived one materialized from its inputs). */
  logs: Map<string, SeriesLog>;
  /** Derived series, by id. */
  derived: Map<string, DerivedSeries>;
  /** Snapshot dates, ascending. */
  snapshots: Day[];
  snapshotFiles: Map<Day, SnapshotFile>;
  /** The newest snapshot: "now". Undefined when nothing is sealed yet. */
  now: Day | undefined;
  problems: Problem[];
}

/** The 1-based line of a field in a YAML document, for error messages. */
export function yamlLine(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

/** Parses and validates one series' YAML; `lineOf` finds the line of a field, for later checks. */
export function parseSeriesMeta(file: string, text: string): { meta?: SeriesMeta; problems: Problem[]; lineOf?: (path: readonly PropertyKey[]) => number | undefined } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) return { problems: yamlSyntaxProblems(file, doc.errors, lines, { hint: 'Fix the YAML syntax (indentation, quotes, colons)' }) };
  const lineOf = (path: readonly PropertyKey[]) => yamlLine(doc, lines, path);
  const result = seriesMetaSchema.safeParse(doc.toJS() ?? {});
  if (!result.success) {
    return { problems: schemaProblems(result.error.issues, { file, schema: seriesMetaSchema, keyWord: 'key', lineOf, hint: 'See README "Data formats"' }) };
  }
  return { meta: result.data, problems: [], lineOf };
}

/** Parses and validates one snapshot file. */
export function parseSnapshot(input: SnapshotInput): { snapshot?: SnapshotFile; problems: Problem[] } {
  const file = input.path;
  const restore = 'Snapshots are written by `npm run data -- seal`; restore this one from version control';
  let json: unknown;
  try {
    json = JSON.parse(input.text);
  } catch (e) {
    return { problems: [jsonSyntaxProblem(file, input.text, e, restore)] };
  }
  const result = snapshotSchema.safeParse(json);
  if (!result.success) {
    // JSON has no line positions here, so an unknown key is named by its field path.
    return { problems: schemaProblems(result.error.issues, { file, schema: snapshotSchema, keyWord: 'key', hint: restore, unknownKeyHint: restore }) };
  }
  if (result.data.date !== input.name) {
    return { problems: [{ file, field: 'date', message: `date ${result.data.date} does not match the file name ${input.name}.json`, hint: 'Restore the snapshot from version control' }] };
  }
  return { snapshot: result.data, problems: [] };
}

/** Loads, validates and verifies all of `data/`. */
export function loadDataSet(input: DataInput): DataSet {
  const problems: Problem[] = [];
  const series = new Map<string, LoadedSeries>();
  const snapshotFiles = new Map<Day, SnapshotFile>();
  const sealsBySeries = new Map<string, SealToVerify[]>();

  for (const snap of [...input.snapshots].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const date = parseDay(snap.name);
    if (date === undefined) {
      problems.push({ file: snap.path, message: 'a snapshot file must be named <YYYY-MM-DD>.json', hint: 'Rename it to its date' });
      continue;
    }
    const parsed = parseSnapshot(snap);
    problems.push(...parsed.problems);
    if (!parsed.snapshot) continue;
    snapshotFiles.set(date, parsed.snapshot);
    for (const [id, seal] of Object.entries(parsed.snapshot.series)) {
      const list = sealsBySeries.get(id) ?? [];
      list.push({ snapshotFile: snap.path, date, seal });
      sealsBySeries.set(id, list);
    }
  }

  const derivedFiles: DerivedFile[] = [];
  for (const f of [...input.series].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (!SERIES_ID.test(f.id)) {
      problems.push({ file: f.yamlText !== undefined ? f.yamlPath : f.csvPath, message: `"${f.id}" is not a valid series id`, hint: 'Series ids are lower-case letters, digits and dashes, starting with a letter or digit' });
      continue;
    }
    if (f.yamlText === undefined) {
      problems.push({ file: f.csvPath, message: `has no metadata file ${f.yamlPath}`, hint: 'Every series needs <id>.yaml beside <id>.csv (name, unit, frequency, source)' });
      continue;
    }
    const meta = parseSeriesMeta(f.yamlPath, f.yamlText);
    if (!meta.meta && f.csvBytes === undefined) {
      // Without a log, the YAML's own problems are the ones to fix first (it may mean to be derived).
      problems.push(...meta.problems);
      continue;
    }
    if (meta.meta?.derive) {
      if (f.csvBytes !== undefined) {
        problems.push({ file: f.csvPath, message: `"${f.id}" is derived (its YAML has \`derive\`), so it has no observation log`, hint: `Delete ${f.csvPath}, or remove \`derive\` to log the series` });
      } else derivedFiles.push({ id: f.id, yamlPath: f.yamlPath, meta: meta.meta, lineOf: meta.lineOf! });
      continue;
    }
    if (f.csvBytes === undefined) {
      problems.push({ file: f.yamlPath, message: `has no observation log ${f.csvPath}`, hint: 'Create it with the header line "date,value,vintage", or give the series a `derive` recipe' });
      continue;
    }
    problems.push(...meta.problems);
    if (!meta.meta) continue;
    const parsed = parseObservationLog(f.csvPath, f.csvBytes, meta.meta);
    problems.push(...parsed.problems);
    if (parsed.problems.length) continue;
    problems.push(...verifySeals(f.csvPath, f.csvBytes, parsed.rows, sealsBySeries.get(f.id) ?? []));
    series.set(f.id, { log: new SeriesLog(f.id, meta.meta, parsed.rows), rows: parsed.rows, bytes: f.csvBytes, csvPath: f.csvPath });
  }

  const present = new Set(input.series.map((s) => s.id));
  for (const [id, seals] of sealsBySeries) {
    if (!present.has(id)) {
      for (const s of seals) {
        problems.push({ file: s.snapshotFile, field: `series.${id}`, message: `seals series "${id}", which no longer exists`, hint: `A sealed series is never deleted: restore data/series/${id}.csv and .yaml` });
      }
    }
  }

  const snapshots = [...snapshotFiles.keys()].sort((a, b) => a - b);
  const now = snapshots.at(-1);
  for (const [id, s] of series) {
    const unsealed = now === undefined ? s.rows.count : s.rows.count - upperBound(s.rows.vintages, now);
    if (unsealed > 0) {
      problems.push({
        file: s.csvPath,
        line: s.rows.count - unsealed + 2,
        severity: 'warning',
        message: `${unsealed} row${unsealed === 1 ? '' : 's'} of "${id}" ${unsealed === 1 ? 'has a vintage' : 'have vintages'} after the newest snapshot${now === undefined ? '' : ` (${formatDay(now)})`} and ${unsealed === 1 ? 'is' : 'are'} left out of "now"`,
        hint: 'Seal them with `npm run data -- seal`',
      });
    }
  }
  const logs = new Map([...series].map(([id, s]) => [id, s.log]));
  const derived = new Map<string, DerivedSeries>();
  for (const p of loadDerived(derivedFiles, logs, new Set(input.series.map((s) => s.id)))) problems.push(p);
  for (const f of derivedFiles) if (logs.has(f.id)) derived.set(f.id, { id: f.id, yamlPath: f.yamlPath, meta: f.meta, derive: f.meta.derive! });
  return { series, logs, derived, snapshots, snapshotFiles, now, problems };
}

interface DerivedFile {
  id: string;
  yamlPath: string;
  meta: SeriesMeta;
  lineOf: (path: readonly PropertyKey[]) => number | undefined;
}

/**
 * Materializes every derived series into `logs`, inputs first. Reports, at the `derive` key of the
 * YAML, an unknown input, a status input, and a cycle; a series reading a broken one is left out.
 */
function loadDerived(files: readonly DerivedFile[], logs: Map<string, SeriesLog>, present: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map(files.map((f) => [f.id, f]));
  const state = new Map<string, 'visiting' | 'done' | 'failed'>();
  const visit = (f: DerivedFile, path: string[]): boolean => {
    const s = state.get(f.id);
    if (s === 'done') return true;
    if (s === 'failed') return false;
    if (s === 'visiting') {
      const cycle = [...path.slice(path.indexOf(f.id)), f.id];
      problems.push({ file: f.yamlPath, line: f.lineOf(['derive', 'of']), field: 'derive.of', message: `derived series form a cycle: ${cycle.join(' → ')}`, hint: 'A derived series cannot read itself, directly or through others' });
      state.set(f.id, 'failed');
      return false;
    }
    state.set(f.id, 'visiting');
    const d = f.meta.derive!;
    let ok = true;
    d.of.forEach((id, k) => {
      const at = { file: f.yamlPath, line: f.lineOf(['derive', 'of', k]), field: `derive.of.${k}` };
      const input = byId.get(id);
      if (input) {
        if (!visit(input, [...path, f.id])) ok = false;
      } else if (!logs.has(id)) {
        ok = false;
        // A logged input with errors of its own is reported in its own files.
        if (!present.has(id)) problems.push({ ...at, message: `unknown input series "${id}"`, hint: `Add data/series/${id}.yaml, or fix the id` });
      } else if (logs.get(id)!.meta.kind === 'status') {
        ok = false;
        problems.push({ ...at, message: `"${id}" is a status series and cannot be an input of ${d.op}`, hint: 'Derive from number series only' });
      }
    });
    if (state.get(f.id) === 'failed') return false;
    if (!ok) {
      state.set(f.id, 'failed');
      return false;
    }
    const window = d.window === undefined ? undefined : parseDuration(d.window)!;
    logs.set(f.id, new SeriesLog(f.id, f.meta, deriveRows(d, window, d.of.map((id) => logs.get(id)!))));
    state.set(f.id, 'done');
    return true;
  };
  for (const f of files) visit(f, []);
  return problems;
}

