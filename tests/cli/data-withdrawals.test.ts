/**
 * Withdrawals on import and pull, on a recorded ALFRED history of GDP (values for 1946 that later
 * vintages list as "."), and the refusals that keep FRED and ALFRED responses apart. Every refused
 * command leaves data/ byte-identical.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyArchive, data, hashTree, read, removeTemps, REPO, tempDir } from './helpers.ts';
import { FAST_FEEDS, recordedRoutes, startReplay } from './replay-server.ts';

afterAll(removeTemps);

const FEEDS = join(REPO, 'tests/fixtures/feeds');
const ALFRED = join(FEEDS, 'fred/gdp-alfred.json');
const FRED = join(FEEDS, 'fred/gdp-fred.json');
const rowsOf = (text: string) => text.trimEnd().split('\n').slice(1);

/** The two-snapshots archive with an empty quarterly GDP series added by `add`. */
async function withGdp() {
  const dir = copyArchive('two-snapshots');
  const r = await data(dir, ['add', 'gdp', '--name', 'GDP', '--unit', 'USD billions', '--frequency', 'quarterly', '--source', 'BEA via ALFRED']);
  expect(r.stderr).toBe('');
  return dir;
}

describe('ALFRED import writes withdrawals', () => {
  it('writes "." after a value as a withdrawal at its vintage, and a value that comes back as a revision', async () => {
    const dir = await withGdp();
    const r = await data(dir, ['import', ALFRED, '--series', 'gdp', '--format', 'alfred']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/appended 35 rows \(6 new dates, 23 revisions, 6 withdrawals\), vintages 1991-12-04 to 2024-10-30/);
    const rows = rowsOf(read(dir, 'data/series/gdp.csv'));
    expect(rows.filter((l) => l.startsWith('1946-01-01,'))).toEqual([
      '1946-01-01,199.7,1992-12-22',
      '1946-01-01,withdrawn,1996-01-19',
      '1946-01-01,210.4,1997-05-07',
      '1946-01-01,withdrawn,1999-10-28',
    ]);
    // 1959-01-01 was gone for one day of vintages, then came back.
    expect(rows.filter((l) => l.startsWith('1959-01-01,')).slice(1, 4)).toEqual(['1959-01-01,496.3,1996-01-19', '1959-01-01,withdrawn,1999-10-28', '1959-01-01,496.1,1999-10-29']);
    const v = await data(dir, ['verify']);
    expect(v.stdout).toContain('0 errors');
  });

  it('is idempotent, and the FRED response of the same series then agrees with it', async () => {
    const dir = await withGdp();
    await data(dir, ['import', ALFRED, '--series', 'gdp', '--format', 'alfred']);
    const once = hashTree(join(dir, 'data'));
    const again = await data(dir, ['import', ALFRED, '--series', 'gdp', '--format', 'alfred']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing to change; all 35 observations already match the log');
    const fred = await data(dir, ['import', FRED, '--series', 'gdp', '--format', 'fred', '--vintage', '2024-10-30']);
    expect(fred.stderr).toBe('');
    expect(fred.stdout).toContain('nothing to change; all 8 observations already match the log');
    expect(hashTree(join(dir, 'data'))).toEqual(once);
  });

  it('skips a "." for a date the history never valued', async () => {
    const dir = await withGdp();
    const json = JSON.parse(readFileSync(ALFRED, 'utf8')) as { observations: Array<Record<string, string>> };
    json.observations.unshift({ realtime_start: '1991-12-04', realtime_end: '9999-12-31', date: '1945-10-01', value: '.' });
    const f = join(tempDir('alfred'), 'gdp.json');
    writeFileSync(f, JSON.stringify({ ...json, count: json.observations.length }));
    const r = await data(dir, ['import', f, '--series', 'gdp', '--format', 'alfred']);
    expect(r.code).toBe(0);
    expect(read(dir, 'data/series/gdp.csv')).not.toContain('1945-10-01');
  });
});

describe('FRED import withdraws what the log values and the response lists as "."', () => {
  it('appends a withdrawal for a current value, with --vintage; twice changes nothing', async () => {
    const dir = await withGdp();
    writeFileSync(join(dir, 'data/series/gdp.csv'), 'date,value,vintage\n1946-01-01,199.7,1992-12-22\n2024-07-01,29349.924,2024-10-30\n');
    const r = await data(dir, ['import', FRED, '--series', 'gdp', '--format', 'fred', '--vintage', '2024-10-31']);
    expect(r.stderr).toBe('');
    // 1946-01-01 is withdrawn; 1946-04-01 to -10-01 were never in the log; 1959, 2003 and 2024-04 are new.
    expect(r.stdout).toContain('appended 4 rows (3 new dates, 0 revisions, 1 withdrawal), vintage 2024-10-31; 4 unchanged');
    expect(read(dir, 'data/series/gdp.csv')).toContain('\n1946-01-01,withdrawn,2024-10-31\n');
    const once = hashTree(join(dir, 'data'));
    expect((await data(dir, ['import', FRED, '--series', 'gdp', '--format', 'fred'])).stdout).toContain('nothing to change');
    expect(hashTree(join(dir, 'data'))).toEqual(once);
  });
});

describe('pull withdraws a value the feed now lists as "."', () => {
  it('appends a withdrawal with today\'s vintage, once', async () => {
    const body = readFileSync(join(REPO, 'tests/fixtures/cli/replay/fred/DEXJPUS.json'), 'utf8').replace('"value": "146.90"', '"value": "."');
    expect(body).toContain('"value": "."');
    const replay = await startReplay({ ...recordedRoutes(), fred: () => ({ body }) });
    const dir = copyArchive('two-snapshots');
    try {
      const env = { ...replay.env, ...FAST_FEEDS, FRED_API_KEY: 'abc123' };
      const r = await data(dir, ['pull', '--series', 'usdjpy'], env);
      expect(r.code).toBe(0);
      expect(read(dir, 'data/series/usdjpy.csv')).toContain('2026-05-18,withdrawn,2026-05-22\n');
      const once = hashTree(join(dir, 'data'));
      const again = await data(dir, ['pull', '--series', 'usdjpy'], env);
      expect(again.stdout).toContain('0 updated, 1 unchanged');
      expect(hashTree(join(dir, 'data'))).toEqual(once);
      expect((await data(dir, ['verify'])).code).toBe(0);
    } finally {
      await replay.close();
    }
  });
});

describe('a refused import of FRED or ALFRED data leaves data/ byte-identical', () => {
  const cases: Array<[what: string, args: string[], expected: RegExp, setup?: string]> = [
    ['an ALFRED history given as --format fred', [ALFRED, '--series', 'gdp', '--format', 'fred'], /gdp-alfred\.json: this is an ALFRED \(multi-vintage\) response: use --format alfred/],
    ['a plain FRED response given as --format alfred', [FRED, '--series', 'gdp', '--format', 'alfred'], /gdp-fred\.json: this is a plain FRED response, not an ALFRED history: every row has the one real-time period 2024-10-30 to 2024-10-30/],
    [
      'a withdrawal older than the log\'s newest vintage',
      [ALFRED, '--series', 'gdp', '--format', 'alfred'],
      /vintage 1996-01-19 is before the newest vintage in data\/series\/gdp\.csv \(2026-05-21/,
      'date,value,vintage\n1946-01-01,199.7,2026-05-21\n',
    ],
  ];
  it.each(cases)('%s', async (_what, args, expected, setup) => {
    const dir = await withGdp();
    if (setup) writeFileSync(join(dir, 'data/series/gdp.csv'), setup);
    const before = hashTree(join(dir, 'data'));
    const r = await data(dir, ['import', ...args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(expected);
    expect(r.stderr).not.toContain('pull.id');
    expect(hashTree(join(dir, 'data'))).toEqual(before);
  });
});
