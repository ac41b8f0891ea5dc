/** A reconstructed snapshot: the same seal as any other, one flag beside its date, checked alike. */
import { describe, expect, it } from 'vitest';
import { loadDataSet, parseSnapshot } from '../../src/core/dataset.ts';
import { day } from '../../src/core/dates.ts';
import { errorsOf, formatProblem } from '../../src/core/problems.ts';
import { buildSnapshot } from '../../src/core/seal.ts';
import { series, type Row } from './helpers.ts';

const ROWS: Row[] = [
  ['2026-01-05', 4.0, '2026-01-05'],
  ['2026-01-06', 4.1, '2026-01-06'],
  ['2026-01-05', 4.05, '2026-01-08'],
  ['2026-01-08', 4.2, '2026-01-09'],
];
const rate = series('rate', ROWS);
const logs = [{ id: 'rate', bytes: rate.bytes, rows: rate.rows }];
const YAML = 'name: Rate\nunit: pct\nfrequency: daily\nsource: tests\n';

const snapshotInput = (date: string, reconstructed: boolean) => ({
  path: `data/snapshots/${date}.json`,
  name: date,
  text: JSON.stringify(buildSnapshot(day(date), logs, { reconstructed }), null, 2) + '\n',
});

describe('buildSnapshot with reconstructed', () => {
  it('seals the same rows and bytes, and adds the flag right after the date', () => {
    const plain = buildSnapshot(day('2026-01-07'), logs);
    const past = buildSnapshot(day('2026-01-07'), logs, { reconstructed: true });
    expect(past.series).toEqual(plain.series);
    expect(past.series.rate!.rows).toBe(2);
    expect(Object.keys(past)).toEqual(['date', 'reconstructed', 'series']);
    expect(past.reconstructed).toBe(true);
    expect('reconstructed' in buildSnapshot(day('2026-01-07'), logs, { reconstructed: false })).toBe(false);
  });
});

describe('snapshot files with reconstructed', () => {
  it.each([
    ['true', true],
    ['false', false],
  ])('accepts "reconstructed": %s', (_t, value) => {
    const parsed = parseSnapshot({ path: 'data/snapshots/2026-01-07.json', name: '2026-01-07', text: JSON.stringify({ date: '2026-01-07', reconstructed: value, series: {} }) });
    expect(parsed.problems).toEqual([]);
    expect(parsed.snapshot!.reconstructed).toBe(value);
  });

  it('refuses a flag that is not a boolean, naming the field', () => {
    const parsed = parseSnapshot({ path: 'data/snapshots/2026-01-07.json', name: '2026-01-07', text: '{"date": "2026-01-07", "reconstructed": "yes", "series": {}}' });
    expect(parsed.problems.map(formatProblem).join('\n')).toMatch(/^data\/snapshots\/2026-01-07\.json: reconstructed: /);
  });

  it('verifies a reconstructed snapshot between and before others like any other', () => {
    const input = {
      series: [{ id: 'rate', yamlPath: 'data/series/rate.yaml', yamlText: YAML, csvPath: 'data/series/rate.csv', csvBytes: rate.bytes }],
      snapshots: [snapshotInput('2026-01-06', false), snapshotInput('2026-01-09', false), snapshotInput('2026-01-05', true), snapshotInput('2026-01-08', true)],
    };
    const set = loadDataSet(input);
    expect(set.problems).toEqual([]);
    expect(set.snapshots).toEqual(['2026-01-05', '2026-01-06', '2026-01-08', '2026-01-09'].map(day));
    expect(set.now).toBe(day('2026-01-09'));
    expect(set.snapshotFiles.get(day('2026-01-08'))!.reconstructed).toBe(true);

    // The same tampering is caught whichever kind sealed it.
    const edited = new TextEncoder().encode(new TextDecoder().decode(rate.bytes).replace('2026-01-05,4.05,', '2026-01-05,4.06,'));
    const problems = errorsOf(loadDataSet({ ...input, series: [{ ...input.series[0]!, csvBytes: edited }] }).problems).map(formatProblem);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/Snapshot 2026-01-08 \(data\/snapshots\/2026-01-08\.json\) sealed lines 1-4, and those lines have changed since/);
    expect(problems[1]).toMatch(/Snapshot 2026-01-09 .* sealed lines 1-5, and those lines have changed since/);
  });
});
