/**
 * writeFileAtomic, and the CLI killed mid-run: afterwards every existing file is either exactly as
 * it was or exactly the finished result, never a mix, and data/ still verifies.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileExistsError, writeFileAtomic, writePartsAtomic } from '../../src/io/write-atomic.ts';
import { copyArchive, data, DATA_CLI, hashTree, newNote, read, removeTemps, tempDir, TODAY } from './helpers.ts';

afterAll(removeTemps);

describe('writePartsAtomic', () => {
  it('writes parts of any size (batches of a megabyte) as one file, replacing the old one', () => {
    const dir = tempDir('atomic');
    const f = join(dir, 'big.json');
    writeFileSync(f, 'old\n');
    const parts = function* () {
      for (let i = 0; i < 3000; i++) yield `${String(i).padStart(4, '0')}:${'é'.repeat(500)}\n`;
    };
    const expected = [...parts()].join('');
    expect(Buffer.byteLength(expected)).toBeGreaterThan(2 << 20);
    expect(writePartsAtomic(f, parts())).toBe(Buffer.byteLength(expected));
    expect(readFileSync(f, 'utf8')).toBe(expected);
    expect(readdirSync(dir)).toEqual(['big.json']);
  });

  it('when the parts fail midway, the old file keeps its bytes and no temp file is left', () => {
    const dir = tempDir('atomic');
    const f = join(dir, 'big.json');
    writeFileSync(f, 'old\n');
    const parts = function* () {
      yield 'x'.repeat(3 << 20);
      throw new Error('the archive changed');
    };
    expect(() => writePartsAtomic(f, parts())).toThrow('the archive changed');
    expect(readFileSync(f, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['big.json']);
  });
});

describe('writeFileAtomic', () => {
  it('replaces a file with overwrite, and leaves no temp file', () => {
    const dir = tempDir('atomic');
    const f = join(dir, 'a.csv');
    writeFileSync(f, 'old\n');
    writeFileAtomic(f, 'new\n', { overwrite: true });
    expect(readFileSync(f, 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['a.csv']);
  });

  it('without overwrite, refuses an existing file and keeps its bytes', () => {
    const dir = tempDir('atomic');
    const f = join(dir, 'snap.json');
    writeFileSync(f, '{"keep": true}\n');
    expect(() => writeFileAtomic(f, '{}\n', { overwrite: false })).toThrow(FileExistsError);
    expect(readFileSync(f, 'utf8')).toBe('{"keep": true}\n');
    expect(readdirSync(dir)).toEqual(['snap.json']);
  });

  it('cleans up its temp file when the write fails', () => {
    const dir = tempDir('atomic');
    writeFileSync(join(dir, 'x'), '');
    // The target's folder does not exist: the temp file cannot even be created there.
    expect(() => writeFileAtomic(join(dir, 'missing', 'a.csv'), 'x', { overwrite: true })).toThrow();
    expect(readdirSync(dir)).toEqual(['x']);
  });

  it.skipIf(process.getuid?.() === 0)('leaves the old file when the folder is read-only', () => {
    const dir = tempDir('atomic');
    const f = join(dir, 'a.csv');
    writeFileSync(f, 'old\n');
    chmodSync(dir, 0o555);
    try {
      expect(() => writeFileAtomic(f, 'new\n', { overwrite: true })).toThrow();
      expect(readFileSync(f, 'utf8')).toBe('old\n');
    } finally {
      chmodSync(dir, 0o755);
    }
  });
});

describe('a killed import leaves the log whole', () => {
  it('at any moment: the old bytes or the complete new ones, and data/ verifies', async () => {
    // A long import, so that kills land while it parses, validates and writes.
    const dir0 = tempDir('big');
    const big = join(dir0, 'big.csv');
    const lines = ['date,value'];
    for (let d = Date.UTC(1990, 0, 1); d < Date.UTC(2026, 4, 1); d += 86_400_000) {
      lines.push(`${new Date(d).toISOString().slice(0, 10)},${(100 + ((d / 86_400_000) % 97) / 10).toFixed(1)}`);
    }
    writeFileSync(big, lines.join('\n') + '\n');

    const outcomes = { old: 0, complete: 0 };
    let complete: string | undefined;
    for (const delay of [150, 300, 450, 600, 700, 800, 900, 1_000, 1_100, 1_300, Infinity]) {
      const dir = copyArchive('two-snapshots');
      const before = read(dir, 'data/series/usdjpy.csv');
      const child = spawn(process.execPath, [DATA_CLI, 'import', big, '--series', 'usdjpy'], {
        cwd: dir,
        env: { ...process.env, ASOF_TODAY: TODAY, ASOF_ROOT: dir },
        stdio: 'ignore',
      });
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      const timer = delay === Infinity ? undefined : setTimeout(() => child.kill('SIGKILL'), delay);
      const code = await exited;
      clearTimeout(timer);
      const after = read(dir, 'data/series/usdjpy.csv');
      if (after === before) outcomes.old++;
      else {
        expect(after.startsWith(before)).toBe(true);
        complete ??= after;
        expect(after).toBe(complete);
        expect(after.split("\n").length - before.split("\n").length).toBe(lines.length - 1);
        outcomes.complete++;
      }
      if (code === 0) expect(after).not.toBe(before);
      const v = await data(dir, ['verify']);
      expect(v.stdout).toContain('0 errors');
      // Whatever a kill left behind is a temp file no loader reads.
      expect(readdirSync(join(dir, 'data/series')).filter((n) => !/\.(csv|yaml)$/.test(n)).every((n) => n.endsWith('.tmp'))).toBe(true);
      expect(existsSync(join(dir, 'data/series/usdjpy.csv'))).toBe(true);
    }
    // The last run is not killed and finishes.
    expect(outcomes.complete).toBeGreaterThan(0);
  });
});

describe('a disk that refuses the write', () => {
  it.skipIf(process.getuid?.() === 0)('is reported as an error, not a crash, and the log stays as it was', async () => {
    const dir = copyArchive('two-snapshots');
    const before = read(dir, 'data/series/move.csv');
    chmodSync(join(dir, 'data/series'), 0o555);
    try {
      const r = await data(dir, ['record', 'move', '2026-05-22', '140']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/error: EACCES: permission denied/);
      expect(read(dir, 'data/series/move.csv')).toBe(before);
    } finally {
      chmodSync(join(dir, 'data/series'), 0o755);
    }
  });
});

describe('a path that cannot be written', () => {
  it('is an error naming the path, with nothing else changed', async () => {
    const dir = copyArchive('two-snapshots');
    rmSync(join(dir, 'content/notes'), { recursive: true });
    writeFileSync(join(dir, 'content/notes'), 'a file where the notes folder should be\n');
    const before = hashTree(dir);
    const r = await newNote(dir, ['Blocked', '--snapshot', '2026-05-20']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: .*(EEXIST|ENOTDIR).*content\/notes/);
    expect(r.stderr).not.toContain('a bug');
    expect(hashTree(dir)).toEqual(before);
  });
});
