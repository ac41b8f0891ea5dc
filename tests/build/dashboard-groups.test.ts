/**
 * The dashboard with groups, through a real build of tests/fixtures/archives/dashboard-groups (two
 * notes of the same day reading the reading fixture's data: three groups, one met already on the note's
 * date, and single conditions met then whose first met would be the next day). Checks that a group is
 * one row with its parts right under it in every sort order, that tallies count a group once and say
 * so, that "first met" follows the note pages' rule, and what the filters read.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { all, fixtureSite, hasClass, one, page, read, tag, text, attr, type Element, type WatchEntry, type WatchFile } from './helpers.ts';

let dist: string;
let json: WatchFile;
beforeAll(async () => {
  dist = await fixtureSite('dashboard-groups');
  json = JSON.parse(read(dist, 'watch.json')) as WatchFile;
}, 300_000);

const VIEWS = ['watch/index.html', 'watch/by-first-met/index.html', 'watch/by-series/index.html', 'watch/by-status/index.html'];
const hrefOf = (w: WatchEntry) => `/notes/${w.note}/#${w.id}`;
const rowsOf = (file: string) => all(one(page(dist, file), tag('tbody')), tag('tr'));
const labelHref = (tr: Element) => attr(one(one(tr, hasClass('label')), tag('a')), 'href')!;
const entry = (tr: Element) => json.watches.find((w) => hrefOf(w) === labelHref(tr))!;
const shown = (w: WatchEntry) => (w.then.status === 'met' ? null : w.firstMetAfterNote);
const partsOf = (g: WatchEntry) => json.watches.filter((w) => w.note === g.note && w.group === g.id);
const seriesOf = (w: WatchEntry): string[] =>
  w.kind === 'group' ? [...new Set(partsOf(w).flatMap(seriesOf))] : [w.series, ...[w.above, w.below].filter((t): t is string => typeof t === 'string' && t !== 'then')];
const tops = () => json.watches.filter((w) => w.group === undefined);

test('the fixture shows what it is named for', () => {
  const groups = json.watches.filter((w) => w.kind === 'group');
  expect(groups.map((g) => g.require).sort()).toEqual([2, 'all', 'any']);
  // First met differs from its shown value: met on the note's date, met again later (a group and a single one).
  expect(groups.some((g) => g.then.status === 'met' && g.firstMetAfterNote !== null)).toBe(true);
  expect(json.watches.some((w) => w.kind === 'watch' && w.then.status === 'met' && w.firstMetAfterNote !== null)).toBe(true);
  // A group and its parts read different series, and a part reads a second series.
  expect(groups.some((g) => new Set(partsOf(g).map((p) => p.series)).size > 1)).toBe(true);
  expect(json.watches.some((w) => w.group === undefined && typeof w.below === 'string')).toBe(true);
});

describe('dashboard with groups', () => {
  test.each(VIEWS)('%s: a group is one row, its parts right under it, named as its parts', (file) => {
    const rows = rowsOf(file);
    expect(rows.map(labelHref).sort()).toEqual(json.watches.map(hrefOf).sort());
    for (const [i, tr] of rows.entries()) {
      const w = entry(tr);
      if (w.kind === 'group') {
        expect(hasClass('group')(tr)).toBe(true);
        expect(rows.slice(i + 1, i + 1 + w.children!.length).map((r) => entry(r).id)).toEqual(w.children);
        expect(text(one(tr, hasClass('label')))).toBe(w.title);
        expect(text(one(tr, hasClass('test')))).toMatch(w.require === 'all' ? /^Group: all of 2 parts met$/ : w.require === 'any' ? /^Group: any of 2 parts met$/ : /^Group: at least 2 of 2 parts met$/);
        // No values: a group has statuses only.
        for (const side of ['then', 'now']) expect(all(one(tr, hasClass(side)), hasClass('value'))).toEqual([]);
      } else if (w.group !== undefined) {
        expect(hasClass('part')(tr)).toBe(true);
        const group = json.watches.find((g) => g.note === w.note && g.id === w.group)!;
        expect(text(one(tr, hasClass('part-of')))).toBe(`part of ${group.title}`);
      } else {
        expect(attr(tr, 'class')).toBeUndefined();
      }
      expect(attr(tr, 'data-now-status')).toBe(w.now.status);
      expect(attr(tr, 'data-then-status')).toBe(w.then.status);
      // The series filter reads every series a row reads; a group's are its parts'.
      expect(attr(tr, 'data-series')!.split(' ').sort()).toEqual(seriesOf(w).sort());
      // First met: the note pages' one rule (none when already met on the note's date).
      expect(all(one(tr, hasClass('first')), tag('time')).map((t) => attr(t, 'datetime'))).toEqual(shown(w) ? [shown(w)] : []);
    }
  });

  test('the sorted views order groups by their own key and keep the parts with them', () => {
    const top = (file: string) => rowsOf(file).filter((tr) => !hasClass('part')(tr));
    expect(top('watch/index.html').map(entry)).toEqual(tops());
    const first = top('watch/by-first-met/index.html').map((tr) => shown(entry(tr)));
    const met = first.filter((f) => f !== null);
    expect(first).toEqual([...met.sort().reverse(), ...first.filter((f) => f === null)]);
    // The group met on its note's date sorts with the never met, after every shown first-met day.
    expect(first.at(-1)).toBeNull();
    const names = top('watch/by-series/index.html').map((tr) => text(all(one(tr, hasClass('series')), tag('a'))[0]!).toLowerCase());
    expect(names).toEqual([...names].sort());
    const rank = ['met', 'not-met', 'no-data', 'baseline'];
    const statuses = top('watch/by-status/index.html').map((tr) => rank.indexOf(entry(tr).now.status) * 10 + rank.indexOf(entry(tr).then.status));
    expect(statuses).toEqual([...statuses].sort((a, b) => a - b));
  });

  test('tallies count a group once and its conditions as its parts, and say so', () => {
    const t = tops();
    const groups = t.filter((w) => w.kind === 'group').length;
    const parts = json.watches.length - t.length;
    const lede = text(one(page(dist, 'watch/index.html'), hasClass('lede')));
    expect(lede).toContain(`${t.length} conditions: ${t.filter((w) => w.then.status === 'met').length} met then, ${t.filter((w) => w.now.status === 'met').length} met now.`);
    expect(lede).toContain(`A group of conditions counts once (${groups} groups here); its ${parts} parts are listed under it.`);
    expect(text(one(page(dist, 'watch/index.html'), hasClass('shown')))).toBe(`Showing of ${json.watches.length} rows (${t.length} conditions and ${parts} parts of groups).`);
    const intro = text(one(page(dist, 'index.html'), hasClass('intro')));
    expect(intro).toContain(`2 notes watch ${t.length} conditions`);
    expect(intro).toContain(`(a group of conditions counts once: ${groups} groups, ${parts} parts)`);
    // Each note's tally in the list, from its record.
    for (const li of all(page(dist, 'index.html'), (e) => e.tagName === 'li' && attr(e, 'data-note') !== undefined)) {
      const mine = t.filter((w) => w.note === attr(li, 'data-note'));
      expect(text(one(li, hasClass('note-tally')))).toBe(`${mine.filter((w) => w.then.status === 'met').length} of ${mine.length} met then · ${mine.filter((w) => w.now.status === 'met').length} met now`);
    }
  });

  test('status boxes for every status on the page, a series option for every series read, groups and parts included', () => {
    const doc = page(dist, 'watch/index.html');
    const boxes = all(doc, (e) => e.tagName === 'input' && attr(e, 'type') === 'checkbox').map((e) => attr(e, 'id'));
    const present = (side: 'then' | 'now') => [...new Set(json.watches.map((w) => w[side].status))].map((s) => `filter-${side}-${s}`);
    expect(boxes.sort()).toEqual([...present('now'), ...present('then')].sort());
    const options = all(one(doc, (e) => attr(e, 'id') === 'filter-series'), tag('option')).map((o) => attr(o, 'value'));
    expect(options.slice(1).sort()).toEqual([...new Set(json.watches.flatMap(seriesOf))].sort());
  });

  test('a small archive has one set of views and no period pages', () => {
    const files = VIEWS.map((f) => read(dist, f));
    expect(files.every((f) => f.length > 0)).toBe(true);
    expect(all(page(dist, 'watch/index.html'), (e) => e.tagName === 'nav' && attr(e, 'aria-label') === 'Periods')).toEqual([]);
  });
});
