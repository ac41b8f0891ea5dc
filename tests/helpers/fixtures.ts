/**
 * The bad-input corpus: tests/fixtures/hostile/<case>/, one folder per thing an author can get wrong,
 * run by tests/hostile/hostile.test.ts through the loader the build uses (a few also through a real
 * `astro build`). Folders starting with `_` are bases (valid archives cases start from).
 *
 * A case folder holds only what it changes:
 * - `base.txt`: the name of another fixture folder (beside it) copied first (`_base`: notes and data;
 *   `_data-base`: one sealed series and no notes, for rules of the data files alone);
 * - `delete.txt`: paths (one per line) removed from the copy of the base;
 * - `generate.json`: `{"file": "...", "append": "<text>", "lineBytes": N}` appends a line of N bytes
 *   (plus `append` before it), for inputs too big to commit;
 * - `expected.txt`: what the problems must say (read by the tests, not copied), see below;
 * - anything else: copied over the base byte for byte (BOM, CRLF, no final newline, empty files stay
 *   as committed: .gitattributes marks tests/fixtures/** -text).
 *
 * `expected.txt`:
 * - groups separated by blank lines; every line of a group is a substring that one and the same
 *   reported problem (as `formatProblem` writes it) must contain, so a location and its message
 *   belong together; each group is matched by a problem of its own;
 * - a group whose first line starts with `warning: ` is matched by a warning (the prefix is not part
 *   of the substring); every other group is matched by an error;
 * - directive lines start with `# ` and may stand anywhere:
 *   `# exact`: every reported problem, errors and warnings, is matched by a group (as many problems as
 *   groups); without it, problems beyond the groups are allowed;
 *   `# build`: the case also goes through a real `astro build`, which must exit 1 with each group on
 *   one line of its output; there the first line of each group must start with the location
 *   (`file:line[:column]: `), as the build prints it.
 *
 * Sealed fixtures are made with the CLI on a scratch copy (`npm run data -- seal --date <date>` with
 * ASOF_ROOT) and committed as files: the folders are the only source of truth.
 */
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const CONTROL = new Set(['base.txt', 'delete.txt', 'generate.json', 'expected.txt', 'README.md']);

/** Copies fixture `dir` (with its base) into a new temp folder and returns that folder. */
export function materialize(dir: string, into = mkdtempSync(join(tmpdir(), 'asof-fixture-'))): string {
  const baseFile = join(dir, 'base.txt');
  if (existsSync(baseFile)) {
    const base = join(dirname(dir), readFileSync(baseFile, 'utf8').trim());
    materialize(base, into);
  }
  const deleteFile = join(dir, 'delete.txt');
  if (existsSync(deleteFile)) {
    for (const rel of readFileSync(deleteFile, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean)) {
      rmSync(join(into, rel), { recursive: true, force: true });
    }
  }
  for (const entry of readdirSync(dir)) {
    if (CONTROL.has(entry)) continue;
    cpSync(join(dir, entry), join(into, entry), { recursive: true });
  }
  const genFile = join(dir, 'generate.json');
  if (existsSync(genFile)) {
    const gen = JSON.parse(readFileSync(genFile, 'utf8')) as { file: string; append?: string; lineBytes: number };
    const target = join(into, gen.file);
    mkdirSync(dirname(target), { recursive: true });
    if (gen.append) appendFileSync(target, gen.append);
    // Written in 1 MB chunks so the test never holds two copies in memory.
    const chunk = Buffer.alloc(1 << 20, '9');
    let left = gen.lineBytes;
    while (left > 0) {
      const n = Math.min(left, chunk.length);
      appendFileSync(target, n === chunk.length ? chunk : chunk.subarray(0, n));
      left -= n;
    }
    appendFileSync(target, '\n');
  }
  return into;
}

export interface ExpectedGroup {
  warning: boolean;
  substrings: string[];
}

export interface Expected {
  groups: ExpectedGroup[];
  exact: boolean;
  build: boolean;
}

const DIRECTIVES = new Set(['exact', 'build']);

/** Reads a case's `expected.txt` (format above); an unknown directive is an error, not a comment. */
export function readExpected(dir: string): Expected {
  const lines = readFileSync(join(dir, 'expected.txt'), 'utf8').split('\n');
  const directives = new Set<string>();
  const body: string[] = [];
  for (const line of lines) {
    const d = /^# (.+)$/.exec(line.trim());
    if (!d) {
      body.push(line);
      continue;
    }
    if (!DIRECTIVES.has(d[1]!.trim())) throw new Error(`${dir}/expected.txt: unknown directive "${line.trim()}"`);
    directives.add(d[1]!.trim());
  }
  const groups = body
    .join('\n')
    .split(/\n\s*\n/)
    .map((g) => g.split('\n').map((l) => l.trim()).filter(Boolean))
    .filter((g) => g.length > 0)
    .map((g) => {
      const warning = g[0]!.startsWith('warning: ');
      return { warning, substrings: warning ? [g[0]!.slice('warning: '.length), ...g.slice(1)] : g };
    });
  return { groups, exact: directives.has('exact'), build: directives.has('build') };
}

/**
 * Matches groups to lines, each line used by at most one group (greedy, in file order); returns the
 * groups left unmatched.
 */
export function unmatchedGroups(groups: readonly string[][], lines: readonly string[]): string[][] {
  const free = lines.map(() => true);
  const left: string[][] = [];
  for (const g of groups) {
    const i = lines.findIndex((l, j) => free[j] && g.every((s) => l.includes(s)));
    if (i < 0) left.push(g);
    else free[i] = false;
  }
  return left;
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
}
