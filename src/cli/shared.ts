/**
 * What every command shares: the context it runs in (project root, environment, output), usage
 * errors, date arguments, and "today" -- the one place the CLI reads the clock.
 */
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatDay, parseDay, type Day } from '../core/dates.ts';
import { formatProblem, type Problem } from '../core/problems.ts';

export interface CliContext {
  /** The project root: the folder holding data/ and content/. */
  root: string;
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** A failure the user can fix; `code` 2 for a wrong command line, 1 for everything else. */
export class CliError extends Error {
  readonly code: number;
  readonly details: string[];
  constructor(message: string, details: string[] = [], code = 1) {
    super(message);
    this.name = 'CliError';
    this.code = code;
    this.details = details;
  }
}

export function usageError(message: string, usage: string): CliError {
  return new CliError(message, [usage.split('\n')[0]!, 'Run with --help for every option.'], 2);
}

/**
 * Today's calendar date in the user's local time zone (the day on their wall calendar), or
 * ASOF_TODAY=YYYY-MM-DD when set, so tests and back-dated runs never depend on the clock.
 */
export function today(env: CliContext['env']): Day {
  const fixed = env.ASOF_TODAY;
  if (fixed !== undefined && fixed !== '') {
    const d = parseDay(fixed);
    if (d === undefined) throw new CliError(`ASOF_TODAY="${fixed}" is not a calendar date`, ['Set it to a date written YYYY-MM-DD, or unset it to use the clock']);
    return d;
  }
  const now = new Date();
  const text = `${String(now.getFullYear()).padStart(4, '0')}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return parseDay(text)!;
}

/** A `--flag YYYY-MM-DD` value, refused with the flag's name when it is not a real calendar date. */
export function dateArg(name: string, text: string): Day {
  const d = parseDay(text);
  if (d === undefined) {
    const looksRight = /^\d{4}-\d{2}-\d{2}$/.test(text);
    throw new CliError(
      `${name} "${text}" is not a calendar date`,
      [looksRight ? 'That day does not exist; check the month and day' : 'Write dates as YYYY-MM-DD, e.g. 2026-05-20'],
      2,
    );
  }
  return d;
}

/**
 * parseArgs with strict checking, its errors turned into usage errors. A negative number such as
 * -12 is a positional value here, never a short option.
 */
export function parseCommandLine<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, usage: string) {
  const MARK = '\u0000';
  const marked = args.map((a) => (/^-\d/.test(a) ? MARK + a : a));
  const unmark = (v: unknown) => (typeof v === 'string' && v.startsWith(MARK) ? v.slice(1) : v);
  try {
    const parsed = parseArgs({ args: marked, options, allowPositionals: true, strict: true });
    const values = Object.fromEntries(Object.entries(parsed.values).map(([k, v]) => [k, unmark(v)])) as typeof parsed.values;
    return { values, positionals: parsed.positionals.map((p) => unmark(p) as string) };
  } catch (e) {
    const message = (e as Error).message.replace(/\. To specify a positional argument starting with.*$/s, '');
    throw usageError(message, usage);
  }
}

export function printProblems(ctx: CliContext, problems: readonly Problem[]): void {
  for (const p of problems) ctx.err(`  ${p.severity === 'warning' ? 'warning' : 'error'}: ${formatProblem(p)}`);
}

/** Runs a command with the real process and exits with its status. */
export async function runMain(main: (args: string[], ctx: CliContext) => Promise<number>): Promise<void> {
  const ctx: CliContext = {
    // ASOF_ROOT points at another archive folder, as it does for the build.
    root: resolve(process.env.ASOF_ROOT || process.cwd()),
    env: process.env,
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
  };
  process.exitCode = await main(process.argv.slice(2), ctx);
}

/** Wraps a command body: a CliError becomes its message and exit code; anything else is a bug. */
export async function guarded(ctx: CliContext, body: () => Promise<number> | number): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof CliError) {
      ctx.err(`error: ${e.message}`);
      for (const d of e.details) ctx.err(d.startsWith('  ') ? d : `  ${d}`);
      return e.code;
    }
    const sys = e as NodeJS.ErrnoException;
    if (typeof sys.code === 'string' && sys.syscall) {
      // The disk said no (full, read-only, permissions): not a bug, and every write is atomic.
      ctx.err(`error: ${sys.message}`);
      ctx.err('  Files that were not fully written were left as they were.');
      return 1;
    }
    ctx.err(`asof: unexpected failure (a bug, please report it): ${(e as Error).stack ?? String(e)}`);
    return 70;
  }
}

export { formatDay };
