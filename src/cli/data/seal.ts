/** `npm run data -- seal [--date YYYY-MM-DD]` */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataSet } from '../../core/dataset.ts';
import { formatDay, type Day } from '../../core/dates.ts';
import { errorsOf } from '../../core/problems.ts';
import { buildSnapshot, sealedRowCount } from '../../core/seal.ts';
import { FileExistsError, writeFileAtomic } from '../../io/write-atomic.ts';
import { loadData, problemLines } from '../data-state.ts';
import { CliError, dateArg, parseCommandLine, today, usageError, type CliContext } from '../shared.ts';

export const SEAL_USAGE = `Usage: npm run data -- seal [--date YYYY-MM-DD]

Writes data/snapshots/<date>.json: for every series, how many rows of its log were known on that
date and the SHA-256 of those bytes. Notes dated on or after it read the data as it stood then,
and every later check proves those rows were never edited. A snapshot is never rewritten.

Options:
  --date YYYY-MM-DD   the day to seal (default: the newest vintage in the data); not before the
                      newest snapshot, not after today
  -h, --help          show this help`;

export async function runSeal(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { date: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, SEAL_USAGE);
  if (values.help) {
    ctx.out(SEAL_USAGE);
    return 0;
  }
  if (positionals.length) throw usageError(`unexpected argument "${positionals[0]}"`, SEAL_USAGE);
  const now = today(ctx.env);
  const data = loadData(ctx.root);
  const errors = errorsOf(data.set.problems);
  if (errors.length) throw new CliError(`data/ has ${errors.length} error${errors.length === 1 ? '' : 's'}; fix them before sealing (nothing was written)`, problemLines(errors));

  const series = [...data.set.series.entries()];
  let date: Day;
  if (values.date !== undefined) date = dateArg('--date', values.date);
  else {
    const newest = Math.max(...series.map(([, s]) => s.log.newestVintage));
    if (!Number.isFinite(newest)) throw new CliError('there are no observations to seal', ['Add some with `npm run data -- import`, `record` or `pull` first']);
    date = newest;
  }
  const newestSnap = data.set.now;
  if (values.date === undefined && newestSnap !== undefined && date <= newestSnap) {
    ctx.out(`nothing new to seal: every row has a vintage on or before the newest snapshot, data/snapshots/${formatDay(newestSnap)}.json (nothing written)`);
    return 0;
  }
  const d = formatDay(date);
  if (date > now) throw new CliError(`cannot seal ${d}: it is after today (${formatDay(now)})`, ['A snapshot records what was known on its date; seal today or an earlier day']);
  if (newestSnap !== undefined && date === newestSnap) {
    throw new CliError(`snapshot ${d} already exists (data/snapshots/${d}.json); snapshots are never rewritten`, ['To seal rows added since, seal a later date (with the new rows\' vintage)']);
  }
  if (newestSnap !== undefined && date < newestSnap) {
    throw new CliError(`cannot seal ${d}: it is earlier than the newest snapshot (${formatDay(newestSnap)})`, ['Snapshots only move forward; seal a date after the newest one']);
  }

  const snapshot = buildSnapshot(date, series.map(([id, s]) => ({ id, bytes: s.bytes, rows: s.rows })));
  const sealed = Object.keys(snapshot.series);
  if (sealed.length === 0) throw new CliError(`nothing has a vintage on or before ${d}, so there is nothing to seal`);
  const text = JSON.stringify(snapshot, null, 2) + '\n';
  const path = `data/snapshots/${d}.json`;

  const wouldBe = loadDataSet({ series: data.input.series, snapshots: [...data.input.snapshots, { path, name: d, text }] });
  const after = errorsOf(wouldBe.problems);
  if (after.length) throw new CliError(`refusing to write ${path}: the data would not verify with it (nothing was written)`, problemLines(after));

  mkdirSync(join(ctx.root, 'data', 'snapshots'), { recursive: true });
  try {
    writeFileAtomic(join(ctx.root, path), text, { overwrite: false });
  } catch (e) {
    if (e instanceof FileExistsError) throw new CliError(`${path} already exists; snapshots are never rewritten`);
    throw e;
  }
  const rows = sealed.reduce((n, id) => n + snapshot.series[id]!.rows, 0);
  ctx.out(`sealed ${path}: ${sealed.length} series, ${rows} rows`);
  const later = series.filter(([, s]) => sealedRowCount(s.rows, date) < s.rows.count).map(([id]) => id);
  if (later.length) ctx.out(`rows with a vintage after ${d} stay unsealed in: ${later.join(', ')}`);
  return 0;
}
