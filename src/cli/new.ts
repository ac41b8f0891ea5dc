/**
 * `npm run new -- "Title" [--date YYYY-MM-DD] [--tags a,b] [--snapshot YYYY-MM-DD] [--slug s]`:
 * writes content/notes/<date>-<slug>.mdx, pinned to the newest snapshot on or before its date.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatDay, type Day } from '../core/dates.ts';
import { errorsOf } from '../core/problems.ts';
import { formatIssues, noteFrontmatterSchema } from '../core/schema.ts';
import { pickSnapshot } from '../core/then-now.ts';
import { FileExistsError, writeFileAtomic } from '../io/write-atomic.ts';
import { loadData, problemLines, type LoadedData } from './data-state.ts';
import { noteSource, slugOf, SUMMARY_PLACEHOLDER, type ExampleWatch } from './note-template.ts';
import { CliError, dateArg, guarded, parseCommandLine, runMain, today, usageError, type CliContext } from './shared.ts';

export const NEW_USAGE = `Usage: npm run new -- "Title" [--date YYYY-MM-DD] [--tags a,b] [--snapshot YYYY-MM-DD] [--slug slug]

Writes content/notes/<date>-<slug>.mdx: frontmatter (title, date, a summary to replace, tags and
the snapshot the note reads), <WatchSummary />, the sections Scope, What Changed, What Did Not
Change, What to Watch (with an example <Watch> on a real series) and The Synthesis. Never
overwrites a file.

Options:
  --date YYYY-MM-DD       the note's date (default: today, in your computer's time zone)
  --tags a,b              kebab-case topics
  --snapshot YYYY-MM-DD   the sealed snapshot to read (default: the newest on or before the date)
  --slug slug             the file name after the date (default: made from the title)
  -h, --help              show this help`;

export async function main(args: string[], ctx: CliContext): Promise<number> {
  return guarded(ctx, () => run(args, ctx));
}

function run(args: string[], ctx: CliContext): number {
  const { values, positionals } = parseCommandLine(
    args,
    { date: { type: 'string' }, tags: { type: 'string' }, snapshot: { type: 'string' }, slug: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    NEW_USAGE,
  );
  if (values.help) {
    ctx.out(NEW_USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    throw usageError(positionals.length ? `expected one title, got ${positionals.length} words; put the title in quotes` : 'the note needs a title', NEW_USAGE);
  }
  const title = positionals[0]!.trim();
  if (title === '' || /[\r\n]/.test(title)) throw usageError('the title must be one non-empty line', NEW_USAGE);
  const date = values.date !== undefined ? dateArg('--date', values.date) : today(ctx.env);
  const explicit = values.snapshot !== undefined ? dateArg('--snapshot', values.snapshot) : undefined;
  const tags = values.tags === undefined ? [] : values.tags.split(',').map((t) => t.trim()).filter((t) => t !== '');
  const slug = values.slug ?? slugOf(title);
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
    throw usageError(
      values.slug !== undefined ? `--slug "${slug}" must be lower-case words joined by dashes` : `cannot make a file name from the title "${title}"; give one with --slug, e.g. --slug funding-stress`,
      NEW_USAGE,
    );
  }

  const data = loadData(ctx.root);
  const errors = errorsOf(data.set.problems);
  if (errors.length) throw new CliError(`data/ has ${errors.length} error${errors.length === 1 ? '' : 's'}; fix them first (nothing was written)`, problemLines(errors));
  const picked = pickSnapshot(date, explicit, data.set.snapshots);
  if ('message' in picked) throw new CliError(picked.message, [picked.hint]);
  const snapshot = picked.snapshot;

  const frontmatter = { title, date: formatDay(date), summary: SUMMARY_PLACEHOLDER, tags, snapshot: formatDay(snapshot) };
  const checked = noteFrontmatterSchema.safeParse(frontmatter);
  if (!checked.success) throw new CliError('the frontmatter would not be valid (nothing was written)', formatIssues(checked.error).map((l) => `  ${l}`), 2);

  const file = `content/notes/${formatDay(date)}-${slug}.mdx`;
  const source = noteSource({ ...frontmatter, example: exampleSeries(data, snapshot, date) });
  mkdirSync(join(ctx.root, 'content', 'notes'), { recursive: true });
  try {
    writeFileAtomic(join(ctx.root, file), source, { overwrite: false });
  } catch (e) {
    if (e instanceof FileExistsError) throw new CliError(`${file} already exists; it is left as it was`, ['Pick another title or --slug, or edit the existing note']);
    throw e;
  }
  ctx.out(`wrote ${file} (reads snapshot ${formatDay(snapshot)})`);
  ctx.out('Next: replace the summary, write the sections and the conditions, then run `npm run check`.');
  return 0;
}

const FREQUENCY_ORDER = ['daily', 'weekly', 'monthly', 'quarterly', 'irregular'];

/**
 * A series the snapshot knows a value of on the note's date, for the example <Watch>: a number
 * series if there is one, the most frequently observed first, then by id.
 */
function exampleSeries(data: LoadedData, snapshot: Day, date: Day): ExampleWatch | undefined {
  const candidates: ExampleWatch[] = [];
  for (const id of Object.keys(data.set.snapshotFiles.get(snapshot)?.series ?? {})) {
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
