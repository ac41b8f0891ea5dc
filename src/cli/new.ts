/**
 * `npm run new -- "Title" [--date YYYY-MM-DD] [--tags a,b] [--seal | --snapshot YYYY-MM-DD] [--slug s]`:
 * writes content/notes/<date>-<slug>.mdx, pinned to the snapshot of its date (sealed first with --seal).
 */
import { existsSync, mkdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { formatDay, type Day } from '../core/dates.ts';
import { KEBAB } from '../core/patterns.ts';
import { errorsOf } from '../core/problems.ts';
import { formatIssues, noteFrontmatterSchema, type SnapshotFile } from '../core/schema.ts';
import { pickSnapshot } from '../core/then-now.ts';
import { FileExistsError, writeFileAtomic } from '../io/write-atomic.ts';
import { planSeal, sealReport, writeSeal, type SealPlan } from './data/seal.ts';
import { loadData, problemLines, type LoadedData } from './data-state.ts';
import { noteSource, slugOf, SUMMARY_PLACEHOLDER, type ExampleWatch } from './note-template.ts';
import { CliError, dateArg, guarded, parseCommandLine, runMain, today, usageError, type CliContext } from './shared.ts';

export const NEW_USAGE = `Usage: npm run new -- "Title" [--date YYYY-MM-DD] [--tags a,b] [--seal | --snapshot YYYY-MM-DD] [--slug slug]

Writes content/notes/<date>-<slug>.mdx: frontmatter (title, date, a summary to replace, tags and
the snapshot the note reads), <WatchSummary />, the sections Scope, What Changed, What Did Not
Change, What to Watch (with an example <Watch> on a real series) and The Synthesis. Never
overwrites a file.

A note reads the snapshot of its own date. When there is none, it says how to seal one and writes
nothing, unless --seal seals it first or --snapshot names an older one on purpose.

Options:
  --date YYYY-MM-DD       the note's date (default: today, in your computer's time zone); not after today
  --tags a,b              kebab-case topics
  --seal                  seal the note's date first (as \`npm run data -- seal --date\` would), then read it
  --snapshot YYYY-MM-DD   read this older sealed snapshot instead of the note's date's
  --slug slug             the file name after the date (default: made from the title)
  -h, --help              show this help`;

export async function main(args: string[], ctx: CliContext): Promise<number> {
  return guarded(ctx, () => run(args, ctx));
}

function run(args: string[], ctx: CliContext): number {
  const { values, positionals } = parseCommandLine(
    args,
    {
      date: { type: 'string' },
      tags: { type: 'string' },
      snapshot: { type: 'string' },
      seal: { type: 'boolean' },
      slug: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    NEW_USAGE,
  );
  if (values.help) {
    ctx.out(NEW_USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    throw usageError(positionals.length ? `expected one title, got ${positionals.length} words; put the title in quotes` : 'the note needs a title', NEW_USAGE);
  }
  if (values.seal && values.snapshot !== undefined) throw usageError('--seal seals the note\'s own date; it cannot be combined with --snapshot', NEW_USAGE);
  const title = positionals[0]!.trim();
  if (title === '' || /[\r\n]/.test(title)) throw usageError('the title must be one non-empty line', NEW_USAGE);
  const now = today(ctx.env);
  const date = values.date !== undefined ? dateArg('--date', values.date) : now;
  const explicit = values.snapshot !== undefined ? dateArg('--snapshot', values.snapshot) : undefined;
  const tags = values.tags === undefined ? [] : values.tags.split(',').map((t) => t.trim()).filter((t) => t !== '');
  const slug = values.slug ?? slugOf(title);
  if (!KEBAB.test(slug)) {
    throw usageError(
      values.slug !== undefined ? `--slug "${slug}" must be lower-case words joined by dashes` : `cannot make a file name from the title "${title}"; give one with --slug, e.g. --slug funding-stress`,
      NEW_USAGE,
    );
  }
  const d = formatDay(date);
  const file = `content/notes/${d}-${slug}.mdx`;
  // A wrong tag is a wrong command line, reported before anything about snapshots.
  const early = noteFrontmatterSchema.safeParse({ title, date: d, summary: SUMMARY_PLACEHOLDER, tags, snapshot: d });
  if (!early.success) throw new CliError('the frontmatter would not be valid (nothing was written)', formatIssues(early.error).map((l) => `  ${l}`), 2);
  if (date > now) {
    throw new CliError(`refusing to write ${file}: its field date, ${d} (--date), is after today (${formatDay(now)}); nothing was written`, [
      'A note is dated the day it is written and reads what was sealed by then; date it today or earlier',
    ]);
  }

  const data = loadData(ctx.root);
  const errors = errorsOf(data.set.problems);
  if (errors.length) throw new CliError(`data/ has ${errors.length} error${errors.length === 1 ? '' : 's'}; fix them first (nothing was written)`, problemLines(errors));

  let snapshot: Day;
  let plan: SealPlan | undefined;
  let sealedIds: string[];
  if (explicit !== undefined) {
    const picked = pickSnapshot(date, explicit, data.set.snapshots);
    if ('message' in picked) throw new CliError(picked.message, [picked.hint]);
    snapshot = picked.snapshot;
    sealedIds = Object.keys(data.set.snapshotFiles.get(snapshot)!.series);
  } else if (data.set.snapshotFiles.has(date)) {
    snapshot = date;
    sealedIds = Object.keys(data.set.snapshotFiles.get(snapshot)!.series);
    if (values.seal) ctx.out(`snapshot ${d} already exists; the note reads it (nothing sealed)`);
  } else if (values.seal) {
    plan = planSeal(data, date, now);
    snapshot = date;
    sealedIds = Object.keys((JSON.parse(plan.text) as SnapshotFile).series);
  } else {
    throw noSnapshotError(args, date, now, data.set.snapshots);
  }

  const frontmatter = { title, date: d, summary: SUMMARY_PLACEHOLDER, tags, snapshot: formatDay(snapshot) };
  const checked = noteFrontmatterSchema.safeParse(frontmatter);
  if (!checked.success) throw new CliError('the frontmatter would not be valid (nothing was written)', formatIssues(checked.error).map((l) => `  ${l}`), 2);

  const source = noteSource({ ...frontmatter, example: exampleSeries(data, sealedIds, snapshot, date) });
  const abs = join(ctx.root, file);
  const exists = () => new CliError(`${file} already exists; it is left as it was (nothing was written)`, ['Pick another title or --slug, or edit the existing note']);
  // Checked before sealing too, so the usual refusal never writes a snapshot it would have to take back.
  if (existsSync(abs)) throw exists();
  if (plan) writeSeal(ctx.root, plan);
  try {
    mkdirSync(join(ctx.root, 'content', 'notes'), { recursive: true });
    writeFileAtomic(abs, source, { overwrite: false });
  } catch (e) {
    // All or nothing: a snapshot sealed for this note goes when the note cannot be written.
    if (plan) unlinkSync(join(ctx.root, plan.path));
    if (e instanceof FileExistsError) throw exists();
    throw e;
  }
  if (plan) for (const line of sealReport(data, plan)) ctx.out(line);
  ctx.out(`wrote ${file} (reads snapshot ${formatDay(snapshot)})`);
  ctx.out('Next: replace the summary, write the sections and the conditions, then run `npm run check`.');
  return 0;
}

/** A shell word as typed: plain words bare, anything else in single quotes. */
function shellWord(w: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/** No snapshot on the note's date: the exact commands that make one, or pin an older one on purpose. */
function noSnapshotError(args: string[], date: Day, now: Day, snapshots: readonly Day[]): CliError {
  const d = formatDay(date);
  const again = `npm run new -- ${args.map(shellWord).join(' ')}`;
  const older = [...snapshots].filter((s) => s < date).at(-1);
  const details =
    date === now
      ? [
          'A note reads the data as sealed on its date. Bring in what is new, seal today, then write:',
          '    npm run data -- pull        (or `import` / `record` what has no feed)',
          `    npm run data -- seal --date ${d}`,
          `    ${again}`,
          `  or seal what data/ holds now and write the note in one step:`,
          `    ${again} --seal`,
        ]
      : [
          `A note reads the data as sealed on its date. Seal ${d} from the logs' vintages (a reconstructed snapshot), then write:`,
          `    npm run data -- seal --date ${d}`,
          `    ${again}`,
          `  or in one step:`,
          `    ${again} --seal`,
        ];
  if (older !== undefined) details.push(`  or read the older snapshot on purpose:`, `    ${again} --snapshot ${formatDay(older)}`);
  return new CliError(`there is no snapshot for ${d}, the note's date${older === undefined ? '' : ` (the newest before it is ${formatDay(older)})`}; nothing was written`, details);
}

const FREQUENCY_ORDER = ['daily', 'weekly', 'monthly', 'quarterly', 'irregular'];

/**
 * A series the snapshot knows a value of on the note's date, for the example <Watch>: a number
 * series if there is one, the most frequently observed first, then by id.
 */
function exampleSeries(data: LoadedData, sealedIds: readonly string[], snapshot: Day, date: Day): ExampleWatch | undefined {
  const candidates: ExampleWatch[] = [];
  for (const id of sealedIds) {
    const log = data.set.logs.get(id);
    const x = log?.asOf(snapshot).at(date);
    if (!log || !x) continue;
    candidates.push(log.meta.kind === 'status' ? { id, meta: log.meta, state: log.meta.states![x.value]! } : { id, meta: log.meta });
  }
  const rank = (e: ExampleWatch) => (e.meta.kind === 'status' ? 10 : 0) + FREQUENCY_ORDER.indexOf(e.meta.frequency);
  candidates.sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : 1));
  return candidates[0];
}

if (import.meta.main) await runMain(main);
