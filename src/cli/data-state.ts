/**
 * The data/ folder as the CLI sees it: loaded and verified by the same core the build uses, one
 * series picked as the target of a write, and the write itself -- validated as the would-be state
 * first, checked against a concurrent change, then made atomically.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataSet, parseSeriesMeta, type DataInput, type DataSet, type SeriesFiles } from '../core/dataset.ts';
import { formatDay } from '../core/dates.ts';
import { LOG_HEADER, parseObservationLog, type ObservationRows } from '../core/observation-log.ts';
import { errorsOf, formatProblem, type Problem } from '../core/problems.ts';
import { SERIES_ID, type SeriesMeta } from '../core/schema.ts';
import { readDataInput } from '../io/read-data.ts';
import { FileExistsError, writeFileAtomic } from '../io/write-atomic.ts';
import type { SealFloor } from './append.ts';
import { CliError } from './shared.ts';

export interface LoadedData {
  root: string;
  input: DataInput;
  set: DataSet;
}

export function loadData(root: string): LoadedData {
  if (!existsSync(join(root, 'data'))) {
    throw new CliError(`there is no data/ folder in ${root}`, ['Run this from the project folder (the one with package.json, data/ and content/)']);
  }
  const input = readDataInput(root);
  return { root, input, set: loadDataSet(input) };
}

export interface Target {
  id: string;
  files: SeriesFiles;
  meta: SeriesMeta;
  rows: ObservationRows;
  /** The log's bytes now; undefined when the .csv does not exist yet (it will be created). */
  bytes: Uint8Array | undefined;
  floor: SealFloor | undefined;
}

const MAX_LISTED = 30;

export function problemLines(problems: readonly Problem[]): string[] {
  const lines = problems.slice(0, MAX_LISTED).map((p) => `  ${formatProblem(p)}`);
  if (problems.length > MAX_LISTED) lines.push(`  ... and ${problems.length - MAX_LISTED} more (npm run data -- verify lists them all)`);
  return lines;
}

export function checkSeriesId(id: string): void {
  if (!SERIES_ID.test(id)) {
    throw new CliError(`"${id}" is not a series id`, ['Series ids are lower-case letters, digits and dashes, like usdjpy or fed-funds-upper'], 2);
  }
}

/** The series a command writes to, refused when it does not exist or its files (or any snapshot) have errors. */
export function targetSeries(data: LoadedData, id: string): Target {
  checkSeriesId(id);
  const files = data.input.series.find((s) => s.id === id);
  if (!files || files.yamlText === undefined) {
    const known = data.input.series.filter((s) => s.yamlText !== undefined).map((s) => s.id);
    throw new CliError(`unknown series "${id}": there is no data/series/${id}.yaml`, [
      known.length ? `Known series: ${known.slice(0, 40).join(', ')}` : 'There are no series yet.',
      `To add one, create data/series/${id}.yaml (name, unit, frequency, source; see README "Data formats").`,
    ]);
  }
  const creating = files.csvBytes === undefined;
  const blocking = errorsOf(data.set.problems).filter(
    (p) => p.file === files.yamlPath || p.file === files.csvPath || p.file.startsWith('data/snapshots/'),
  );
  // A missing log is what this write creates, not a reason to refuse.
  const real = creating ? blocking.filter((p) => !(p.file === files.yamlPath && p.message.startsWith('has no observation log'))) : blocking;
  if (real.length) {
    throw new CliError(`series "${id}" cannot be written until these problems are fixed (nothing was written)`, problemLines(real));
  }
  if (creating) {
    const meta = parseSeriesMeta(files.yamlPath, files.yamlText).meta!;
    const header = new TextEncoder().encode(`${LOG_HEADER}\n`);
    return { id, files, meta, rows: parseObservationLog(files.csvPath, header, meta).rows, bytes: undefined, floor: undefined };
  }
  const loaded = data.set.series.get(id)!;
  let floor: SealFloor | undefined;
  for (const [date, snap] of data.set.snapshotFiles) {
    if (snap.series[id]?.rows === loaded.rows.count && (!floor || date > floor.date)) {
      const path = data.input.snapshots.find((s) => s.name === formatDay(date))?.path ?? `data/snapshots/${formatDay(date)}.json`;
      floor = { date, file: path };
    }
  }
  return { id, files, meta: loaded.log.meta, rows: loaded.rows, bytes: loaded.bytes, floor };
}

/**
 * Appends `text` to the target's log. The would-be log is verified by the core (format rules and
 * every snapshot's seal) before anything touches the disk; the file is then replaced atomically.
 */
export function commitAppend(data: LoadedData, target: Target, text: string): void {
  const before = target.bytes ?? new TextEncoder().encode(`${LOG_HEADER}\n`);
  const added = new TextEncoder().encode(text);
  const next = new Uint8Array(before.length + added.length);
  next.set(before, 0);
  next.set(added, before.length);

  const wouldBe = loadDataSet({ series: [{ ...target.files, csvBytes: next }], snapshots: data.input.snapshots });
  const errors = errorsOf(wouldBe.problems).filter((p) => p.file === target.files.csvPath || p.file === target.files.yamlPath);
  if (errors.length) {
    throw new CliError(`refusing to write ${target.files.csvPath}: the result would not verify (nothing was written)`, problemLines(errors));
  }

  const abs = join(data.root, target.files.csvPath);
  const onDisk = existsSync(abs) ? new Uint8Array(readFileSync(abs)) : undefined;
  if ((onDisk === undefined) !== (target.bytes === undefined) || (onDisk && target.bytes && !sameBytes(onDisk, target.bytes))) {
    throw new CliError(`${target.files.csvPath} changed on disk while this command ran (nothing was written)`, ['Run the command again']);
  }
  try {
    writeFileAtomic(abs, next, { overwrite: target.bytes !== undefined });
  } catch (e) {
    if (e instanceof FileExistsError) throw new CliError(`${target.files.csvPath} appeared on disk while this command ran (nothing was written)`, ['Run the command again']);
    throw e;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}
