import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { day, formatDay } from '../../src/core/dates.ts';
import { parseObservationLog } from '../../src/core/observation-log.ts';
import { formatProblem } from '../../src/core/problems.ts';
import { buildSnapshot, sealedRowCount, sealOf, verifySeals, type SealToVerify } from '../../src/core/seal.ts';
import { csvText, enc, int, numberMeta, prng, series, type Row } from './helpers.ts';

const FILE = 'data/series/rate.csv';
const sha = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');
const snapPath = (date: string) => `data/snapshots/${date}.json`;

const ROWS: Row[] = [
  ['2026-01-05', 4.0, '2026-01-05'],
  ['2026-01-06', 4.1, '2026-01-06'],
  ['2026-01-07', 4.2, '2026-01-07'],
  ['2026-01-06', 4.3, '2026-01-09'],
  ['2026-01-08', 4.4, '2026-01-09'],
  ['2026-01-09', 4.5, '2026-01-12'],
];
const TEXT = csvText(ROWS);
const LINES = TEXT.split('\n');
const original = series('rate', ROWS);

/** Seals of the original file on these snapshot dates, as a snapshot file would hold them. */
function sealsOn(dates: string[]): SealToVerify[] {
  return dates.map((date) => {
    const snap = buildSnapshot(day(date), [{ id: 'rate', bytes: original.bytes, rows: original.rows }]);
    return { snapshotFile: snapPath(date), date: day(date), seal: snap.series.rate! };
  });
}

const verify = (text: string, seals: SealToVerify[]) => {
  const bytes = enc(text);
  const parsed = parseObservationLog(FILE, bytes, numberMeta());
  expect(parsed.problems).toEqual([]);
  return verifySeals(FILE, bytes, parsed.rows, seals);
};

describe('sealedRowCount, sealOf and buildSnapshot', () => {
  it.each([
    ['2026-01-04', 0],
    ['2026-01-05', 1],
    ['2026-01-08', 3],
    ['2026-01-09', 5],
    ['2026-01-11', 5],
    ['2026-01-12', 6],
    ['2027-01-01', 6],
  ])('on %s the first %i rows are sealed', (date, n) => {
    expect(sealedRowCount(original.rows, day(date))).toBe(n);
  });

  it('a seal hashes the header and the first rows through their newline', () => {
    for (let k = 1; k <= 6; k++) {
      const prefix = LINES.slice(0, k + 1).join('\n') + '\n';
      expect(sealOf(original.bytes, original.rows, k)).toEqual({ rows: k, sha256: sha(prefix) });
    }
    expect(sealOf(original.bytes, original.rows, 0)).toBeUndefined();
    expect(sealOf(original.bytes, original.rows, 6)!.sha256).toBe(sha(TEXT));
  });

  it('buildSnapshot lists series by id and leaves out series with nothing known yet', () => {
    const late = series('zeta', [['2026-01-08', 1]]);
    const early = series('alpha', [['2026-01-02', 1]]);
    const logs = [late, original, early].map((s, i) => ({ id: ['zeta', 'rate', 'alpha'][i]!, bytes: s.bytes, rows: s.rows }));
    const snap = buildSnapshot(day('2026-01-07'), logs);
    expect(snap.date).toBe('2026-01-07');
    expect(Object.keys(snap.series)).toEqual(['alpha', 'rate']);
    expect(snap.series.rate).toEqual({ rows: 3, sha256: sha(LINES.slice(0, 4).join('\n') + '\n') });
    expect(JSON.stringify(Object.keys(buildSnapshot(day('2026-01-08'), logs).series))).toBe('["alpha","rate","zeta"]');
  });
});

describe('verifySeals', () => {
  const dates = ['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-09', '2026-01-12'];

  it('an untouched file passes every snapshot, and so does an appended row with a later vintage', () => {
    expect(verify(TEXT, sealsOn(dates))).toEqual([]);
    expect(verify(TEXT + '2026-01-12,4.6,2026-01-13\n', sealsOn(dates))).toEqual([]);
  });

  it('a rewritten sealed row fails every snapshot that sealed it, naming file, snapshot and lines', () => {
    const edited = TEXT.replace('2026-01-06,4.1,2026-01-06', '2026-01-06,4.15,2026-01-06');
    const problems = verify(edited, sealsOn(dates));
    expect(problems.map((p) => p.line)).toEqual([3, 4, 6, 7]);
    for (const p of problems) {
      expect(p.file).toBe(FILE);
      expect(p.message).toMatch(/^Snapshot \d{4}-\d\d-\d\d \(data\/snapshots\/\d{4}-\d\d-\d\d\.json\) sealed lines 1-\d+, and those lines have changed since$/);
      expect(p.hint).toMatch(/append a revision/);
    }
    expect(formatProblem(problems[0]!)).toContain(`${FILE}:3: Snapshot 2026-01-06 (data/snapshots/2026-01-06.json) sealed lines 1-3, and those lines have changed since`);
    expect(problems[3]!.message).toContain('Snapshot 2026-01-12 (data/snapshots/2026-01-12.json) sealed lines 1-7');
  });

  it('a changed header fails every seal', () => {
    // Same header bytes are required: a rewritten first line is a rewritten history.
    const seals = sealsOn(dates);
    const bytes = enc(TEXT);
    bytes[0] = 'D'.charCodeAt(0);
    const parsed = parseObservationLog(FILE, enc(TEXT), numberMeta());
    expect(verifySeals(FILE, bytes, parsed.rows, seals)).toHaveLength(seals.length);
  });

  it('a deleted sealed row is a rewrite, and a seal beyond the end says the file is short', () => {
    const edited = LINES.filter((_, i) => i !== 2).join('\n');
    const problems = verify(edited, sealsOn(dates));
    expect(problems.map((p) => [p.line, p.message.replace(/ \(.*?\)/, '')])).toEqual([
      [3, 'Snapshot 2026-01-06 sealed lines 1-3, and those lines have changed since'],
      [4, 'Snapshot 2026-01-07 sealed lines 1-4, and those lines have changed since'],
      [6, 'Snapshot 2026-01-09 sealed lines 1-6, and those lines have changed since'],
      [7, 'Snapshot 2026-01-12 sealed lines 1-7, but the file now has only 5 data rows'],
    ]);
  });

  it('a truncated file fails the snapshots that sealed the lost rows', () => {
    const truncated = LINES.slice(0, 5).join('\n') + '\n'; // header + 4 rows
    const problems = verify(truncated, sealsOn(dates));
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [6, 'Snapshot 2026-01-09 (data/snapshots/2026-01-09.json) sealed lines 1-6, but the file now has only 4 data rows'],
      [6, 'Snapshot 2026-01-12 (data/snapshots/2026-01-12.json) sealed lines 1-7, but the file now has only 4 data rows'],
    ]);
  });

  it('a row appended later with a vintage on or before a snapshot is history inserted after sealing', () => {
    // Sealed on Jan 9 (5 rows); a row with vintage Jan 9 appears at the end afterwards.
    const sealed = sealsOn(['2026-01-07', '2026-01-09']);
    const text = LINES.slice(0, 6).join('\n') + '\n2026-01-02,3.9,2026-01-09\n';
    const problems = verify(text, sealed);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      file: FILE,
      line: 7,
      message: 'line 7 has vintage 2026-01-09, on or before snapshot 2026-01-09 (data/snapshots/2026-01-09.json), which sealed only lines 1-6',
    });
    // The same row with a later vintage is a legal backfill.
    expect(verify(LINES.slice(0, 6).join('\n') + '\n2026-01-02,3.9,2026-01-10\n', sealed)).toEqual([]);
  });

  it('a row inserted in the middle with an old vintage changes the sealed bytes', () => {
    const text = [...LINES.slice(0, 3), '2026-01-02,3.9,2026-01-06', ...LINES.slice(3)].join('\n');
    const problems = verify(text, sealsOn(['2026-01-05', '2026-01-06', '2026-01-07']));
    // Jan 5 (line 2) is intact. Jan 6 sealed lines 1-3, still intact, but the new line 4 claims to have
    // been known by Jan 6. Jan 7 sealed lines 1-4, and line 4 is now a different row.
    expect(problems.map((p) => [p.line, p.message.slice(0, 40)])).toEqual([
      [4, 'line 4 has vintage 2026-01-06, on or bef'],
      [4, 'Snapshot 2026-01-07 (data/snapshots/2026'],
    ]);
  });

  it('a seal claiming a row with a vintage after its snapshot was not written by seal', () => {
    const bad: SealToVerify = { snapshotFile: snapPath('2026-01-06'), date: day('2026-01-06'), seal: sealOf(original.bytes, original.rows, 3)! };
    const problems = verify(TEXT, [bad]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(4);
    expect(problems[0]!.message).toContain('line 4 has vintage 2026-01-07, after the snapshot');
    expect(problems[0]!.hint).toMatch(/npm run data -- seal/);
  });

  it('verifies many snapshots of many random logs in one pass per file', () => {
    const rand = prng(42);
    for (let trial = 0; trial < 20; trial++) {
      const rows: Row[] = [];
      let v = day('2025-01-01');
      for (let i = 0; i < 300; i++) {
        v += int(rand, 0, 2);
        rows.push([formatDay(v - int(rand, 0, 3) - 1000 * (i % 2)), int(rand, 0, 999) / 10, formatDay(v)]);
      }
      const unique = rows.filter((r, i) => rows.findIndex((q) => q[0] === r[0] && q[2] === r[2]) === i);
      const s = series('r', unique);
      const snapDates = Array.from({ length: 40 }, () => day('2025-01-01') + int(rand, 0, 500));
      const seals: SealToVerify[] = [];
      for (const date of new Set(snapDates)) {
        const seal = buildSnapshot(date, [{ id: 'r', bytes: s.bytes, rows: s.rows }]).series.r;
        if (seal) seals.push({ snapshotFile: snapPath(formatDay(date)), date, seal });
      }
      expect(verifySeals(FILE, s.bytes, s.rows, seals)).toEqual([]);
      // Flip one byte of one value: exactly the seals covering it fail.
      const k = int(rand, 1, s.rows.count);
      const lineStart = k === 1 ? 'date,value,vintage\n'.length : s.rows.rowEnds[k - 2]!;
      const bytes = s.bytes.slice();
      const at = lineStart + 11; // first character of the value
      bytes[at] = bytes[at] === 0x31 ? 0x32 : 0x31;
      const failing = verifySeals(FILE, bytes, s.rows, seals).map((p) => p.message);
      expect(failing).toHaveLength(seals.filter((x) => x.seal.rows >= k).length);
    }
  });
});
