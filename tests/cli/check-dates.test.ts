/** `npm run check` (its archive half, src/archive/check.ts) refuses a note dated after today. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { futureNotes } from '../../src/archive/check.ts';
import { day } from '../../src/core/dates.ts';
import { copyArchive, newNote, read, removeTemps, REPO, run } from './helpers.ts';

afterAll(removeTemps);

const CHECK = join(REPO, 'src/archive/check.ts');

/** The fixture archive with one note dated `date` reading snapshot 2026-05-20 (written by `new`, then re-dated). */
async function archiveWithNote(date: string): Promise<{ dir: string; file: string }> {
  const dir = copyArchive('two-snapshots');
  expect((await newNote(dir, ['Dated', '--date', '2026-05-20'])).code).toBe(0);
  const file = `content/notes/${date}-dated.mdx`;
  writeFileSync(join(dir, file), read(dir, 'content/notes/2026-05-20-dated.mdx').replace('date: 2026-05-20\n', `date: ${date}\n`));
  return { dir, file };
}

describe('npm run check and the note date', () => {
  it('refuses a note dated after today, naming the file, the line and the field', async () => {
    const { dir } = await archiveWithNote('2027-01-15');
    const r = await run(CHECK, [], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: content/notes/2027-01-15-dated.mdx:3: date: 2027-01-15 is after today (2026-05-22).');
    expect(r.stderr).toMatch(/asof check: 1 error\(s\)/);
  });

  it('passes the same archive when today (ASOF_TODAY) has reached the note', async () => {
    const { dir } = await archiveWithNote('2026-05-22');
    const r = await run(CHECK, [], dir);
    expect(r.stderr).not.toMatch(/^error/m);
    expect(r.code).toBe(0);
    const later = await archiveWithNote('2027-01-15');
    expect((await run(CHECK, [], later.dir, { ASOF_TODAY: '2027-01-15' })).code).toBe(0);
  });

  it('lists a future note beside the archive\'s other errors', async () => {
    const { dir } = await archiveWithNote('2027-01-15');
    writeFileSync(join(dir, 'content/notes/2026-05-21-other.mdx'), '---\ntitle: Other\ndate: 2026-05-21\nsummary: x\nsnapshot: 2026-05-02\n---\n');
    const r = await run(CHECK, [], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('content/notes/2027-01-15-dated.mdx:3: date: 2027-01-15 is after today');
    expect(r.stderr).toMatch(/content\/notes\/2026-05-21-other\.mdx.*snapshot 2026-05-02 does not exist/);
  });

  it('refuses a malformed ASOF_TODAY', async () => {
    const { dir } = await archiveWithNote('2026-05-20');
    const r = await run(CHECK, [], dir, { ASOF_TODAY: '2026-13-01' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ASOF_TODAY="2026-13-01" is not a calendar date');
  });

  it('futureNotes reads the frontmatter date, quoted or with a comment, else the file name', async () => {
    const dir = copyArchive('two-snapshots');
    const put = (name: string, text: string) => writeFileSync(join(dir, 'content/notes', name), text);
    put('2026-05-20-a.mdx', '---\ntitle: A\ndate: "2026-06-01"  # typo\n---\n');
    put('2026-06-02-b.mdx', '---\ntitle: B\n---\n');
    put('2026-05-20-c.mdx', '---\ntitle: C\ndate: 2026-05-20\n---\n');
    put('notes.txt', 'date: 2030-01-01\n');
    const problems = futureNotes(dir, day('2026-05-22'));
    expect(problems.map((p) => [p.file, p.line, p.field, p.message])).toEqual([
      ['content/notes/2026-05-20-a.mdx', 3, 'date', '2026-06-01 is after today (2026-05-22)'],
      ['content/notes/2026-06-02-b.mdx', undefined, 'date', '2026-06-02 is after today (2026-05-22)'],
    ]);
  });
});
