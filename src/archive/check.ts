/**
 * `npm run check` (after `astro check`): every check the build makes, on data/ and on every note's
 * frontmatter, Watch and SeriesChart props and links, with every problem listed. Exit 1 on errors.
 */
import { AsofError, formatProblem } from '../core/problems.ts';
import { archiveRoot } from './index.ts';
import { loadArchive } from './load-archive.ts';

try {
  const archive = loadArchive({ root: archiveRoot(), includeDrafts: true });
  for (const w of archive.warnings) console.warn(`warning: ${formatProblem(w)}`);
  // `npm run new` writes a placeholder summary that the schema accepts; remind the author before publishing.
  for (const n of archive.notes) {
    if (/^\s*TODO\b/i.test(n.summary)) console.warn(`warning: ${formatProblem({ file: n.file, field: 'summary', message: 'the summary is still the TODO placeholder', hint: 'Write one or two sentences for the index and the feeds' })}`);
  }
  console.log(`asof check: ${archive.notes.length} notes, ${archive.watches.length} conditions, ${archive.data.series.size} series, ${archive.snapshots.length} snapshots (now = ${archive.now ?? 'none'}): no errors`);
} catch (e) {
  if (!(e instanceof AsofError)) throw e;
  for (const p of e.problems) console.error(`${p.severity === 'warning' ? 'warning' : 'error'}: ${formatProblem(p)}`);
  console.error(`asof check: ${e.problems.filter((p) => p.severity !== 'warning').length} error(s)`);
  process.exit(1);
}
