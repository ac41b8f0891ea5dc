/**
 * The evaluated archive from in-memory inputs: a note dated after the newest snapshot (now is its own
 * date, a warning past 7 days), a note reading a reconstructed snapshot, groups counted once in
 * tallies, and the sequence of what came true after a note.
 */
import { describe, expect, it } from 'vitest';
import { buildArchive, metSpanDates } from '../../src/archive/build-archive.ts';
import { loadDataSet } from '../../src/core/dataset.ts';
import { buildSnapshots } from '../../src/core/seal.ts';
import { day } from '../../src/core/dates.ts';
import { parseNoteSource } from '../../src/notes/parse-note.ts';
import { csvText, enc } from '../core/helpers.ts';

const RATE = csvText([
  ['2026-03-02', 4.1, '2026-03-02'],
  ['2026-03-04', 4.6, '2026-03-04'],
  ['2026-03-09', 4.2, '2026-03-09'],
  ['2026-03-11', 4.8, '2026-03-11'],
]);
const YAML = 'name: Rate\nunit: percent\nfrequency: daily\nsource: Test\n';

function archiveOf(notes: Record<string, string>, snapshots: string[], reconstructed: string[] = []) {
  const bytes = enc(RATE);
  const seeded = loadDataSet({ series: [{ id: 'rate', yamlPath: 'data/series/rate.yaml', yamlText: YAML, csvPath: 'data/series/rate.csv', csvBytes: bytes }], snapshots: [] });
  const files = buildSnapshots(snapshots.map(day), [{ id: 'rate', bytes, rows: seeded.series.get('rate')!.rows }]);
  const data = loadDataSet({
    series: [{ id: 'rate', yamlPath: 'data/series/rate.yaml', yamlText: YAML, csvPath: 'data/series/rate.csv', csvBytes: bytes }],
    snapshots: files.map((f) => ({ path: `data/snapshots/${f.date}.json`, name: f.date, text: JSON.stringify(reconstructed.includes(f.date) ? { ...f, reconstructed: true } : f) })),
  });
  const parsed = Object.entries(notes).map(([name, body]) => parseNoteSource(`content/notes/${name}.mdx`, `---\ntitle: T\ndate: ${name.slice(0, 10)}\nsummary: S\n---\n\n${body}\n`));
  return buildArchive(data, parsed, { includeDrafts: false, defaultAuthor: 'A' });
}

describe('buildArchive', () => {
  it('a note dated after the newest snapshot: now is its own date, no newer snapshot, a warning past 7 days', () => {
    const { archive, problems } = archiveOf({ '2026-03-25-late': '<Watch series="rate" above={4.5}>Rate above 4.5</Watch>' }, ['2026-03-05', '2026-03-12']);
    const note = archive.noteById.get('2026-03-25-late')!;
    expect(note).toMatchObject({ snapshot: '2026-03-12', nowDate: '2026-03-25', hasNewerSnapshot: false });
    expect(note.watches[0]!.now).toMatchObject({ date: '2026-03-25', snapshot: '2026-03-12', status: 'met', value: 4.8 });
    expect(note.watches[0]!.then.status).toBe('met');
    expect(metSpanDates(note.watches[0]!)).toEqual([]);
    expect(problems).toContainEqual(expect.objectContaining({ file: 'content/notes/2026-03-25-late.mdx', field: 'date', severity: 'warning', message: expect.stringMatching(/13 days after the newest snapshot \(2026-03-12\)/) }));
  });

  it('no warning within 7 days', () => {
    const { problems } = archiveOf({ '2026-03-19-soon': '<Watch series="rate" above={4.5}>Rate above 4.5</Watch>' }, ['2026-03-05', '2026-03-12']);
    expect(problems.filter((p) => p.field === 'date')).toEqual([]);
  });

  it('a note reading a reconstructed snapshot says so; one reading a witnessed snapshot does not', () => {
    const { archive } = archiveOf({ '2026-03-05-early': '', '2026-03-12-later': '' }, ['2026-03-05', '2026-03-12'], ['2026-03-05']);
    expect(archive.noteById.get('2026-03-05-early')).toMatchObject({ snapshot: '2026-03-05', snapshotReconstructed: true, hasNewerSnapshot: true });
    expect(archive.noteById.get('2026-03-12-later')).toMatchObject({ snapshotReconstructed: false });
  });

  it('tallies count a group once; the sequence lists what came true after the note, in order', () => {
    const { archive } = archiveOf(
      {
        '2026-03-03-groups': [
          '<Watch series="rate" above={4.7}>Rate above 4.7</Watch>',
          '<WatchGroup title="Both" require="all">',
          '  <Watch series="rate" above={4.5}>Rate above 4.5</Watch>',
          '  <Watch series="rate" below={5}>Rate below 5</Watch>',
          '</WatchGroup>',
        ].join('\n'),
      },
      ['2026-03-02', '2026-03-12'],
    );
    const note = archive.noteById.get('2026-03-03-groups')!;
    expect(note.conditions.map((c) => [c.kind, c.id])).toEqual([
      ['watch', 'rate-above-4-7'],
      ['group', 'both'],
    ]);
    expect(note.tally).toEqual({ total: 2, metThen: 0, metNow: 2 });
    expect(note.watches.map((w) => [w.id, w.group])).toEqual([
      ['rate-above-4-7', null],
      ['rate-above-4-5', 'both'],
      ['rate-below-5', 'both'],
    ]);
    // Rate below 5 was met on the note's date (4.1), so it is not news after it.
    expect(note.metAtNote.map((m) => m.id)).toEqual(['rate-below-5']);
    expect(note.sequence).toEqual([
      { id: 'both', label: 'Both', firstMet: '2026-03-04' },
      { id: 'rate-above-4-5', label: 'Rate above 4.5', firstMet: '2026-03-04' },
      { id: 'rate-above-4-7', label: 'Rate above 4.7', firstMet: '2026-03-11' },
    ]);
    expect(archive.conditions).toHaveLength(2);
    expect(archive.watches).toHaveLength(3);
  });
});
