/** `npm run data -- seal [--date YYYY-MM-DD]` */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataSet } from '../../core/dataset.ts';
import { formatDay, parseDay, type Day } from '../../core/dates.ts';
import { errorsOf } from '../../core/problems.ts';
import { buildSnapshot, sealedRowCount } from '../../core/seal.ts';
import { NOTE_FILE, parseNoteSource } from '../../notes/parse-note.ts';
import { FileExistsError, writeFileAtomic } from '../../io/write-atomic.ts';
import { loadData, problemLines, type LoadedData } from '../data-state.ts';
import { CliError, dateArg, parseCommandLine, today, usageError, type CliContext } from '../shared.ts';

export const SEAL_USAGE = `Usage: npm run data -- seal [--date YYYY-MM-DD]

Writes data/snapshots/<date>.json: for every series, how many rows of its log were known on that
date (the rows with a vintage on or before it) and the SHA-256 of those bytes. Notes dated on or
after it can read the data as it stood then, and every later check proves those rows were never
edited. A snapshot is never rewritten.

Any date without a snapshot can be sealed, also one before the newest snapshot: that snapshot is
marked "reconstructed", since it states what the logs' vintages say was known on that date, not
what was witnessed on it.

Options:
  --date YYYY-MM-DD   the day to seal (default: the newest vintage in the data); not after today
  -h, --help          show this help`;

/** A snapshot ready to write: its file, its bytes, and what the report says about it. */
export interface SealPlan {
  date: Day;
  path: string;
  text: string;
  series: number;
  rows: number;
  /** The next snapshot after `date` when one already exists (the new one is reconstructed). */
  laterSnapshot: Day | undefined;
}

/**
 * Checks that `date` can be sealed and builds its snapshot, verified with the rest of data/ by the
 * core; writes nothing. Throws a CliError naming what to do otherwise.
 */
export function planSeal(data: LoadedData, date: Day, now: Day): SealPlan {
  const d = formatDay(date);
  const path = `data/snapshots/${d}.json`;
  if (date > now) throw new CliError(`cannot seal ${d}: it is after today (${formatDay(now)})`, ['A snapshot records what was known on its date; seal today or an earlier day']);
  if (data.set.snapshotFiles.has(date) || data.input.snapshots.some((s) => s.name === d)) {
    throw new CliError(`snapshot ${d} already exists (${path}); snapshots are never rewritten`, ['To seal rows added since, seal a later date (with the new rows\' vintage)']);
  }
  const laterSnapshot = data.set.snapshots.find((s) => s > date);
  const series = [...data.set.series.entries()];
  const snapshot = buildSnapshot(
    date,
    series.map(([id, s]) => ({ id, bytes: s.bytes, rows: s.rows })),
    { reconstructed: laterSnapshot !== undefined },
  );
  const sealed = Object.keys(snapshot.series);
  if (sealed.length === 0) throw new CliError(`nothing has a vintage on or before ${d}, so there is nothing to seal`, ['Seal a later date, or add rows with older vintages first (`npm run data -- import --format alfred` keeps ALFRED\'s)']);
  const text = JSON.stringify(snapshot, null, 2) + '\n';

  const wouldBe = loadDataSet({ series: data.input.series, snapshots: [...data.input.snapshots, { path, name: d, text }] });
  const after = errorsOf(wouldBe.problems);
  if (after.length) throw new CliError(`refusing to write ${path}: the data would not verify with it (nothing was written)`, problemLines(after));
  return { date, path, text, series: sealed.length, rows: sealed.reduce((n, id) => n + snapshot.series[id]!.rows, 0), laterSnapshot };
}

/** Writes a planned snapshot; never replaces a file, even one that appeared since the plan. */
export function writeSeal(root: string, plan: SealPlan): void {
  mkdirSync(join(root, 'data', 'snapshots'), { recursive: true });
  try {
    writeFileAtomic(join(root, plan.path), plan.text, { overwrite: false });
  } catch (e) {
    if (e instanceof FileExistsError) throw new CliError(`${plan.path} already exists; snapshots are never rewritten`);
    throw e;
  }
}

/** The lines that report a written snapshot. */
export function sealReport(data: LoadedData, plan: SealPlan): string[] {
  const d = formatDay(plan.date);
  const lines = [
    plan.laterSnapshot === undefined
      ? `sealed ${plan.path}: ${plan.series} series, ${plan.rows} rows`
      : `sealed ${plan.path} (reconstructed: snapshot ${formatDay(plan.laterSnapshot)} already existed, so this states what the logs' vintages say was known on ${d}): ${plan.series} series, ${plan.rows} rows`,
  ];
  // Rows after a reconstructed snapshot are sealed by the later ones; only the newest leaves rows unsealed.
  const later = plan.laterSnapshot !== undefined ? [] : [...data.set.series.entries()].filter(([, s]) => sealedRowCount(s.rows, plan.date) < s.rows.count).map(([id]) => id);
  if (later.length) lines.push(`rows with a vintage after ${d} stay unsealed in: ${later.join(', ')}`);
  const moved = unpinnedNotesBetween(data.root, plan.date, plan.laterSnapshot);
  if (moved.length) {
    lines.push(`notes without a \`snapshot:\` field dated from ${d}${plan.laterSnapshot === undefined ? '' : ` to before ${formatDay(plan.laterSnapshot)}`} now read this snapshot: ${moved.join(', ')}`);
  }
  return lines;
}

/**
 * Notes whose default snapshot (the newest on or before their date) becomes `date`: those dated in
 * [date, next) with no `snapshot:` in their frontmatter. A past seal changes what they show as "then".
 */
function unpinnedNotesBetween(root: string, date: Day, next: Day | undefined): string[] {
  const dir = join(root, 'content', 'notes');
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const m = NOTE_FILE.exec(name);
    const noteDate = m ? parseDay(m[1]!) : undefined;
    if (noteDate === undefined || noteDate < date || (next !== undefined && noteDate >= next)) continue;
    const file = `content/notes/${name}`;
    try {
      const note = parseNoteSource(file, readFileSync(join(dir, name), 'utf8'));
      if (note.frontmatter && note.frontmatter.snapshot === undefined) out.push(file);
    } catch {
      // Only a report after the snapshot is written; `npm run check` names a note it cannot read.
    }
  }
  return out;
}

export async function runSeal(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { date: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, SEAL_USAGE);
  if (values.help) {
    ctx.out(SEAL_USAGE);
    return 0;
  }
  if (positionals.length) throw usageError(`unexpected argument "${positionals[0]}"`, SEAL_USAGE);
  const now = today(ctx.env);
  const date = values.date !== undefined ? dateArg('--date', values.date) : undefined;
  const data = loadData(ctx.root);
  const errors = errorsOf(data.set.problems);
  if (errors.length) throw new CliError(`data/ has ${errors.length} error${errors.length === 1 ? '' : 's'}; fix them before sealing (nothing was written)`, problemLines(errors));

  let target: Day;
  if (date !== undefined) target = date;
  else {
    const newest = Math.max(...[...data.set.series.values()].map((s) => s.log.newestVintage));
    if (!Number.isFinite(newest)) throw new CliError('there are no observations to seal', ['Add some with `npm run data -- import`, `record` or `pull` first']);
    const newestSnap = data.set.now;
    if (newestSnap !== undefined && newest <= newestSnap) {
      ctx.out(`nothing new to seal: every row has a vintage on or before the newest snapshot, data/snapshots/${formatDay(newestSnap)}.json (nothing written)`);
      return 0;
    }
    target = newest;
  }
  const plan = planSeal(data, target, now);
  writeSeal(ctx.root, plan);
  for (const line of sealReport(data, plan)) ctx.out(line);
  return 0;
}
