/**
 * Snapshot seals. A snapshot seals, per series, the first `rows` data rows of the log and the SHA-256
 * of the file's bytes through the newline ending that row. Because logs are append-only, one streaming
 * pass over a file verifies every snapshot's seal of it, however many snapshots there are.
 */
import { createHash } from 'node:crypto';
import { formatDay, type Day } from './dates.ts';
import type { ObservationRows } from './observation-log.ts';
import type { Problem } from './problems.ts';
import type { Seal, SnapshotFile } from './schema.ts';
import { upperBound } from './search.ts';

/** How many leading rows a snapshot on `date` seals: those with vintage <= date (a prefix of the log). */
export function sealedRowCount(rows: ObservationRows, date: Day): number {
  return upperBound(rows.vintages, date, 0, rows.count);
}

/** The seal of `rows` rows of a log, or undefined when there is nothing to seal. */
export function sealOf(bytes: Uint8Array, rows: ObservationRows, count: number): Seal | undefined {
  if (count === 0) return undefined;
  const end = rows.rowEnds[count - 1]!;
  return { rows: count, sha256: createHash('sha256').update(bytes.subarray(0, end)).digest('hex') };
}

/**
 * The snapshot file for `date` over every series' log, series sorted by id for stable bytes.
 * `reconstructed`: sealed after a later snapshot existed (the seal is the same either way).
 */
export function buildSnapshot(
  date: Day,
  logs: ReadonlyArray<{ id: string; bytes: Uint8Array; rows: ObservationRows }>,
  options: { reconstructed?: boolean } = {},
): SnapshotFile {
  const series: Record<string, Seal> = {};
  for (const log of [...logs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const seal = sealOf(log.bytes, log.rows, sealedRowCount(log.rows, date));
    if (seal) series[log.id] = seal;
  }
  return options.reconstructed ? { date: formatDay(date), reconstructed: true, series } : { date: formatDay(date), series };
}

/**
 * The snapshot files for many dates at once, equal to `buildSnapshot` on each date. Each log is hashed
 * once, front to back, copying the running hash at every sealed prefix: O(file) per series instead of
 * O(dates x file). Returned in the order of `dates`.
 */
export function buildSnapshots(dates: readonly Day[], logs: ReadonlyArray<{ id: string; bytes: Uint8Array; rows: ObservationRows }>): SnapshotFile[] {
  const order = dates.map((_, i) => i).sort((a, b) => dates[a]! - dates[b]!);
  const series: Record<string, Seal>[] = dates.map(() => ({}));
  for (const log of [...logs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const hash = createHash('sha256');
    let hashed = 0;
    let prev: Seal | undefined;
    for (const i of order) {
      const count = sealedRowCount(log.rows, dates[i]!);
      if (count === 0) continue;
      // Dates ascend, so counts never decrease; equal counts share one digest.
      if (prev?.rows !== count) {
        const end = log.rows.rowEnds[count - 1]!;
        hash.update(log.bytes.subarray(hashed, end));
        hashed = end;
        prev = { rows: count, sha256: hash.copy().digest('hex') };
      }
      series[i]![log.id] = { ...prev };
    }
  }
  return dates.map((date, i) => ({ date: formatDay(date), series: series[i]! }));
}

/** A snapshot's seal of one series, with where the snapshot lives. */
export interface SealToVerify {
  snapshotFile: string;
  date: Day;
  seal: Seal;
}

/**
 * Verifies every seal of one log in one pass. A seal fails when the file has fewer rows than it sealed,
 * when the sealed bytes hash differently, when a sealed row has a vintage after the snapshot, or when
 * the first unsealed row has a vintage on or before the snapshot (history inserted after sealing).
 */
export function verifySeals(file: string, bytes: Uint8Array, rows: ObservationRows, seals: readonly SealToVerify[]): Problem[] {
  const problems: Problem[] = [];
  const ordered = [...seals].sort((a, b) => a.seal.rows - b.seal.rows);
  const hash = createHash('sha256');
  let hashed = 0;
  const rewrite = (s: SealToVerify) =>
    `Snapshot ${formatDay(s.date)} (${s.snapshotFile}) sealed lines 1-${s.seal.rows + 1}`;
  const fix = 'History is never edited: restore those lines from version control, and append a revision (same date, a later vintage) to correct a value';
  for (const s of ordered) {
    const k = s.seal.rows;
    if (k > rows.count) {
      problems.push({
        file,
        line: rows.count + 2,
        message: `${rewrite(s)}, but the file now has only ${rows.count} data rows`,
        hint: fix,
      });
      continue;
    }
    const end = rows.rowEnds[k - 1]!;
    hash.update(bytes.subarray(hashed, end));
    hashed = end;
    const digest = hash.copy().digest('hex');
    if (digest !== s.seal.sha256) {
      problems.push({ file, line: k + 1, message: `${rewrite(s)}, and those lines have changed since`, hint: fix });
      continue;
    }
    if (rows.vintages[k - 1]! > s.date) {
      problems.push({
        file,
        line: k + 1,
        message: `${rewrite(s)}, but line ${k + 1} has vintage ${formatDay(rows.vintages[k - 1]!)}, after the snapshot`,
        hint: 'The snapshot file was not written by `npm run data -- seal`; restore it from version control',
      });
    }
    if (k < rows.count && rows.vintages[k]! <= s.date) {
      problems.push({
        file,
        line: k + 2,
        message: `line ${k + 2} has vintage ${formatDay(rows.vintages[k]!)}, on or before snapshot ${formatDay(s.date)} (${s.snapshotFile}), which sealed only lines 1-${k + 1}`,
        hint: 'Rows added after a seal need a vintage later than the newest snapshot; give this row a later vintage',
      });
    }
  }
  return problems;
}
