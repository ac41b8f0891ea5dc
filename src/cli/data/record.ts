/** `npm run data -- record <series> <date> <value> [--vintage YYYY-MM-DD]` */
import { formatDay } from '../../core/dates.ts';
import { planAppend } from '../append.ts';
import { commitAppend, loadData, targetSeries } from '../data-state.ts';
import { CliError, dateArg, parseCommandLine, today, usageError, type CliContext } from '../shared.ts';
import { reportPlan } from './report.ts';

export const RECORD_USAGE = `Usage: npm run data -- record <series> <date> <value> [--vintage YYYY-MM-DD]

Appends one observation by hand, for series with no feed (an index you read off a screen, a
bill's status). The value is a plain decimal (4.33, -12) or, for a status series, one of its
states. Recording a different value for a date already in the log appends a revision.

Options:
  --vintage YYYY-MM-DD   the day the value was first known (default: today)
  -h, --help             show this help

Examples:
  npm run data -- record move 2026-05-19 131.4
  npm run data -- record clarity-act 2026-07-14 passed`;

export async function runRecord(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { vintage: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, RECORD_USAGE);
  if (values.help) {
    ctx.out(RECORD_USAGE);
    return 0;
  }
  if (positionals.length !== 3) throw usageError(`expected <series> <date> <value>, got ${positionals.length} argument${positionals.length === 1 ? '' : 's'}`, RECORD_USAGE);
  const [id, dateText, value] = positionals as [string, string, string];
  const date = dateArg('<date>', dateText);
  const now = today(ctx.env);
  const vintage = values.vintage !== undefined ? dateArg('--vintage', values.vintage) : now;
  if (vintage > now) throw new CliError(`--vintage ${formatDay(vintage)} is after today (${formatDay(now)})`, ['A vintage is the day a value was first known, so it cannot be in the future'], 2);

  const data = loadData(ctx.root);
  const target = targetSeries(data, id);
  const plan = planAppend(
    { csvPath: target.files.csvPath, meta: target.meta, rows: target.rows, floor: target.floor, today: now, strictWithdrawals: true },
    [{ date, value, vintage, where: `${id} ${dateText}` }],
  );
  if (plan.problems.length) throw new CliError(`cannot record it (nothing was written):`, plan.problems.map((p) => `  ${p}`));
  if (plan.text !== '') commitAppend(data, target, plan.text);
  reportPlan(ctx, target.files.csvPath, plan, 1);
  return 0;
}
