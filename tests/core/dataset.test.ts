import { describe, expect, it } from 'vitest';
import { loadDataSet, type DataInput, type SeriesFiles, type SnapshotInput } from '../../src/core/dataset.ts';
import { day } from '../../src/core/dates.ts';
import { parseObservationLog } from '../../src/core/observation-log.ts';
import { errorsOf, formatProblem, warningsOf } from '../../src/core/problems.ts';
import { buildSnapshot } from '../../src/core/seal.ts';
import { resolveCondition } from '../../src/core/conditions.ts';
import { watchPropsSchema } from '../../src/core/schema.ts';
import { thenNow } from '../../src/core/then-now.ts';
import { csvText, enc, numberMeta, type Row } from './helpers.ts';

const YAML = 'name: Test\nunit: pct\nfrequency: daily\nsource: tests\n';

interface Spec {
  yaml?: string;
  csv?: string | Uint8Array;
}

function seriesFiles(specs: Record<string, Spec>): SeriesFiles[] {
  return Object.entries(specs).map(([id, s]) => ({
    id,
    yamlPath: `data/series/${id}.yaml`,
    csvPath: `data/series/${id}.csv`,
    ...(s.yaml !== undefined ? { yamlText: s.yaml } : {}),
    ...(s.csv !== undefined ? { csvBytes: typeof s.csv === 'string' ? enc(s.csv) : s.csv } : {}),
  }));
}

/** Snapshot files sealing `specs` as they are now, on each date. */
function seal(specs: Record<string, Spec>, dates: string[]): SnapshotInput[] {
  const logs = Object.entries(specs).map(([id, s]) => {
    const bytes = typeof s.csv === 'string' ? enc(s.csv) : s.csv!;
    return { id, bytes, rows: parseObservationLog(id, bytes, numberMeta()).rows };
  });
  return dates.map((date) => ({ path: `data/snapshots/${date}.json`, name: date, text: JSON.stringify(buildSnapshot(day(date), logs)) + '\n' }));
}

const RATE: Row[] = [
  ['2026-01-05', 4.1],
  ['2026-01-06', 4.2],
  ['2026-01-05', 4.3, '2026-01-08'],
  ['2026-01-09', 4.4],
];
const FX: Row[] = [
  ['2026-01-07', 150],
  ['2026-01-08', 151],
];
const good = { rate: { yaml: YAML, csv: csvText(RATE) }, fx: { yaml: YAML, csv: csvText(FX) } };

describe('loadDataSet', () => {
  it('loads and verifies a clean data set; now is the newest snapshot', () => {
    const input: DataInput = { series: seriesFiles(good), snapshots: seal(good, ['2026-01-09', '2026-01-06', '2026-01-07']) };
    const ds = loadDataSet(input);
    expect(ds.problems).toEqual([]);
    expect(ds.snapshots).toEqual(['2026-01-06', '2026-01-07', '2026-01-09'].map(day));
    expect(ds.now).toBe(day('2026-01-09'));
    expect([...ds.logs.keys()].sort()).toEqual(['fx', 'rate']);
    expect(ds.logs.get('rate')!.rowCount).toBe(4);
    expect(ds.snapshotFiles.get(day('2026-01-06'))!.series).not.toHaveProperty('fx');
    expect(ds.series.get('fx')!.csvPath).toBe('data/series/fx.csv');
  });

  it('a revision appended after the newest snapshot is a warning and left out of now', () => {
    const snaps = seal(good, ['2026-01-09']);
    const grown = { ...good, rate: { yaml: YAML, csv: csvText([...RATE, ['2026-01-09', 4.6, '2026-01-12'], ['2026-01-12', 4.7, '2026-01-12']]) } };
    const ds = loadDataSet({ series: seriesFiles(grown), snapshots: snaps });
    expect(errorsOf(ds.problems)).toEqual([]);
    expect(warningsOf(ds.problems)).toEqual([
      expect.objectContaining({
        file: 'data/series/rate.csv',
        line: 6,
        severity: 'warning',
        message: '2 rows of "rate" have vintages after the newest snapshot (2026-01-09) and are left out of "now"',
      }),
    ]);
    const c = resolveCondition(watchPropsSchema.parse({ series: 'rate', above: 4.5 }), (id) => ds.logs.get(id)?.meta);
    if (!('condition' in c)) throw new Error('unresolved');
    const r = thenNow(c.condition, ds.logs, day('2026-01-09'), day('2026-01-09'), ds.now!);
    expect(r.now).toMatchObject({ status: 'not-met', value: 4.4, observed: '2026-01-09' });
  });

  it('with no snapshot at all, every row is unsealed and now is undefined', () => {
    const ds = loadDataSet({ series: seriesFiles(good), snapshots: [] });
    expect(ds.now).toBeUndefined();
    expect(errorsOf(ds.problems)).toEqual([]);
    expect(warningsOf(ds.problems).map((p) => [p.file, p.line, p.message])).toEqual([
      ['data/series/fx.csv', 2, '2 rows of "fx" have vintages after the newest snapshot and are left out of "now"'],
      ['data/series/rate.csv', 2, '4 rows of "rate" have vintages after the newest snapshot and are left out of "now"'],
    ]);
  });

  it('a snapshot whose date does not match its file name is an error and is not used', () => {
    const snaps = seal(good, ['2026-01-07', '2026-01-09']);
    snaps[1] = { ...snaps[1]!, path: 'data/snapshots/2026-01-10.json', name: '2026-01-10' };
    const ds = loadDataSet({ series: seriesFiles(good), snapshots: snaps });
    expect(errorsOf(ds.problems)).toEqual([
      expect.objectContaining({ file: 'data/snapshots/2026-01-10.json', field: 'date', message: 'date 2026-01-09 does not match the file name 2026-01-10.json' }),
    ]);
    expect(ds.now).toBe(day('2026-01-07'));
  });

  it('a snapshot file not named by a date is an error', () => {
    const snaps = [{ ...seal(good, ['2026-01-07'])[0]!, path: 'data/snapshots/latest.json', name: 'latest' }];
    const ds = loadDataSet({ series: seriesFiles(good), snapshots: snaps });
    expect(errorsOf(ds.problems).map(formatProblem)).toEqual([expect.stringContaining('data/snapshots/latest.json: a snapshot file must be named <YYYY-MM-DD>.json')]);
  });

  it('a snapshot sealing a deleted series names the snapshot and the series, once per snapshot', () => {
    const snaps = seal(good, ['2026-01-07', '2026-01-09']);
    const ds = loadDataSet({ series: seriesFiles({ rate: good.rate }), snapshots: snaps });
    expect(errorsOf(ds.problems).map((p) => [p.file, p.field, p.message])).toEqual([
      ['data/snapshots/2026-01-07.json', 'series.fx', 'seals series "fx", which no longer exists'],
      ['data/snapshots/2026-01-09.json', 'series.fx', 'seals series "fx", which no longer exists'],
    ]);
  });

  it('a rewritten sealed row fails verification through the loader', () => {
    const snaps = seal(good, ['2026-01-09']);
    const edited = { ...good, fx: { yaml: YAML, csv: csvText([['2026-01-07', 149], ['2026-01-08', 151]]) } };
    const ds = loadDataSet({ series: seriesFiles(edited), snapshots: snaps });
    expect(errorsOf(ds.problems).map(formatProblem)).toEqual([
      expect.stringContaining('data/series/fx.csv:3: Snapshot 2026-01-09 (data/snapshots/2026-01-09.json) sealed lines 1-3, and those lines have changed since'),
    ]);
  });

  it('a series added after a snapshot may carry old vintages (a backfill)', () => {
    const snaps = seal({ rate: good.rate }, ['2026-01-09']);
    const ds = loadDataSet({ series: seriesFiles(good), snapshots: snaps });
    expect(errorsOf(ds.problems)).toEqual([]);
    // fx is not in the snapshot, yet its rows are all on or before now: nothing to warn about.
    expect(ds.problems).toEqual([]);
  });

  it.each([
    [{ fx: { csv: csvText(FX) } }, 'data/series/fx.csv', /has no metadata file data\/series\/fx\.yaml/],
    [{ fx: { yaml: YAML } }, 'data/series/fx.yaml', /has no observation log data\/series\/fx\.csv/],
    [{ FX: { yaml: YAML, csv: csvText(FX) } }, 'data/series/FX.yaml', /"FX" is not a valid series id/],
    [{ 'fx_1': { csv: csvText(FX) } }, 'data/series/fx_1.csv', /"fx_1" is not a valid series id/],
    [{ fx: { yaml: YAML + 'colour: red\n', csv: csvText(FX) } }, 'data/series/fx.yaml', /unknown key "colour"/],
    [{ fx: { yaml: YAML, csv: 'date,value,vintage\n2026-01-07,NaN,2026-01-07\n' } }, 'data/series/fx.csv', /value "NaN"/],
  ])('file problems: %j', (specs, file, message) => {
    const ds = loadDataSet({ series: seriesFiles(specs as Record<string, Spec>), snapshots: [] });
    const errors = errorsOf(ds.problems);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.file).toBe(file);
    expect(errors[0]!.message).toMatch(message);
    expect(ds.logs.size).toBe(0);
  });

  it('a log that fails to parse is not verified against its seals nor loaded', () => {
    const snaps = seal(good, ['2026-01-09']);
    const broken = { ...good, fx: { yaml: YAML, csv: csvText(FX).replace('\n', '\r\n') } };
    const ds = loadDataSet({ series: seriesFiles(broken), snapshots: snaps });
    expect(errorsOf(ds.problems).map(formatProblem)).toEqual([expect.stringContaining('data/series/fx.csv:1: the file has CRLF')]);
    expect(ds.logs.has('fx')).toBe(false);
    expect(ds.logs.has('rate')).toBe(true);
  });

  it('collects every problem of every file in one run', () => {
    const specs = {
      a: { yaml: YAML.replace('daily', 'hourly'), csv: csvText(FX) },
      b: { yaml: YAML, csv: 'date,value,vintage\n2026-01-07,5%,2026-01-07\n2026-01-08,1,2026-01-06\n' },
      c: { yaml: YAML },
    };
    const ds = loadDataSet({ series: seriesFiles(specs), snapshots: [{ path: 'data/snapshots/2026-01-01.json', name: '2026-01-01', text: '{' }] });
    expect(errorsOf(ds.problems).map((p) => `${p.file}:${p.line ?? ''}`)).toEqual([
      'data/snapshots/2026-01-01.json:1',
      'data/series/a.yaml:3',
      'data/series/b.csv:2',
      'data/series/b.csv:3', // date after vintage
      'data/series/b.csv:3', // and vintage earlier than the row above
      'data/series/c.yaml:',
    ]);
  });
});
