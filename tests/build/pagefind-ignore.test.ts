/**
 * Search excerpts are the note's words, not the page's controls: the hidden "Link to this condition"
 * text of each Watch row's # link must stay out of pagefind's index, and so must what the build
 * computed (each row's then/now values and dates, the timeline's lanes and table), which would match
 * every date query on every note; the conditions' labels stay searchable. Checked on the built sample, in
 * the HTML (every .watch-link carries data-pagefind-ignore) and in what pagefind stored (its gzipped
 * fragment files, which hold each page's indexed text).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, expect, test } from 'vitest';
import { sampleSite } from '../helpers/shared-build.ts';
import { all, attr, hasClass, listFiles, page } from './helpers.ts';

let dist: string;
beforeAll(async () => {
  dist = await sampleSite();
}, 300_000);

test('every Watch row link is left out of the search index', () => {
  const notes = listFiles(dist).filter((f) => /^notes\/[^/]+\/index\.html$/.test(f));
  let links = 0;
  for (const file of notes) {
    for (const a of all(page(dist, file), hasClass('watch-link'))) {
      links++;
      expect(attr(a, 'data-pagefind-ignore'), `${file}: ${attr(a, 'href')}`).toBeDefined();
    }
  }
  expect(links).toBeGreaterThan(10);
});

test("no search fragment holds the link's hidden text", () => {
  const fragments = listFiles(join(dist, 'pagefind')).filter((f) => f.endsWith('.pf_fragment'));
  expect(fragments.length).toBeGreaterThan(0);
  const texts = fragments.map((f) => gunzipSync(readFileSync(join(dist, 'pagefind', f))).toString('utf8'));
  // The fragments hold the notes' text (a sanity check that they were read right).
  expect(texts.some((t) => t.includes('"content":'))).toBe(true);
  for (const [i, t] of texts.entries()) expect(t.includes('Link to this condition'), fragments[i]).toBe(false);
});

test("the rows' computed sides and the timeline are left out; the conditions' labels are in", () => {
  const notes = listFiles(dist).filter((f) => /^notes\/[^/]+\/index\.html$/.test(f));
  let sides = 0;
  let timelines = 0;
  for (const file of notes) {
    const doc = page(dist, file);
    for (const dl of all(doc, hasClass('watch-sides'))) {
      sides++;
      expect(attr(dl, 'data-pagefind-ignore'), file).toBeDefined();
    }
    for (const s of all(doc, hasClass('watch-timeline'))) {
      timelines++;
      expect(attr(s, 'data-pagefind-ignore'), file).toBeDefined();
    }
  }
  expect(sides).toBeGreaterThan(10);
  expect(timelines).toBeGreaterThan(3);
  const texts = listFiles(join(dist, 'pagefind'))
    .filter((f) => f.endsWith('.pf_fragment'))
    .map((f) => gunzipSync(readFileSync(join(dist, 'pagefind', f))).toString('utf8'));
  expect(texts.some((t) => t.includes('The conditions over time'))).toBe(false);
  expect(texts.some((t) => t.includes('no newer snapshot since this note'))).toBe(false);
  // A label of the sample's first note is still found.
  expect(texts.some((t) => t.includes('with no disorderly yen squeeze'))).toBe(true);
});
