/** `npm run data -- add`: what it writes, and that a refused add writes nothing. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyArchive, data, hashTree, read, removeTemps } from './helpers.ts';

afterAll(removeTemps);

const base = ['--name', 'USD/JPY', '--unit', 'JPY per USD', '--frequency', 'daily', '--source', 'Federal Reserve H.10'];

describe('add creates a series', () => {
  it('writes the YAML and an empty log, which verify accepts', async () => {
    const dir = copyArchive('two-snapshots');
    const r = await data(dir, ['add', 'jpy', ...base, '--pull', 'fred:DEXJPUS', '--decimals', '2']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(read(dir, 'data/series/jpy.yaml')).toBe('name: USD/JPY\nunit: JPY per USD\nfrequency: daily\nsource: Federal Reserve H.10\ndecimals: 2\npull:\n  from: fred\n  id: DEXJPUS\n');
    expect(read(dir, 'data/series/jpy.csv')).toBe('date,value,vintage\n');
    expect((await data(dir, ['verify'])).stdout).toContain('0 errors');
  });

  it('writes a status series with its states', async () => {
    const dir = copyArchive('two-snapshots');
    const r = await data(dir, ['add', 'genius-act', '--name', 'GENIUS Act', '--unit', 'stage', '--frequency', 'irregular', '--source', 'congress.gov', '--kind', 'status', '--states', 'introduced,passed,enacted']);
    expect(r.code).toBe(0);
    expect(read(dir, 'data/series/genius-act.yaml')).toContain('kind: status\nstates:\n  - introduced\n  - passed\n  - enacted\n');
  });

  it('writes a derived series with no log', async () => {
    const dir = copyArchive('two-snapshots');
    const r = await data(dir, ['add', 'jpy-pct', '--name', 'x', '--unit', 'pct', '--frequency', 'daily', '--source', 'computed', '--derive', 'pct-change:usdjpy:4w', '--scale', '100']);
    expect(r.stderr).toBe('');
    expect(read(dir, 'data/series/jpy-pct.yaml')).toContain('derive:\n  op: pct-change\n  of:\n    - usdjpy\n  window: 4w\n  scale: 100\n');
    expect(existsSync(join(dir, 'data/series/jpy-pct.csv'))).toBe(false);
    expect((await data(dir, ['verify'])).code).toBe(0);
  });

  it('shows its help', async () => {
    const r = await data(copyArchive('two-snapshots'), ['add', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--derive <op>:<a,b>[:<window>]');
  });
});

describe('a refused add leaves data/ byte-identical', () => {
  const cases: Array<[what: string, args: string[], expected: RegExp, code: number]> = [
    ['an existing id', ['usdjpy', ...base], /series "usdjpy" already exists \(data\/series\/usdjpy\.yaml\)/, 1],
    ['a missing --source', ['jpy', '--name', 'x', '--unit', 'x', '--frequency', 'daily'], /--source is required/, 2],
    ['a frequency the schema does not know', ['jpy', '--name', 'x', '--unit', 'x', '--frequency', 'hourly', '--source', 'x'], /--frequency: .*"daily"\|"weekly"/, 2],
    ['a bad id', ['USD JPY', ...base], /"USD JPY" is not a series id/, 2],
    ['states without --kind status', ['jpy', ...base, '--states', 'a,b'], /--states goes with --kind status/, 2],
    ['an unknown feed', ['jpy', ...base, '--pull', 'bloomberg:JPY'], /--pull: /, 2],
    ['a derive of an unknown series', ['x', ...base, '--derive', 'mean:nope:5d'], /unknown input series "nope"/, 1],
    ['a derive without its window', ['x', ...base, '--derive', 'mean:usdjpy'], /mean needs a window/, 2],
    ['a malformed --derive', ['x', ...base, '--derive', 'spread'], /--derive "spread" should be <op>:<series>/, 2],
    ['a derive and a pull', ['x', ...base, '--derive', 'mean:usdjpy:5d', '--pull', 'fred:X'], /computed, not pulled/, 2],
    ['a scale that is not a number', ['x', ...base, '--derive', 'ratio:usdjpy,sofr', '--scale', '1e2'], /--scale "1e2" is not a plain decimal/, 2],
  ];
  it.each(cases)('%s', async (_what, args, expected, code) => {
    const dir = copyArchive('two-snapshots');
    const before = hashTree(join(dir, 'data'));
    const r = await data(dir, ['add', ...args]);
    expect(r.stderr).toMatch(expected);
    expect(r.code).toBe(code);
    expect(hashTree(join(dir, 'data'))).toEqual(before);
  });
});
