/**
 * The one way the CLI writes a file: the new bytes go to a temp file in the same folder, are flushed
 * to disk, then take the target's name in one step. A reader, a crash or a kill at any moment sees
 * either the old file or the new one, never a mix. Temp names end in `.tmp`, which no loader reads.
 */
import { closeSync, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

export class FileExistsError extends Error {
  readonly path: string;
  constructor(path: string) {
    super(`${path} already exists`);
    this.name = 'FileExistsError';
    this.path = path;
  }
}

export interface WriteOptions {
  /** false: fail with FileExistsError instead of replacing an existing file (checked atomically). */
  overwrite: boolean;
}

export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * The one protocol: `fill` writes the new bytes to a temp file beside `path`; they are flushed, then
 * the temp file takes `path`'s name (without `overwrite`, only if `path` does not exist yet). On any
 * failure the temp file goes and `path` is as it was.
 */
function commit(path: string, fill: (write: (bytes: Uint8Array) => void) => void, options: WriteOptions): void {
  const tmp = tempPathFor(path);
  let fd: number | undefined;
  try {
    const out = (fd = openSync(tmp, 'wx', 0o644));
    fill((bytes) => {
      let off = 0;
      while (off < bytes.length) off += writeSync(out, bytes, off, bytes.length - off);
    });
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (options.overwrite) {
      renameSync(tmp, path);
    } else {
      // link() refuses an existing target, so "create, never replace" holds even against a race.
      try {
        linkSync(tmp, path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new FileExistsError(path);
        throw e;
      }
      unlinkSync(tmp);
    }
    syncDir(dirname(path));
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // already renamed or never created
    }
    throw e;
  }
}

export function writeFileAtomic(path: string, data: Uint8Array | string, options: WriteOptions): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  commit(path, (write) => write(bytes), options);
}

/**
 * Writes text given in parts (a generator of any length) the same way, a megabyte at a time: only
 * one batch is ever held, however large the file. Replaces `path`; returns the bytes written.
 */
export function writePartsAtomic(path: string, parts: Iterable<string>): number {
  let total = 0;
  commit(
    path,
    (write) => {
      const flush = (text: string) => {
        const bytes = Buffer.from(text, 'utf8');
        write(bytes);
        total += bytes.length;
      };
      let batch = '';
      for (const part of parts) {
        batch += part;
        if (batch.length >= 1 << 20) {
          flush(batch);
          batch = '';
        }
      }
      flush(batch);
    },
    { overwrite: true },
  );
  return total;
}

/** Makes the rename itself durable; not every platform allows opening a folder, so best effort. */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows and some file systems refuse; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
