/**
 * `npm run data -- import`: what is appended, what is not, and that every refused import leaves
 * data/ byte-identical.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyArchive, data, garbage, hashTree, INPUTS, read, removeTemps, tempDir } from './helpers.ts';

afterAll(removeTemps);

const input = (name: string) => join(INPUTS, name);
const rowsOf = (text: string) => text.trimEnd().split('\n');

describe('import appends only what is new or changed', () => {
  it('appends new dates and a revision of a sealed date, after the untouched old bytes', async () => {
    const dir = copyArchive('two-snapshots');
    const before = read(dir, 'data/series/usdjpy.csv');
    const r = await data(dir, ['import', input('usdjpy-week.csv'), '--series', 'usdjpy']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('appended 3 rows (2 new dates, 1 revision), vintage 2026-05-22; 2 unchanged');
    const after = read(dir, 'data/series/usdjpy.csv');
    expect(after.startsWith(before)).toBe(true);
    // 05-14 and 05-18 match the log; 05-15 was 146.20 and is now 146.25 (a revision, never an edit).
    expect(rowsOf(after.slice(before.length))).toEqual(['2026-05-15,146.25,2026-05-22', '2026-05-19,147.30,2026-05-22', '2026-05-20,147.05,2026-05-22']);
    const v = await data(dir, ['verify']);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('0 errors');
  });

  it('says so and writes nothing when every value is already known (4.4 and 4.40 are the same number)', async () => {
    const dir = copyArchive('two-snapshots');
    const before = hashTree(dir);
    const r = await data(dir, ['import', input('usdjpy-known.csv'), '--series', 'usdjpy']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('nothing to change; all 3 observations already match the log (nothing written)');
    expect(hashTree(dir)).toEqual(before);
  });

  it('running the same import twice appends once', async () => {
    const dir = copyArchive('two-snapshots');
    await data(dir, ['import', input('usdjpy-week.csv'), '--series', 'usdjpy']);
    const once = hashTree(dir);
    const again = await data(dir, ['import', input('usdjpy-week.csv'), '--series', 'usdjpy']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing to change');
    expect(hashTree(dir)).toEqual(once);
  });

  it('takes a spreadsheet export with a byte-order mark and CRLF line ends, and writes LF rows', async () => {
    const dir = copyArchive('two-snapshots');
    const r = await data(dir, ['import', input('excel-export.csv'), '--series', 'usdjpy', '--vintage', '2026-05-21']);
    expect(r.code).toBe(0);
    expect(read(dir, 'data/series/usdjpy.csv').endsWith('2026-05-19,147.30,2026-05-21\n2026-05-20,147.05,2026-05-21\n')).toBe(true);
  });

  it('reads a FRED response with the vintage from --vintage; a "." for a date the log never had writes nothing', async () => {
    const dir = copyArchive('two-snapshots');
    const before = read(dir, 'data/series/usdjpy.csv');
    const r = await data(dir, ['import', input('fred-dexjpus.json'), '--series', 'usdjpy', '--format', 'fred', '--vintage', '2026-05-21']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const added = rowsOf(read(dir, 'data/series/usdjpy.csv').slice(before.length));
    expect(added).toEqual(['2026-05-15,146.25,2026-05-21', '2026-05-19,147.30,2026-05-21', '2026-05-21,147.62,2026-05-21']);
    // The same response again, as known today: nothing is new.
    const again = await data(dir, ['import', input('fred-dexjpus.json'), '--series', 'usdjpy', '--format', 'fred']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing to change; all 7 observations already match the log');
  });

  it('notes a FRED response of a transformation (units other than lin) and a partial page', async () => {
    const dir = copyArchive('two-snapshots');
    const json = JSON.parse(read(INPUTS, 'fred-dexjpus.json')) as Record<string, unknown>;
    const f = join(tempDir('fred'), 'pch.json');
    writeFileSync(f, JSON.stringify({ ...json, units: 'pch', count: 900 }));
    const r = await data(dir, ['import', f, '--series', 'move', '--format', 'fred']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('note: ' + f + ' was requested with units=pch, a transformation of the series');
    expect(r.stderr).toContain('holds 7 of the 900 observations its query matched (one page); import the other pages too');
  });

  it('keeps ALFRED vintages, skipping versions the log already has', async () => {
    const dir = copyArchive('two-snapshots');
    const before = read(dir, 'data/series/usdjpy.csv');
    const r = await data(dir, ['import', input('alfred-dexjpus.json'), '--series', 'usdjpy', '--format', 'alfred']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(rowsOf(read(dir, 'data/series/usdjpy.csv').slice(before.length))).toEqual(['2026-05-15,146.25,2026-05-21', '2026-05-19,147.30,2026-05-21']);
    expect((await data(dir, ['verify'])).code).toBe(0);
  });

  it('reads a relative path from where npm was run (INIT_CWD), not from the project root', async () => {
    const dir = copyArchive('two-snapshots');
    const r = await data(dir, ['import', 'usdjpy-week.csv', '--series', 'usdjpy'], { INIT_CWD: INPUTS });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('appended 3 rows');
    const lost = await data(dir, ['import', 'usdjpy-week.csv', '--series', 'usdjpy']);
    expect(lost.stderr).toMatch(/cannot read usdjpy-week\.csv: no such file/);
  });

  it('creates the log of a new series that has only its YAML', async () => {
    const dir = copyArchive('two-snapshots');
    writeFileSync(join(dir, 'data/series/jpy-spot.yaml'), 'name: JPY spot\nunit: JPY per USD\nfrequency: daily\nsource: test\n');
    const r = await data(dir, ['import', input('usdjpy-known.csv'), '--series', 'jpy-spot']);
    expect(r.code).toBe(0);
    expect(read(dir, 'data/series/jpy-spot.csv')).toBe('date,value,vintage\n2026-05-13,145.85,2026-05-22\n2026-05-14,146.4,2026-05-22\n2026-05-15,146.20,2026-05-22\n');
  });
});

describe('a refused import leaves data/ byte-identical', () => {
  const cases: Array<[what: string, args: () => string[], expected: RegExp, code?: number]> = [
    ['malformed values', () => [input('bad-values.csv'), '--series', 'usdjpy'], /bad-values\.csv:3: value "\." is not a plain decimal[\s\S]*:4: value "NaN"[\s\S]*:5: value "5%"[\s\S]*:6: value is empty/],
    ['a quoted thousands separator', () => [input('thousands-separator.csv'), '--series', 'usdjpy'], /thousands-separator\.csv:2: has a double quote/],
    ['a duplicate date', () => [input('duplicate-date.csv'), '--series', 'usdjpy'], /duplicate-date\.csv:4: date 2026-05-19 appears again \(first on line 2\)/],
    ['a date that does not exist', () => [input('impossible-date.csv'), '--series', 'usdjpy'], /impossible-date\.csv:3: date "2026-02-30" is not a calendar date \(that day does not exist\)/],
    ['the wrong header', () => [input('wrong-header.csv'), '--series', 'usdjpy'], /wrong-header\.csv:1: the header is "Date,Close", expected exactly "date,value"/],
    ['no observations', () => [input('header-only.csv'), '--series', 'usdjpy'], /header-only\.csv has no observations/],
    ['a date after today', () => [input('future-date.csv'), '--series', 'usdjpy'], /future-date\.csv:3: date 2026-05-25 is after today \(2026-05-22\)/],
    ['a wrong series', () => [input('usdjpy-week.csv'), '--series', 'usdjyp'], /unknown series "usdjyp": there is no data\/series\/usdjyp\.yaml[\s\S]*Known series: .*usdjpy/],
    ['a path as series id', () => [input('usdjpy-week.csv'), '--series', '../../etc'], /"\.\.\/\.\.\/etc" is not a series id/, 2],
    ['numbers for a status series', () => [input('usdjpy-week.csv'), '--series', 'clarity-act'], /usdjpy-week\.csv:2: value "146\.40" is not one of the states \(introduced, passed-house, passed-senate, enacted\)/],
    ['a vintage the newest snapshot already sealed', () => [input('usdjpy-week.csv'), '--series', 'usdjpy', '--vintage', '2026-05-20'], /vintage 2026-05-20 is on or before snapshot 2026-05-20 \(data\/snapshots\/2026-05-20\.json\), which sealed every row of data\/series\/usdjpy\.csv/],
    ['a vintage before the log\'s newest', () => [input('usdjpy-week.csv'), '--series', 'move', '--vintage', '2026-05-20'], /usdjpy-week\.csv:2: vintage 2026-05-20 is before the newest vintage in data\/series\/move\.csv \(2026-05-21, line 6\)/],
    ['ALFRED history the archive sealed without', () => [input('alfred-before-seal.json'), '--series', 'usdjpy', '--format', 'alfred'], /vintage 2026-05-20 is on or before snapshot 2026-05-20/],
    ['a vintage that does not exist', () => [input('usdjpy-week.csv'), '--series', 'usdjpy', '--vintage', '2026-02-30'], /--vintage "2026-02-30" is not a calendar date/, 2],
    ['a vintage after today', () => [input('usdjpy-week.csv'), '--series', 'usdjpy', '--vintage', '2026-05-23'], /--vintage 2026-05-23 is after today \(2026-05-22\)/, 2],
    ['a FRED error response', () => [input('fred-error.json'), '--series', 'usdjpy', '--format', 'fred'], /fred-error\.json: FRED says: Bad Request\.  The series does not exist\./],
    ['truncated JSON', () => [input('fred-truncated.json'), '--series', 'usdjpy', '--format', 'fred'], /fred-truncated\.json:1: not valid JSON/],
    ['JSON without --format', () => [input('fred-dexjpus.json'), '--series', 'usdjpy'], /this looks like JSON: for a FRED or ALFRED response add --format fred/],
    ['an unknown format', () => [input('usdjpy-week.csv'), '--series', 'usdjpy', '--format', 'xlsx'], /--format "xlsx" is not one of csv, fred, alfred/, 2],
    ['--vintage with ALFRED', () => [input('alfred-dexjpus.json'), '--series', 'usdjpy', '--format', 'alfred', '--vintage', '2026-05-21'], /--vintage does not go with --format alfred/, 2],
    ['a missing file', () => [input('no-such-file.csv'), '--series', 'usdjpy'], /cannot read .*no-such-file\.csv: no such file/],
    ['no --series', () => [input('usdjpy-week.csv')], /--series is required/, 2],
    ['an unknown option', () => [input('usdjpy-week.csv'), '--series', 'usdjpy', '--force'], /Unknown option '--force'/, 2],
    [
      '10 MB of binary garbage',
      () => {
        const f = join(tempDir('garbage'), 'garbage.csv');
        writeFileSync(f, garbage(10 * 1024 * 1024, 7));
        return [f, '--series', 'usdjpy'];
      },
      /garbage\.csv: is not a text file \(it contains NUL bytes\)/,
    ],
    [
      '10 MB of printable garbage',
      () => {
        const f = join(tempDir('garbage'), 'garbage.csv');
        writeFileSync(f, garbage(10 * 1024 * 1024, 11, true));
        return [f, '--series', 'usdjpy'];
      },
      /garbage\.csv:1: the header is ".{1,60}", expected exactly "date,value"/,
    ],
  ];

  it.each(cases)('%s', async (_what, args, expected, code = 1) => {
    const dir = copyArchive('two-snapshots');
    const before = hashTree(join(dir, 'data'));
    const r = await data(dir, ['import', ...args()]);
    expect(r.stderr).toMatch(expected);
    expect(r.code).toBe(code);
    expect(hashTree(join(dir, 'data'))).toEqual(before);
  });

  it('refuses to append to a log that already fails verification, naming its problem', async () => {
    const dir = copyArchive('two-snapshots');
    const path = join(dir, 'data/series/usdjpy.csv');
    // Rewrite a sealed row: the 2026-05-20 snapshot no longer matches.
    writeFileSync(path, read(dir, 'data/series/usdjpy.csv').replace('2026-05-14,146.40', '2026-05-14,146.45'));
    const before = hashTree(join(dir, 'data'));
    const r = await data(dir, ['import', input('usdjpy-week.csv'), '--series', 'usdjpy']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('series "usdjpy" cannot be written until these problems are fixed (nothing was written)');
    expect(r.stderr).toMatch(/data\/series\/usdjpy\.csv:\d+: Snapshot 2026-05-20 .* sealed lines 1-17, and those lines have changed since/);
    expect(hashTree(join(dir, 'data'))).toEqual(before);
  });
});
