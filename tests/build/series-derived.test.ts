/**
 * Series pages of a derived series, through a real build of tests/fixtures/archives/reading, whose
 * `spread` is rate − floor (data/series/spread.yaml). The expected values are computed here from the
 * two logs by a day-by-day step function, not by the code under test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVES, all, attr, fixtureSite, hasClass, one, page, read, tag, text } from './helpers.ts';

const DATA = join(ARCHIVES, 'reading/data/series');
const NOW = '2026-03-20';
let dist: string;

beforeAll(async () => {
  dist = await fixtureSite('reading');
}, 300_000);

/** A log as known on `now`: date → latest value with vintage <= now. */
function knownOn(id: string, now: string): Map<string, number> {
  const rows = readFileSync(join(DATA, `${id}.csv`), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const out = new Map<string, { v: number; vintage: string }>();
  for (const [d, v, vintage] of rows) {
    if (vintage! > now) continue;
    const prev = out.get(d!);
    if (!prev || prev.vintage <= vintage!) out.set(d!, { v: Number(v), vintage: vintage! });
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)).map(([d, x]) => [d, x.v]));
}

/** rate − floor on every date either has, once both have a value on or before it. */
function spreadOn(now: string): [string, number][] {
  const a = knownOn('rate', now);
  const b = knownOn('floor', now);
  const step = (m: Map<string, number>, d: string) => [...m].filter(([x]) => x <= d).at(-1)?.[1];
  const dates = [...new Set([...a.keys(), ...b.keys()])].sort();
  const out: [string, number][] = [];
  for (const d of dates) {
    const x = step(a, d);
    const y = step(b, d);
    if (x !== undefined && y !== undefined) out.push([d, Number((x - y).toPrecision(12))]);
  }
  return out;
}

describe('a derived series', () => {
  it('is listed on /series/ with its recipe and inputs', () => {
    const doc = page(dist, 'series/index.html');
    const ids = all(doc, (e) => e.tagName === 'tr' && attr(e, 'data-series') !== undefined).map((r) => attr(r, 'data-series'));
    expect(ids.sort()).toEqual(['bill', 'floor', 'gap', 'rate', 'spread']);
    const row = one(doc, (e) => e.tagName === 'tr' && attr(e, 'data-series') === 'spread');
    expect(attr(row, 'data-derived')).toBe('spread');
    expect(text(row)).toContain('(derived: spread of Policy rate, Corridor floor)');
    expect(all(row, tag('a')).map((a) => attr(a, 'href'))).toEqual(['/series/spread/', '/series/rate/', '/series/floor/']);
    expect(text(one(doc, tag('caption')))).toBe('5 series, 1 of them derived from others');
    // A logged series is not marked derived.
    expect(attr(one(doc, (e) => e.tagName === 'tr' && attr(e, 'data-series') === 'rate'), 'data-derived')).toBeUndefined();
  });

  it('/series/spread.csv is date,value of the view as known now', () => {
    const expected = spreadOn(NOW);
    expect(expected.length).toBe(10);
    expect(read(dist, 'series/spread.csv')).toBe(`date,value\n${expected.map(([d, v]) => `${d},${v}`).join('\n')}\n`);
    // The revision of rate on 5 Mar (4.40 → 4.55, on 11 Mar) shows in the view as known now.
    expect(expected.find(([d]) => d === '2026-03-05')![1]).toBe(0.05);
    // Logged series keep their byte-exact log.
    expect(readFileSync(join(dist, 'series/rate.csv')).equals(readFileSync(join(DATA, 'rate.csv')))).toBe(true);
  });

  it('/series/spread/ says its recipe in words, links its inputs, and shows chart, revisions and watchers', () => {
    const doc = page(dist, 'series/spread/index.html');
    const main = one(doc, tag('main'));
    const facts = one(main, hasClass('facts'));
    const recipe = one(facts, hasClass('recipe'));
    expect(text(recipe)).toMatch(/^Spread: Policy rate − Corridor floor; one observation on every date on which any input has one/);
    expect(all(recipe, tag('a')).map((a) => attr(a, 'href'))).toEqual(['/series/rate/', '/series/floor/']);
    expect(text(facts)).toContain('Derived: policy rate minus corridor floor');
    // The chart of the derived series as known now, its table from the same view.
    const chart = one(main, hasClass('chart'));
    const json = JSON.parse(text(one(chart, (e) => e.tagName === 'script' && hasClass('chart-data')(e)))) as { series: string; current: { y: number[] } };
    expect(json.series).toBe('spread');
    expect(json.current.y).toEqual(spreadOn(NOW).map(([, v]) => v));
    // Revisions: the derived log's versions (5 Mar first -0.1, then 0.05 on 11 Mar when rate was revised).
    const rows = all(main, (e) => e.tagName === 'tr' && attr(e, 'data-date') !== undefined);
    expect(rows.map((r) => attr(r, 'data-date'))).toEqual(['2026-03-05']);
    const cells = all(rows[0]!, tag('td'));
    expect(text(cells[1]!)).toBe('−0.10% on 5 Mar 2026');
    expect(text(cells[2]!)).toBe('0.05% on 11 Mar 2026');
    // Watchers: the note's condition on the spread.
    const watchers = all(main, (e) => e.tagName === 'td' && hasClass('label')(e)).map((td) => attr(one(td, tag('a')), 'href'));
    expect(watchers).toEqual(['/notes/2026-03-05-reading-an-old-note/#rate-over-the-floor-for-three-days']);
    // The download is the view, not a log.
    const download = one(main, (e) => e.tagName === 'a' && attr(e, 'href') === '/series/spread.csv');
    expect(text(download)).toBe('Download the series as known now');
  });

  it("an input's page names the series derived from it", () => {
    const facts = one(page(dist, 'series/floor/index.html'), hasClass('facts'));
    const dd = all(facts, tag('dt')).findIndex((dt) => text(dt) === 'Derived from it');
    expect(dd).toBeGreaterThanOrEqual(0);
    expect(all(all(facts, tag('dd'))[dd]!, tag('a')).map((a) => attr(a, 'href'))).toEqual(['/series/spread/']);
  });
});
