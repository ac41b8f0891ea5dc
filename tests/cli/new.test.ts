/** `npm run new`: the note it writes, the snapshot it pins, and what it refuses. */
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadArchive } from '../../src/archive/load-archive.ts';
import { parseNoteSource } from '../../src/notes/parse-note.ts';
import { noteSource } from '../../src/cli/note-template.ts';
import { copyArchive, data, hashTree, newNote, read, removeTemps } from './helpers.ts';

afterAll(removeTemps);

describe('new writes a note that builds', () => {
  it('pins the snapshot of its date, with the sections and a Watch on a real series', async () => {
    const dir = copyArchive('two-snapshots');
    expect((await data(dir, ['seal', '--date', '2026-05-22'])).code).toBe(0);
    const r = await newNote(dir, ['Funding stress, again?', '--tags', 'rates,funding']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const file = 'content/notes/2026-05-22-funding-stress-again.mdx';
    expect(r.stdout).toContain(`wrote ${file} (reads snapshot 2026-05-22)`);
    const source = read(dir, file);
    const note = parseNoteSource(file, source);
    expect(note.problems).toEqual([]);
    expect(note.frontmatter).toMatchObject({ title: 'Funding stress, again?', date: '2026-05-22', tags: ['rates', 'funding'], snapshot: '2026-05-22' });
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
    expect((await newNote(dir, [title, '--snapshot', '2026-05-20'])).code).toBe(0);
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
    const r = await newNote(dir, ['Only the bill', '--date', '2026-05-03', '--snapshot', '2026-05-02']);
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
    expect((await newNote(dir, ["Yen & the Carry Trade: Déjà Vu, Isn't It", '--seal'])).code).toBe(0);
    expect((await newNote(dir, ['¿Qué?', '--slug', 'que'])).code).toBe(0);
    expect(readdirSync(join(dir, 'content/notes')).filter((f) => f.endsWith('.mdx')).sort()).toEqual([
      '2026-05-22-que.mdx',
      '2026-05-22-yen-and-the-carry-trade-deja-vu-isnt-it.mdx',
    ]);
  });
});

describe('new refuses, and leaves content/ and data/ as they were', () => {
  const cases: Array<[what: string, archive: string, args: string[], expected: RegExp, code?: number]> = [
    ['an existing note', 'two-snapshots', ['Twice', '--snapshot', '2026-05-20'], /content\/notes\/2026-05-22-twice\.mdx already exists; it is left as it was/],
    ['an existing note, with --seal', 'two-snapshots', ['Twice', '--seal'], /content\/notes\/2026-05-22-twice\.mdx already exists; it is left as it was/],
    ['a date with no snapshot on or before it', 'two-snapshots', ['Too early', '--date', '2026-04-30'], /there is no snapshot for 2026-04-30, the note's date; nothing was written[\s\S]*npm run data -- seal --date 2026-04-30/],
    ['an archive with no snapshot at all', 'no-snapshots', ['First note'], /there is no snapshot for 2026-05-22, the note's date; nothing was written/],
    ['a date after today', 'two-snapshots', ['Tomorrow', '--date', '2026-05-23', '--snapshot', '2026-05-20'], /refusing to write content\/notes\/2026-05-23-tomorrow\.mdx: its field date, 2026-05-23 \(--date\), is after today \(2026-05-22\)/],
    ['a date after today, with --seal', 'two-snapshots', ['Tomorrow', '--date', '2027-01-15', '--seal'], /refusing to write content\/notes\/2027-01-15-tomorrow\.mdx: its field date, 2027-01-15 \(--date\), is after today \(2026-05-22\)/],
    ['--seal with nothing known by the date', 'two-snapshots', ['Too early', '--date', '2026-04-01', '--seal'], /nothing has a vintage on or before 2026-04-01, so there is nothing to seal/],
    ['--seal together with --snapshot', 'two-snapshots', ['Both', '--seal', '--snapshot', '2026-05-20'], /--seal seals the note's own date; it cannot be combined with --snapshot/, 2],
    ['--seal on data with errors', 'broken', ['Anything', '--seal'], /data\/ has 7 errors; fix them first/],
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
    if (args[0] === 'Twice') expect((await newNote(dir, ['Twice', '--snapshot', '2026-05-20'])).code).toBe(0);
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
    const r = await newNote(dir, ['Clock', '--seal'], { ASOF_TODAY: '2026-05-21' });
    expect(r.code).toBe(0);
    expect(read(dir, 'content/notes/2026-05-21-clock.mdx')).toContain('date: 2026-05-21\nsummary');
    expect(read(dir, 'content/notes/2026-05-21-clock.mdx')).toContain('snapshot: 2026-05-21\n');
  });
});

describe('new reads the snapshot of its own date', () => {
  it('without one, prints the exact commands, and running them in order writes the note', async () => {
    const dir = copyArchive('two-snapshots');
    const before = hashTree(dir);
    const r = await newNote(dir, ['Carry unwinds', '--tags', 'fx']);
    expect(r.code).toBe(1);
    expect(hashTree(dir)).toEqual(before);
    expect(r.stderr).toContain("there is no snapshot for 2026-05-22, the note's date (the newest before it is 2026-05-20); nothing was written");
    const commands = r.stderr.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('npm run '));
    expect(commands).toEqual([
      'npm run data -- pull        (or `import` / `record` what has no feed)',
      'npm run data -- seal --date 2026-05-22',
      "npm run new -- 'Carry unwinds' --tags fx",
      "npm run new -- 'Carry unwinds' --tags fx --seal",
      "npm run new -- 'Carry unwinds' --tags fx --snapshot 2026-05-20",
    ]);
    expect((await data(dir, ['seal', '--date', '2026-05-22'])).code).toBe(0);
    const again = await newNote(dir, ['Carry unwinds', '--tags', 'fx']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('wrote content/notes/2026-05-22-carry-unwinds.mdx (reads snapshot 2026-05-22)');
  });

  it('quotes a title in the printed commands so a shell reads it back unchanged', async () => {
    const dir = copyArchive('two-snapshots');
    const title = `Yen's "carry" $HOME & co`;
    const r = await newNote(dir, [title]);
    const line = r.stderr.split('\n').map((l) => l.trim()).find((l) => l.startsWith('npm run new -- ') && l.endsWith(' --seal'))!;
    const words = line.slice('npm run new -- '.length, -' --seal'.length);
    expect(execFileSync('sh', ['-c', `printf '%s' ${words}`], { encoding: 'utf8' })).toBe(title);
  });

  it('--seal seals the note\'s date first, then writes the note pinned to it', async () => {
    const dir = copyArchive('two-snapshots');
    expect((await data(dir, ['record', 'move', '2026-05-22', '136.8'])).code).toBe(0);
    const r = await newNote(dir, ['After the print', '--seal']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      'sealed data/snapshots/2026-05-22.json: 9 series, 39 rows',
      'wrote content/notes/2026-05-22-after-the-print.mdx (reads snapshot 2026-05-22)',
    ]);
    const snap = JSON.parse(read(dir, 'data/snapshots/2026-05-22.json')) as { date: string; reconstructed?: boolean; series: Record<string, { rows: number }> };
    expect(snap.series.move!.rows).toBe(6);
    expect(snap.reconstructed).toBeUndefined();
    expect((await data(dir, ['verify'])).stdout).toContain('3 snapshots (newest 2026-05-22): 0 errors, 0 warnings');
    const archive = loadArchive({ root: dir });
    expect(archive.notes.find((n) => n.id === '2026-05-22-after-the-print')!.snapshot).toBe('2026-05-22');
  });

  it('--seal on a past date writes a reconstructed snapshot and the note reads it', async () => {
    const dir = copyArchive('two-snapshots');
    const r = await newNote(dir, ['Mid May', '--date', '2026-05-12', '--seal']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('sealed data/snapshots/2026-05-12.json (reconstructed: snapshot 2026-05-20 already existed');
    expect(JSON.parse(read(dir, 'data/snapshots/2026-05-12.json')).reconstructed).toBe(true);
    expect(read(dir, 'content/notes/2026-05-12-mid-may.mdx')).toContain('snapshot: 2026-05-12\n');
    expect(loadArchive({ root: dir }).notes[0]!.snapshot).toBe('2026-05-12');
  });

  it('--seal with a snapshot already on the date writes only the note', async () => {
    const dir = copyArchive('two-snapshots');
    const data0 = hashTree(join(dir, 'data'));
    const r = await newNote(dir, ['On the day', '--date', '2026-05-20', '--seal']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('snapshot 2026-05-20 already exists; the note reads it (nothing sealed)');
    expect(hashTree(join(dir, 'data'))).toEqual(data0);
    expect(read(dir, 'content/notes/2026-05-20-on-the-day.mdx')).toContain('snapshot: 2026-05-20\n');
  });

  it('--seal takes the snapshot back when the note cannot be written: data/ and content/ stay byte-identical', async () => {
    const dir = copyArchive('two-snapshots');
    // content/notes is a file, so the note cannot be written after the seal was.
    rmSync(join(dir, 'content/notes'), { recursive: true });
    writeFileSync(join(dir, 'content/notes'), 'not a folder\n');
    const before = hashTree(dir);
    const r = await newNote(dir, ['Blocked', '--seal']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*(EEXIST|ENOTDIR).*content\/notes/);
    expect(hashTree(dir)).toEqual(before);
    expect(readdirSync(join(dir, 'data/snapshots')).sort()).toEqual(['2026-05-01.json', '2026-05-20.json']);
  });
});
