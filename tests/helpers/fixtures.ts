/**
 * Fixture archives that hold only what they change. A case folder may contain:
 * - `base.txt`: the name of another fixture folder (beside it) copied first;
 * - `delete.txt`: paths (one per line) removed from the copy of the base;
 * - `generate.json`: `{"file": "...", "append": "<text>", "lineBytes": N}` appends a line of N bytes
 *   (plus `append` before it), for inputs too big to commit;
 * - `expected.txt`: what the error must say (read by the tests, not copied);
 * - anything else: copied over the base, keeping its path.
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

/**
 * `expected.txt`: groups separated by blank lines; every line of a group is a substring that one
 * and the same reported problem must contain (so a location and its message belong together).
 */
export function readExpected(dir: string): string[][] {
  const text = readFileSync(join(dir, 'expected.txt'), 'utf8');
  return text
    .split(/\n\s*\n/)
    .map((g) => g.split('\n').map((l) => l.trim()).filter(Boolean))
    .filter((g) => g.length > 0);
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
}
