/** `npm run data -- verify` */
import { formatDay } from '../../core/dates.ts';
import { errorsOf, formatProblem, warningsOf } from '../../core/problems.ts';
import { loadData } from '../data-state.ts';
import { parseCommandLine, usageError, type CliContext } from '../shared.ts';

export const VERIFY_USAGE = `Usage: npm run data -- verify

Runs every check the build makes on data/ and lists every problem, not just the first: series
files (YAML keys, the observation log's rules), snapshot files, and every snapshot's seal of
every log. Exits with status 1 when there is an error; warnings (such as unsealed rows) do not
fail it.

Options:
  -h, --help   show this help`;

export async function runVerify(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { help: { type: 'boolean', short: 'h' } }, VERIFY_USAGE);
  if (values.help) {
    ctx.out(VERIFY_USAGE);
    return 0;
  }
  if (positionals.length) throw usageError(`unexpected argument "${positionals[0]}"`, VERIFY_USAGE);
  const { input, set } = loadData(ctx.root);
  const errors = errorsOf(set.problems);
  const warnings = warningsOf(set.problems);
  for (const p of errors) ctx.out(`error: ${formatProblem(p)}`);
  for (const p of warnings) ctx.out(`warning: ${formatProblem(p)}`);
  const rows = [...set.series.values()].reduce((n, s) => n + s.rows.count, 0);
  const now = set.now === undefined ? 'none sealed yet' : `newest ${formatDay(set.now)}`;
  ctx.out(
    `data/: ${input.series.length} series (${rows} rows), ${input.snapshots.length} snapshot${input.snapshots.length === 1 ? '' : 's'} (${now}): ` +
      `${errors.length} error${errors.length === 1 ? '' : 's'}, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}`,
  );
  return errors.length ? 1 : 0;
}
