/**
 * `npm run check` (after `astro check`): every check the build makes, on data/ and on every note's
 * frontmatter, Watch and SeriesChart props and links, with every problem listed. Exit 1 on errors.
 * Unlike the build, it also refuses a note dated after today (the CLI's clock, ASOF_TODAY overrides).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, today } from '../cli/shared.ts';
import { formatDay, parseDay, type Day } from '../core/dates.ts';
import { AsofError, formatProblem, type Problem } from '../core/problems.ts';
import { NOTE_FILE } from '../notes/parse-note.ts';
import { archiveRoot } from './index.ts';
import { loadArchive } from './load-archive.ts';

/**
 * Notes dated after `now`, by the `date:` line of their frontmatter (or the file name, which must
 * match it). Read line by line, so it also runs when the archive has other errors.
 */
export function futureNotes(root: string, now: Day): Problem[] {
  const dir = join(root, 'content', 'notes');
  if (!existsSync(dir)) return [];
  const problems: Problem[] = [];
  for (const name of readdirSync(dir).sort()) {
    const m = NOTE_FILE.exec(name);
    if (!m) continue;
    const file = `content/notes/${name}`;
    const lines = readFileSync(join(dir, name), 'utf8').split('\n');
    let line: number | undefined;
    let text = m[1]!;
    if (lines[0]?.trimEnd() === '---') {
      for (let i = 1; i < lines.length && lines[i]!.trimEnd() !== '---'; i++) {
        const f = /^date:\s*["']?(\d{4}-\d{2}-\d{2})["']?\s*(#.*)?$/.exec(lines[i]!.trimEnd());
        if (f) {
          line = i + 1;
          text = f[1]!;
          break;
        }
      }
    }
    const date = parseDay(text) ?? parseDay(m[1]!);
    if (date !== undefined && date > now) {
      problems.push({
        file,
        line,
        field: 'date',
        message: `${formatDay(date)} is after today (${formatDay(now)})`,
        hint: 'A note is dated the day it is written and reads what was sealed by then: date it today or earlier (and rename the file to match)',
      });
    }
  }
  return problems;
}

function main(): void {
  let now: Day;
  try {
    now = today(process.env);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    console.error(`error: ${e.message}`);
    for (const d of e.details) console.error(`  ${d}`);
    process.exit(1);
  }
  const root = archiveRoot();
  const future = futureNotes(root, now);
  try {
    const archive = loadArchive({ root, includeDrafts: true });
    for (const w of archive.warnings) console.warn(`warning: ${formatProblem(w)}`);
    // `npm run new` writes a placeholder summary that the schema accepts; remind the author before publishing.
    for (const n of archive.notes) {
      if (/^\s*TODO\b/i.test(n.summary)) console.warn(`warning: ${formatProblem({ file: n.file, field: 'summary', message: 'the summary is still the TODO placeholder', hint: 'Write one or two sentences for the index and the feeds' })}`);
    }
    if (future.length) throw new AsofError(future);
    console.log(`asof check: ${archive.notes.length} notes, ${archive.conditions.length} conditions (${archive.watches.length} watches), ${archive.data.series.size} series + ${archive.data.derived.size} derived, ${archive.snapshots.length} snapshots (now = ${archive.now ?? 'none'}): no errors`);
  } catch (e) {
    if (!(e instanceof AsofError)) throw e;
    const problems = e.problems === future ? future : [...future, ...e.problems];
    for (const p of problems) console.error(`${p.severity === 'warning' ? 'warning' : 'error'}: ${formatProblem(p)}`);
    console.error(`asof check: ${problems.filter((p) => p.severity !== 'warning').length} error(s)`);
    process.exit(1);
  }
}

if (import.meta.main) main();
