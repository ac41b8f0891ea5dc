/** `npm run new`: the note it writes, the snapshot it pins, and what it refuses. */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadArchive } from '../../src/archive/load-archive.ts';
import { parseNoteSource } from '../../src/notes/parse-note.ts';
import { noteSource } from '../../src/cli/note-template.ts';
import { copyArchive, data, hashTree, newNote, read, removeTemps } from './helpers.ts';

afterAll(removeTemps);

describe('new writes a note that builds', () => {
  it('pins the newest snapshot on or before today, with the sections and a Watch on a real series', async () => {
    const dir = copyArchive('two-snapshots');
    const r = await newNote(dir, ['Funding stress, again?', '--tags', 'rates,funding']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const file = 'content/notes/2026-05-22-funding-stress-again.mdx';
    expect(r.stdout).toContain(`wrote ${file} (reads snapshot 2026-05-20)`);
    const source = read(dir, file);
    const note = parseNoteSource(file, source);
    expect(note.problems).toEqual([]);
    expect(note.frontmatter).toMatchObject({ title: 'Funding stress, again?', date: '2026-05-22', tags: ['rates', 'funding'], snapshot: '2026-05-20' });
    expect(note.frontmatter!.summary).toMatch(/^TODO/);
    const headings = source.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual(['## Scope', '## What Changed', '## What Did Not Change', '## What to Watch', '## The Synthesis']);
    expect(source.indexOf('<WatchSummary />')).toBeLessThan(source.indexOf('## Scope'));
    expect(note.watches).toHaveLength(1);
    // A daily number series the snapshot seals, the first by id.
    expect(note.watches[0]!.props).toEqual({ series: 'move', above: 'then' });
    expect(note.watches[0]!.label).toBe('MOVE index above its level on 2026-05-22');

    // The whole archive, this note included, loads and evaluates as the build would.
    const archive = loadArchive({ root: dir });
    expect(JSON.stringify(archive)).toContain('2026-05-22-funding-stress-again');
  });

  it('keeps a title with quotes, colons and a hash intact in the frontmatter', async () => {
    const dir = copyArchive('two-snapshots');
    const title = 'The "carry" trade: 2.0 # or not';
    expect((await newNote(dir, [title])).code).toBe(0);
    const file = 'content/notes/2026-05-22-the-carry-trade-2-0-or-not.mdx';
    expect(parseNoteSource(file, read(dir, file)).frontmatter!.title).toBe(title);
  });

  it('takes --date and --snapshot, and reads the snapshot asked for', async () => {
    const dir = copyArchive('two-snapshots');
    const r = await newNote(dir, ['Early May', '--date', '2026-05-15', '--snapshot', '2026-05-01']);
    expect(r.code).toBe(0);
    const source = read(dir, 'content/notes/2026-05-15-early-may.mdx');
    expect(source).toContain('date: 2026-05-15\n');
    expect(source).toContain('snapshot: 2026-05-01\n');
    // Snapshot 2026-05-01 seals only clarity-act, move, usdjpy and ust10-auction: the example uses one of those.
    expect(parseNoteSource('content/notes/2026-05-15-early-may.mdx', source).watches[0]!.props.series).toBe('move');
  });

  it('uses a status series when the snapshot seals no number series', async () => {
    const dir = copyArchive('no-snapshots');
    writeFileSync(join(dir, 'data/series/bill.yaml'), 'name: Bill\nunit: stage\nfrequency: irregular\nkind: status\nstates: [introduced, passed]\nsource: test\n');
    writeFileSync(join(dir, 'data/series/bill.csv'), 'date,value,vintage\n2026-05-01,introduced,2026-05-01\n');
    expect((await data(dir, ['seal', '--date', '2026-05-02'])).code).toBe(0);
    const r = await newNote(dir, ['Only the bill', '--date', '2026-05-03']);
    expect(r.code).toBe(0);
    const file = 'content/notes/2026-05-03-only-the-bill.mdx';
    const w = parseNoteSource(file, read(dir, file)).watches[0]!;
    expect(w.props).toEqual({ series: 'bill', equals: 'introduced' });
    expect(w.label).toBe('Bill is introduced');
    expect(() => loadArchive({ root: dir })).not.toThrow();
  });

  it('writes valid MDX with no example when the snapshot seals no series', () => {
    const source = noteSource({ title: 'Empty', date: '2026-05-22', tags: [], snapshot: '2026-05-20' });
    const note = parseNoteSource('content/notes/2026-05-22-empty.mdx', source);
    expect(note.problems).toEqual([]);
    expect(note.watches).toEqual([]);
    expect(source).toContain('No series is sealed in snapshot 2026-05-20 yet');
  });

  it('makes a file name from any title, and takes --slug', async () => {
    const dir = copyArchive('two-snapshots');
    expect((await newNote(dir, ["Yen & the Carry Trade: Déjà Vu, Isn't It"])).code).toBe(0);
    expect((await newNote(dir, ['¿Qué?', '--slug', 'que'])).code).toBe(0);
    expect(readdirSync(join(dir, 'content/notes')).filter((f) => f.endsWith('.mdx')).sort()).toEqual([
      '2026-05-22-que.mdx',
      '2026-05-22-yen-and-the-carry-trade-deja-vu-isnt-it.mdx',
    ]);
  });
});

describe('new refuses, and leaves content/ and data/ as they were', () => {
  const cases: Array<[what: string, archive: string, args: string[], expected: RegExp, code?: number]> = [
    ['an existing note', 'two-snapshots', ['Twice'], /content\/notes\/2026-05-22-twice\.mdx already exists; it is left as it was/],
    ['a date with no snapshot on or before it', 'two-snapshots', ['Too early', '--date', '2026-04-30'], /no snapshot on or before the note's date 2026-04-30[\s\S]*npm run data -- seal/],
    ['an archive with no snapshot at all', 'no-snapshots', ['First note'], /no snapshot on or before the note's date 2026-05-22/],
    ['a snapshot after the date', 'two-snapshots', ['Peek ahead', '--date', '2026-05-10', '--snapshot', '2026-05-20'], /snapshot 2026-05-20 is after the note's date 2026-05-10/],
    ['a snapshot that does not exist', 'two-snapshots', ['Missing', '--snapshot', '2026-05-02'], /snapshot 2026-05-02 does not exist/],
    ['a date that does not exist', 'two-snapshots', ['Leap', '--date', '2026-02-29'], /--date "2026-02-29" is not a calendar date/, 2],
    ['tags that are not kebab-case', 'two-snapshots', ['Tagged', '--tags', 'Rates,fx'], /tags\.0: tags are kebab-case/, 2],
    ['a title with no letters or digits', 'two-snapshots', ['???'], /cannot make a file name from the title "\?\?\?"; give one with --slug/, 2],
    ['a bad slug', 'two-snapshots', ['Fine', '--slug', 'Not_OK'], /--slug "Not_OK" must be lower-case words joined by dashes/, 2],
    ['no title', 'two-snapshots', [], /the note needs a title/, 2],
    ['an unquoted title', 'two-snapshots', ['Two', 'words'], /expected one title, got 2 words; put the title in quotes/, 2],
    ['data with errors', 'broken', ['Anything'], /data\/ has 7 errors; fix them first/],
  ];

  it.each(cases)('%s', async (_what, archive, args, expected, code = 1) => {
    const dir = copyArchive(archive);
    if (args[0] === 'Twice') expect((await newNote(dir, ['Twice'])).code).toBe(0);
    const before = hashTree(dir);
    const r = await newNote(dir, args);
    expect(r.stderr).toMatch(expected);
    expect(r.code).toBe(code);
    expect(hashTree(dir)).toEqual(before);
  });

  it('--help prints the usage and exits 0', async () => {
    const dir = copyArchive('two-snapshots');
    const r = await newNote(dir, ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: npm run new -- "Title"');
  });

  it('the date defaults to today as ASOF_TODAY sets it', async () => {
    const dir = copyArchive('two-snapshots');
    const r = await newNote(dir, ['Clock'], { ASOF_TODAY: '2026-05-21' });
    expect(r.code).toBe(0);
    expect(read(dir, 'content/notes/2026-05-21-clock.mdx')).toContain('date: 2026-05-21\n');
  });
});
