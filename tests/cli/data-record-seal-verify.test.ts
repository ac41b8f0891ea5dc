/** `npm run data -- record`, `seal` and `verify`, each run as a user would, on fixture archives. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyArchive, data, hashTree, read, removeTemps } from './helpers.ts';

afterAll(removeTemps);

describe('record', () => {
  const ok: Array<[what: string, args: string[], row: string]> = [
    ['a number, vintage today', ['move', '2026-05-22', '136.8'], '2026-05-22,136.8,2026-05-22'],
    ['a negative number', ['move', '2026-05-22', '-12.5'], '2026-05-22,-12.5,2026-05-22'],
    ['a state of a status series', ['clarity-act', '2026-05-21', 'passed-senate'], '2026-05-21,passed-senate,2026-05-22'],
    ['a revision of a sealed date', ['move', '2026-05-12', '131.9'], '2026-05-12,131.9,2026-05-22'],
    ['an explicit vintage after the newest snapshot', ['clarity-act', '2026-05-21', 'passed-senate', '--vintage', '2026-05-21'], '2026-05-21,passed-senate,2026-05-21'],
  ];
  it.each(ok)('appends %s', async (_what, args, row) => {
    const dir = copyArchive('two-snapshots');
    const file = `data/series/${args[0]}.csv`;
    const before = read(dir, file);
    const r = await data(dir, ['record', ...args]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(read(dir, file)).toBe(before + row + '\n');
    expect((await data(dir, ['verify'])).code).toBe(0);
  });

  it('says so and writes nothing when the value is already the latest', async () => {
    const dir = copyArchive('two-snapshots');
    const before = hashTree(dir);
    const r = await data(dir, ['record', 'move', '2026-05-12', '131.40']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('nothing to change');
    expect(hashTree(dir)).toEqual(before);
  });

  const refused: Array<[what: string, args: string[], expected: RegExp, code?: number]> = [
    ['a state the series does not have', ['clarity-act', '2026-05-21', 'signed'], /value "signed" is not one of the states \(introduced, passed-house, passed-senate, enacted\)/],
    ['a number with a unit', ['move', '2026-05-22', '136.8pt'], /value "136\.8pt" is not a plain decimal number/],
    ['a comma decimal', ['move', '2026-05-22', '136,8'], /value "136,8" is not a plain decimal number/],
    ['a date that does not exist', ['move', '2026-04-31', '130'], /<date> "2026-04-31" is not a calendar date/, 2],
    ['a date in another format', ['move', '05/22/2026', '130'], /<date> "05\/22\/2026" is not a calendar date[\s\S]*YYYY-MM-DD/, 2],
    ['a wrong series', ['mvoe', '2026-05-22', '130'], /unknown series "mvoe"/],
    ['a same-day duplicate with another value', ['move', '2026-05-21', '140', '--vintage', '2026-05-21'], /data\/series\/move\.csv line 6 already has 2026-05-21 with vintage 2026-05-21; a correction needs a later vintage/],
    ['a vintage before the date', ['move', '2026-05-22', '130', '--vintage', '2026-05-21'], /date 2026-05-22 is after its vintage 2026-05-21/],
    ['too few arguments', ['move', '2026-05-22'], /expected <series> <date> <value>, got 2 arguments/, 2],
  ];
  it.each(refused)('refuses %s and leaves data/ byte-identical', async (_what, args, expected, code = 1) => {
    const dir = copyArchive('two-snapshots');
    const before = hashTree(join(dir, 'data'));
    const r = await data(dir, ['record', ...args]);
    expect(r.stderr).toMatch(expected);
    expect(r.code).toBe(code);
    expect(hashTree(join(dir, 'data'))).toEqual(before);
  });
});

describe('seal', () => {
  /** The seal of the first `rows` data rows, computed here from the bytes, not by the code under test. */
  const sealOf = (bytes: Buffer, rows: number) => {
    let end = 0;
    for (let n = 0; n <= rows; n++) end = bytes.indexOf(0x0a, end) + 1;
    return { rows, sha256: createHash('sha256').update(bytes.subarray(0, end)).digest('hex') };
  };

  it('seals the newest vintage by default: every series, the rows known by then, their hash', async () => {
    const dir = copyArchive('two-snapshots');
    await data(dir, ['record', 'move', '2026-05-22', '136.8']);
    const r = await data(dir, ['seal']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('sealed data/snapshots/2026-05-22.json: 9 series, 39 rows');
    const snap = JSON.parse(read(dir, 'data/snapshots/2026-05-22.json')) as { date: string; series: Record<string, { rows: number; sha256: string }> };
    expect(snap.date).toBe('2026-05-22');
    expect(Object.keys(snap.series)).toEqual(['buybacks', 'clarity-act', 'move', 'sofr', 'stablecoins', 'tga', 'usdjpy', 'ust10-auction', 'ust10-levfund']);
    const move = readFileSync(join(dir, 'data/series/move.csv'));
    expect(snap.series.move).toEqual(sealOf(move, 6));
    expect(snap.series.usdjpy).toEqual(sealOf(readFileSync(join(dir, 'data/series/usdjpy.csv')), 16));
    const v = await data(dir, ['verify']);
    expect(v.stdout).toContain('0 errors, 0 warnings');
  });

  it('says there is nothing new to seal, and writes nothing, when every row is sealed', async () => {
    const dir = copyArchive('no-snapshots');
    expect((await data(dir, ['seal'])).code).toBe(0);
    const before = hashTree(dir);
    const r = await data(dir, ['seal']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('nothing new to seal: every row has a vintage on or before the newest snapshot, data/snapshots/2026-05-07.json');
    expect(hashTree(dir)).toEqual(before);
  });

  it('seals an explicit date, leaving later rows unsealed', async () => {
    const dir = copyArchive('two-snapshots');
    const r = await data(dir, ['seal', '--date', '2026-05-21']);
    expect(r.code).toBe(0);
    const snap = JSON.parse(read(dir, 'data/snapshots/2026-05-21.json'));
    expect(snap.series.move).toEqual(sealOf(readFileSync(join(dir, 'data/series/move.csv')), 5));
    expect(snap.reconstructed).toBeUndefined();
  });

  it('seals a date before the newest snapshot, marked reconstructed (tests/cli/seal-past.test.ts has the rest)', async () => {
    const dir = copyArchive('two-snapshots');
    const r = await data(dir, ['seal', '--date', '2026-05-10']);
    expect(r.code).toBe(0);
    const snap = JSON.parse(read(dir, 'data/snapshots/2026-05-10.json'));
    expect(snap.reconstructed).toBe(true);
    expect(snap.series.move).toEqual(sealOf(readFileSync(join(dir, 'data/series/move.csv')), 2));
    expect((await data(dir, ['verify'])).code).toBe(0);
  });

  it('makes the first snapshot of an archive', async () => {
    const dir = copyArchive('no-snapshots');
    const r = await data(dir, ['seal', '--date', '2026-05-06']);
    expect(r.code).toBe(0);
    expect(JSON.parse(read(dir, 'data/snapshots/2026-05-06.json')).series.rate).toEqual(sealOf(readFileSync(join(dir, 'data/series/rate.csv')), 2));
    expect((await data(dir, ['verify'])).stdout).toContain('1 warning'); // the row with vintage 2026-05-07
  });

  const refused: Array<[what: string, archive: string, args: string[], expected: RegExp, code?: number]> = [
    ['an existing snapshot', 'two-snapshots', ['--date', '2026-05-20'], /snapshot 2026-05-20 already exists \(data\/snapshots\/2026-05-20\.json\); snapshots are never rewritten/],
    ['an existing snapshot before the newest', 'two-snapshots', ['--date', '2026-05-01'], /snapshot 2026-05-01 already exists \(data\/snapshots\/2026-05-01\.json\); snapshots are never rewritten/],
    ['a date after today', 'two-snapshots', ['--date', '2026-05-23'], /cannot seal 2026-05-23: it is after today \(2026-05-22\)/],
    ['a date that does not exist', 'two-snapshots', ['--date', '2026-13-01'], /--date "2026-13-01" is not a calendar date/, 2],
    ['data with errors', 'broken', [], /data\/ has 7 errors; fix them before sealing[\s\S]*usdjpy\.csv:17: Snapshot 2026-05-20/],
    ['a date before every vintage', 'no-snapshots', ['--date', '2026-05-01'], /nothing has a vintage on or before 2026-05-01/],
  ];
  it.each(refused)('refuses %s', async (_what, archive, args, expected, code = 1) => {
    const dir = copyArchive(archive);
    const before = hashTree(join(dir, 'data'));
    const r = await data(dir, ['seal', ...args]);
    expect(r.stderr).toMatch(expected);
    expect(r.code).toBe(code);
    expect(hashTree(join(dir, 'data'))).toEqual(before);
  });

  it('ignores a temp file left by a killed run', async () => {
    const dir = copyArchive('two-snapshots');
    writeFileSync(join(dir, 'data/snapshots/.2026-05-22.json.123.abcd.tmp'), '{"date": "2026-05');
    writeFileSync(join(dir, 'data/series/.move.csv.123.abcd.tmp'), 'date,value,vintage\n2026-05');
    expect((await data(dir, ['verify'])).code).toBe(0);
    const r = await data(dir, ['seal', '--date', '2026-05-22']);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'data/snapshots/2026-05-22.json'))).toBe(true);
  });
});

describe('verify', () => {
  it('passes a clean archive and lists its warnings', async () => {
    const dir = copyArchive('two-snapshots');
    const r = await data(dir, ['verify']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warning: data\/series\/move\.csv:6: 1 row of "move" has a vintage after the newest snapshot \(2026-05-20\)/);
    expect(r.stdout).toContain('data/: 9 series (38 rows), 2 snapshots (newest 2026-05-20): 0 errors, 1 warning');
  });

  it('lists every problem of a broken archive, not just the first, and exits 1', async () => {
    const dir = copyArchive('broken');
    const r = await data(dir, ['verify']);
    expect(r.code).toBe(1);
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('error: '));
    expect(errors.map((l) => l.slice(7, l.indexOf(': ', 7)))).toEqual([
      'data/snapshots/2026-05-21.json',
      'data/series/buybacks.csv',
      'data/series/move.yaml:7',
      'data/series/sofr.csv:5',
      'data/series/tga.csv:5',
      'data/series/tga.csv:5',
      'data/series/usdjpy.csv:17',
    ]);
    expect(r.stdout).toContain('7 errors');
  });

  it('says where it looked when there is no data/ folder', async () => {
    const dir = copyArchive('two-snapshots');
    const r = await data(join(dir, 'content'), ['verify']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/there is no data\/ folder in .*content[\s\S]*Run this from the project folder/);
  });
});

describe('help and usage', () => {
  it.each(['import', 'record', 'pull', 'seal', 'verify'])('%s --help prints its usage and exits 0', async (cmd) => {
    const dir = copyArchive('two-snapshots');
    const r = await data(dir, [cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: npm run data -- ${cmd}`);
  });

  it('an unknown command is a usage error naming the commands', async () => {
    const dir = copyArchive('two-snapshots');
    const r = await data(dir, ['sael']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "sael"; the commands are import, record, pull, seal, verify');
  });
});
