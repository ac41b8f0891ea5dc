/** `npm run data -- import <file> --series <id> [--format csv|fred|alfred] [--vintage YYYY-MM-DD]` */
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { formatDay } from '../../core/dates.ts';
import { planAppend } from '../append.ts';
import { commitAppend, loadData, targetSeries } from '../data-state.ts';
import { IMPORT_FORMATS, parseCsvImport, parseFredImport, type ImportFormat } from '../import-formats.ts';
import { CliError, dateArg, parseCommandLine, today, usageError, type CliContext } from '../shared.ts';
import { reportPlan } from './report.ts';

export const IMPORT_USAGE = `Usage: npm run data -- import <file> --series <id> [--format csv|fred|alfred] [--vintage YYYY-MM-DD]

Appends what <file> says to data/series/<id>.csv. Only new dates and changed values are
appended; a value for a date that is already sealed becomes a revision (a new row with a later
vintage), never an edit. An import that changes nothing says so and writes nothing.

Formats:
  csv     a table with the header "date,value" and one row per date (default)
  fred    a FRED API series/observations response (file_type=json); a "." withdraws the
          value the log has for that date (nothing if it has none)
  alfred  the same response asked for every real-time period (realtime_start=1776-07-04,
          realtime_end=9999-12-31); each row's realtime_start is kept as its vintage, and a "."
          after a value becomes a withdrawal at its realtime_start

Options:
  --series <id>           the series to append to (data/series/<id>.yaml must exist)
  --format <format>       csv (default), fred or alfred
  --vintage YYYY-MM-DD    the day these values were first known (csv and fred; default today)
  -h, --help              show this help`;

const MAX_FILE_BYTES = 256 * 1024 * 1024;

export async function runImport(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandLine(
    args,
    { series: { type: 'string' }, format: { type: 'string' }, vintage: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    IMPORT_USAGE,
  );
  if (values.help) {
    ctx.out(IMPORT_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw usageError(positionals.length ? `expected one file, got ${positionals.length}: ${positionals.join(' ')}` : 'which file? give the file to import', IMPORT_USAGE);
  if (!values.series) throw usageError('--series is required: the id of the series to append to', IMPORT_USAGE);
  const format = (values.format ?? 'csv') as ImportFormat;
  if (!IMPORT_FORMATS.includes(format)) throw usageError(`--format "${values.format}" is not one of ${IMPORT_FORMATS.join(', ')}`, IMPORT_USAGE);
  if (format === 'alfred' && values.vintage !== undefined) {
    throw usageError('--vintage does not go with --format alfred: ALFRED gives each value its own vintage (realtime_start)', IMPORT_USAGE);
  }
  const now = today(ctx.env);
  const vintage = values.vintage !== undefined ? dateArg('--vintage', values.vintage) : now;
  if (vintage > now) throw new CliError(`--vintage ${formatDay(vintage)} is after today (${formatDay(now)})`, ['A vintage is the day a value was first known, so it cannot be in the future'], 2);

  const file = positionals[0]!;
  // npm runs scripts from the project root; INIT_CWD is where the user typed the command.
  const path = isAbsolute(file) ? file : resolve(ctx.env.INIT_CWD || ctx.root, file);
  let bytes: Uint8Array;
  try {
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES) throw new CliError(`${file} is ${size} bytes, more than an import takes (${MAX_FILE_BYTES})`, ['Split it into smaller files']);
    bytes = new Uint8Array(readFileSync(path));
  } catch (e) {
    if (e instanceof CliError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (e as Error).message}`);
  }

  const data = loadData(ctx.root);
  const target = targetSeries(data, values.series);
  const parsed = format === 'csv' ? parseCsvImport(file, bytes, target.meta, vintage) : parseFredImport(file, bytes, target.meta, format, format === 'fred' ? vintage : undefined);
  for (const n of parsed.notes) ctx.err(`note: ${n}`);
  if (parsed.problems.length) {
    throw new CliError(`${file} cannot be imported (nothing was written):`, parsed.problems.map((p) => `  ${p}`));
  }
  if (parsed.incoming.length === 0) throw new CliError(`${file} has no observations to import (nothing was written)`);

  // A withdrawal typed into a csv must name a value; a feed's "." for a date never valued is no news.
  const plan = planAppend({ csvPath: target.files.csvPath, meta: target.meta, rows: target.rows, floor: target.floor, today: now, strictWithdrawals: format === 'csv' }, parsed.incoming);
  if (plan.problems.length) {
    throw new CliError(`${file} cannot be appended to ${target.files.csvPath} (nothing was written):`, plan.problems.slice(0, 30).map((p) => `  ${p}`).concat(plan.problems.length > 30 ? [`  ... and ${plan.problems.length - 30} more`] : []));
  }
  if (plan.text !== '') commitAppend(data, target, plan.text);
  reportPlan(ctx, target.files.csvPath, plan, parsed.incoming.length);
  return 0;
}
