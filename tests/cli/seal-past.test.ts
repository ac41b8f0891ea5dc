/**
 * `seal --date D` before the newest snapshot: a reconstructed snapshot of what the logs' vintages say
 * was known on D. The fixture has snapshots 2026-05-01 and 2026-05-20; today is 2026-05-22.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadArchive } from '../../src/archive/load-archive.ts';
import { copyArchive, data, hashTree, newNote, read, removeTemps } from './helpers.ts';

afterAll(removeTemps);

type Snapshot = { date: string; reconstructed?: boolean; series: Record<string, { rows: number; sha256: string }> };

/**
 * The expected snapshot, computed here from the CSV text (not by the code under test): per series,
 * the rows with vintage <= date, which must be a prefix of the log, and the hash of those bytes.
 */
function expectedSeals(dir: string, date: string): Snapshot['series'] {
  const out: Snapshot['series'] = {};
  const names = readdirSync(join(dir, 'data/series')).filter((n) => n.endsWith('.csv')).sort();
  for (const name of names) {
    const text = readFileSync(join(dir, 'data/series', name), 'utf8');
    const lines = text.split('\n').slice(1, -1);
    const known = lines.filter((l) => l.split(',')[2]! <= date).length;
    expect(lines.slice(0, known).every((l) => l.split(',')[2]! <= date)).toBe(true); // a prefix
    if (known === 0) continue;
    const bytes = lines.slice(0, known).reduce((n, l) => n + Buffer.byteLength(l) + 1, 'date,value,vintage\n'.length);
    out[name.slice(0, -4)] = { rows: known, sha256: createHash('sha256').update(text.slice(0, bytes)).digest('hex') };
  }
  return out;
}

const snapshotOf = (dir: string, date: string) => JSON.parse(read(dir, `data/snapshots/${date}.json`)) as Snapshot;

describe('seal a past date', () => {
  it.each([
    ['between two snapshots', '2026-05-10', '2026-05-20'],
    ['before every snapshot', '2026-04-29', '2026-05-01'],
  ])('%s: seals the rows with vintage <= D, marked reconstructed, and verifies', async (_what, date, later) => {
    const dir = copyArchive('two-snapshots');
    const before = hashTree(join(dir, 'data'));
    const r = await data(dir, ['seal', '--date', date]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`sealed data/snapshots/${date}.json (reconstructed: snapshot ${later} already existed`);
    expect(r.stdout).not.toContain('unsealed');
    const snap = snapshotOf(dir, date);
    expect(snap).toEqual({ date, reconstructed: true, series: expectedSeals(dir, date) });
    expect(Object.keys(snap.series).length).toBeGreaterThan(0);
    // The flag sits beside the date, where a reader of the file sees it first.
    expect(read(dir, `data/snapshots/${date}.json`).split('\n').slice(0, 3)).toEqual(['{', `  "date": "${date}",`, '  "reconstructed": true,']);
    // Only the new snapshot was added: no log or other snapshot changed.
    const after = hashTree(join(dir, 'data'));
    delete after[`snapshots/${date}.json`];
    expect(after).toEqual(before);
    const v = await data(dir, ['verify']);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('3 snapshots (newest 2026-05-20): 0 errors, 1 warning');
  });

  it('a seal after the newest snapshot is not reconstructed', async () => {
    const dir = copyArchive('two-snapshots');
    expect((await data(dir, ['seal', '--date', '2026-05-21'])).code).toBe(0);
    const snap = snapshotOf(dir, '2026-05-21');
    expect('reconstructed' in snap).toBe(false);
    expect(snap.series).toEqual(expectedSeals(dir, '2026-05-21'));
  });

  it('seals past dates in any order, and new rows still append after the newest snapshot', async () => {
    const dir = copyArchive('two-snapshots');
    for (const d of ['2026-05-15', '2026-04-30', '2026-05-05']) expect((await data(dir, ['seal', '--date', d])).code).toBe(0);
    for (const d of ['2026-05-15', '2026-04-30', '2026-05-05']) expect(snapshotOf(dir, d)).toEqual({ date: d, reconstructed: true, series: expectedSeals(dir, d) });
    expect((await data(dir, ['record', 'move', '2026-05-22', '136.8'])).code).toBe(0);
    expect((await data(dir, ['seal'])).stdout).toContain('sealed data/snapshots/2026-05-22.json: 9 series, 39 rows');
    expect((await data(dir, ['verify'])).stdout).toContain('6 snapshots (newest 2026-05-22): 0 errors, 0 warnings');
  });

  it('verify checks a reconstructed seal like any other: an edited row it sealed is named with it', async () => {
    const dir = copyArchive('two-snapshots');
    expect((await data(dir, ['seal', '--date', '2026-05-10'])).code).toBe(0);
    const path = join(dir, 'data/series/move.csv');
    writeFileSync(path, readFileSync(path, 'utf8').replace('2026-05-05,124.9,', '2026-05-05,129.4,'));
    const v = await data(dir, ['verify']);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/error: data\/series\/move\.csv:3: Snapshot 2026-05-10 \(data\/snapshots\/2026-05-10\.json\) sealed lines 1-3, and those lines have changed since/);
    expect(v.stdout).toMatch(/Snapshot 2026-05-20 .* and those lines have changed since/);
  });

  it('a reconstructed snapshot that claims rows the logs did not know by then fails verify', async () => {
    const dir = copyArchive('two-snapshots');
    expect((await data(dir, ['seal', '--date', '2026-05-10'])).code).toBe(0);
    // Hand-edit: take the 2026-05-20 seal of move and relabel it as known on 2026-05-10.
    const snap = snapshotOf(dir, '2026-05-10');
    snap.series.move = snapshotOf(dir, '2026-05-20').series.move!;
    writeFileSync(join(dir, 'data/snapshots/2026-05-10.json'), JSON.stringify(snap, null, 2) + '\n');
    const v = await data(dir, ['verify']);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/move\.csv:5: Snapshot 2026-05-10 .* but line 5 has vintage 2026-05-19, after the snapshot/);
  });

  it('says which notes without a snapshot field now read the new snapshot', async () => {
    const dir = copyArchive('two-snapshots');
    expect((await newNote(dir, ['Pinned', '--date', '2026-05-12', '--snapshot', '2026-05-01'])).code).toBe(0);
    const unpinned = read(dir, 'content/notes/2026-05-12-pinned.mdx').replace('title: "Pinned"', 'title: "Unpinned"').replace('snapshot: 2026-05-01\n', '');
    writeFileSync(join(dir, 'content/notes/2026-05-13-unpinned.mdx'), unpinned.replace('date: 2026-05-12', 'date: 2026-05-13'));
    writeFileSync(join(dir, 'content/notes/2026-05-20-later.mdx'), unpinned.replace('date: 2026-05-12', 'date: 2026-05-20'));
    const r = await data(dir, ['seal', '--date', '2026-05-10']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('notes without a `snapshot:` field dated from 2026-05-10 to before 2026-05-20 now read this snapshot: content/notes/2026-05-13-unpinned.mdx\n');
    // The archive evaluates with it: the unpinned note reads 2026-05-10, the pinned one keeps 2026-05-01.
    const archive = loadArchive({ root: dir });
    const snapOf = (id: string) => archive.notes.find((n) => n.id === id)!.snapshot;
    expect(snapOf('2026-05-13-unpinned')).toBe('2026-05-10');
    expect(snapOf('2026-05-12-pinned')).toBe('2026-05-01');
  });
});

describe('seal refuses a past date that cannot be sealed, and leaves data/ byte-identical', () => {
  const cases: Array<[what: string, archive: string, args: string[], expected: RegExp, code?: number]> = [
    ['an existing past snapshot', 'two-snapshots', ['--date', '2026-05-01'], /snapshot 2026-05-01 already exists \(data\/snapshots\/2026-05-01\.json\); snapshots are never rewritten/],
    ['an existing newest snapshot', 'two-snapshots', ['--date', '2026-05-20'], /snapshot 2026-05-20 already exists/],
    ['a past date before every vintage', 'two-snapshots', ['--date', '2026-04-01'], /nothing has a vintage on or before 2026-04-01, so there is nothing to seal/],
    ['a date after today', 'two-snapshots', ['--date', '2026-05-23'], /cannot seal 2026-05-23: it is after today \(2026-05-22\)/],
    ['a past date in data with errors', 'broken', ['--date', '2026-05-10'], /data\/ has 7 errors; fix them before sealing/],
  ];
  it.each(cases)('%s', async (_what, archive, args, expected, code = 1) => {
    const dir = copyArchive(archive);
    const before = hashTree(dir);
    const r = await data(dir, ['seal', ...args]);
    expect(r.stderr).toMatch(expected);
    expect(r.code).toBe(code);
    expect(hashTree(dir)).toEqual(before);
  });

  it('a second seal of the same past date is refused and changes nothing', async () => {
    const dir = copyArchive('two-snapshots');
    expect((await data(dir, ['seal', '--date', '2026-05-10'])).code).toBe(0);
    const before = hashTree(dir);
    const r = await data(dir, ['seal', '--date', '2026-05-10']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('snapshot 2026-05-10 already exists');
    expect(hashTree(dir)).toEqual(before);
  });
});
