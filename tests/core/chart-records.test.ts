/**
 * Chart and sparkline geometry as the archive's records draw it (src/archive/chart-records.ts): the revisions
 * table is exact (every changed date, from the log's versions, even where the drawn overlay had to be
 * decimated), paths keep at most two points per pixel they are drawn on, and what repeats across
 * notes is computed once.
 */
import { describe, expect, it } from 'vitest';
import { CANVAS_WIDTH, MAX_REVISIONS, NOTE_SVG_WIDTH, chartGeometry, noteCharts, seriesChart, sparklineRecord } from '../../src/archive/chart-records.ts';
import { resolveCondition } from '../../src/core/conditions.ts';
import { day, formatDay } from '../../src/core/dates.ts';
import type { Problem } from '../../src/core/problems.ts';
import type { SeriesLog } from '../../src/core/store.ts';
import { numberMeta, prng, series, type Row } from './helpers.ts';

const START = day('2016-01-01');
const DAYS = 3653;
const NOW = START + DAYS + 30;
const SNAP = START + 2000;

/** Ten years of daily data; dates before the snapshot revised after the last date when `revise(i)`. */
function tenYears(revise: (i: number) => boolean, seed = 3): SeriesLog {
  const rand = prng(seed);
  const rows: Row[] = [];
  let v = 100;
  for (let i = 0; i < DAYS; i++) {
    v = Math.round((v + (rand() - 0.5) * 4) * 100) / 100;
    rows.push([formatDay(START + i), i === 1500 ? 900 : v]);
  }
  for (let i = 0; i < 1990; i++) if (revise(i)) rows.push([formatDay(START + i), Math.round((Number(rows[i]![1]) + 0.5) * 100) / 100, formatDay(START + DAYS)]);
  return series('long', rows, numberMeta({ name: 'Long', unit: 'index', decimals: 2 })).log;
}

const commands = (d: string) => (d.match(/[ML]/g) ?? []).length;

describe('a chart record', () => {
  it('lists every revised date exactly, though the drawn overlay is decimated', () => {
    // Every other date revised: 995 separate runs, far more than the overlay keeps at 800 px.
    const log = tenYears((i) => i % 2 === 0);
    const g = chartGeometry(log, { from: START, to: START + DAYS - 1, now: NOW, note: SNAP, snapshot: SNAP, id: 'c', svgWidth: NOTE_SVG_WIDTH });
    // The overlay keeps at most two points per pixel: only some of the revised dates (even offsets) are drawn.
    const drawnRevised = new Set(g.data.revised.x.filter((x, i) => g.data.revised.y[i] !== null && x % 2 === 0 && x < 1990));
    expect(drawnRevised.size).toBeLessThan(995);
    expect(g.revisions.rows).toHaveLength(MAX_REVISIONS);
    expect(g.revisions.rows.length + g.revisions.more).toBe(995);
    // The first rows are the oldest revised dates, with both values.
    expect(g.revisions.rows.slice(0, 3).map((r) => r.date)).toEqual([formatDay(START), formatDay(START + 2), formatDay(START + 4)]);
    for (const r of g.revisions.rows) expect(Number.parseFloat(r.now) - Number.parseFloat(r.then)).toBeCloseTo(0.5, 6);
  });

  it('draws the SVG at two points per pixel of its width, the island at two per pixel of the canvas, spike in both', () => {
    const log = tenYears(() => false);
    const g = chartGeometry(log, { from: START, to: START + DAYS - 1, now: NOW, id: 'c', svgWidth: NOTE_SVG_WIDTH });
    expect(commands(g.nowPath)).toBeLessThanOrEqual(2 * NOTE_SVG_WIDTH);
    expect(commands(g.nowPath)).toBeGreaterThan(NOTE_SVG_WIDTH);
    expect(g.data.current.x.length).toBeLessThanOrEqual(2 * CANVAS_WIDTH);
    expect(g.data.current.x.length).toBeGreaterThan(2 * NOTE_SVG_WIDTH);
    expect(g.data.current.y).toContain(900);
    // The spike is the highest point: the smallest y in the path, at the top padding.
    const ys = [...g.nowPath.matchAll(/[ML][\d.]+ ([\d.]+)/g)].map((m) => Number(m[1]));
    const pad = (g.data.yMax - g.data.yMin) * 0.06;
    expect(Math.min(...ys)).toBeCloseTo((1000 * pad) / (g.data.yMax - g.data.yMin + 2 * pad), 0);
    // No revisions, no overlay, no table of them.
    expect(g.thenPath).toBe('');
    expect(g.revisions.rows).toEqual([]);
  });

  it('shares what repeats: two notes charting the same range get the same points and path', () => {
    const log = tenYears(() => false);
    const a = chartGeometry(log, { from: START, to: START + DAYS - 1, now: NOW, note: START + 100, snapshot: START + 100, mark: 120, id: 'a', svgWidth: NOTE_SVG_WIDTH });
    const b = chartGeometry(log, { from: START, to: START + DAYS - 1, now: NOW, note: START + 900, snapshot: START + 900, mark: 120, id: 'b', svgWidth: NOTE_SVG_WIDTH });
    expect(b.data.current.x).toBe(a.data.current.x);
    expect(b.data.current.y).toBe(a.data.current.y);
    expect(b.table).toBe(a.table);
    expect(b.nowPath).toBe(a.nowPath);
    // What differs per note is its own.
    expect(b.note).not.toEqual(a.note);
    expect(b.legend.note).toBe(`The note's date (${displayOf(START + 900)})`);
  });

  it('reports a note chart whose range is empty, and leaves out charts of unknown or status series', () => {
    const log = tenYears(() => false);
    const logs = new Map([[log.id, log]]);
    const problems: Problem[] = [];
    const position = { line: 9, column: 1 };
    const out = noteCharts('content/notes/x.mdx', [
      { index: 0, position, valid: true, props: { series: 'long', from: '2020-01-01', to: '2019-01-01' } },
      { index: 1, position, valid: true, props: { series: 'nope' } },
      { index: 2, position, valid: true, props: { series: 'long', from: '2020-01-01', mark: 1 } },
      // Props that failed their schema were reported by the parser: never drawn.
      { index: 3, position, valid: false, props: { series: 'long', from: 'soon' } },
    ], logs, START + 2000, START + 2000, NOW, problems);
    expect(out.map((c) => [c.index, c.id, c.geometry.data.from, c.geometry.mark?.text])).toEqual([[2, 'chart-3', '2020-01-01', 'threshold 1.00 index']]);
    // The drawing is made when read and not kept: each read is a new object with the same content.
    expect(out[0]!.geometry).not.toBe(out[0]!.geometry);
    expect(out[0]!.geometry).toEqual(out[0]!.geometry);
    expect(problems).toEqual([{ file: 'content/notes/x.mdx', line: 9, column: 1, field: 'from', message: '<SeriesChart> from 2020-01-01 is after to 2019-01-01', hint: 'Swap them, or leave one out' }]);
  });

  it('outside a note draws the whole history by default', () => {
    const log = tenYears(() => false);
    const g = seriesChart(log, {}, NOW);
    expect([g.data.from, g.data.note, g.data.snapshot, g.id, g.note]).toEqual([formatDay(START), null, null, 'chart-long', null]);
    expect(() => seriesChart(log, { from: '2020-01-02', to: '2020-01-01' }, NOW)).toThrow(/from 2020-01-02 is after to 2020-01-01/);
  });
});

const displayOf = (d: number) => {
  const iso = formatDay(d);
  return `${Number(iso.slice(8))} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
};

describe('a sparkline record', () => {
  const log = tenYears(() => false);
  const logs = new Map([[log.id, log]]);
  const condition = (props: Record<string, unknown>) => {
    const r = resolveCondition({ series: 'long', ...props } as never, (id) => logs.get(id)?.meta);
    if ('problems' in r) throw new Error(JSON.stringify(r.problems));
    return r.condition;
  };

  it('marks the note date and the threshold inside its box, with at most two points per bucket', () => {
    const D = START + 3000;
    const s = sparklineRecord(logs, { series: 'long', condition: condition({ above: 100 }), reference: null }, D, NOW).draw();
    expect([s.width, s.height, s.pad]).toEqual([160, 40, 3]);
    // The window starts a third of the time since the note before it (1 to 12 months).
    const from = D - Math.min(365, Math.max(30, Math.round((NOW - D) / 3)));
    expect(s.noteX).toBeCloseTo(3 + ((D - from) * 154) / (NOW - from), 9);
    expect(s.threshold).not.toBeNull();
    expect(s.threshold!).toBeGreaterThan(0);
    expect(s.threshold!).toBeLessThan(40);
    // M plus H/V pairs: at most 2 points per each of 60 buckets, plus the carried-in and held-to-end points.
    const points = (s.line.match(/[MH]/g) ?? []).length;
    expect(points).toBeLessThanOrEqual(2 * 60 + 2);
    expect(points).toBeGreaterThan(60);
    expect(s.last!.x).toBe(157);
    expect(s.other).toBe('');
    expect(s.alt).toContain('threshold 100.00 index');
    expect(s.alt).toContain(`the note's date, ${displayOf(D)}, is marked`);
  });

  it('has a reference line for a then test and none for a trend', () => {
    const D = START + 3000;
    expect(sparklineRecord(logs, { series: 'long', condition: condition({ above: 'then' }), reference: 105 }, D, NOW).draw().alt).toContain("reference 105.00 index (its value on the note's date)");
    const trend = sparklineRecord(logs, { series: 'long', condition: condition({ trend: 'rising', over: '4w' }), reference: null }, D, NOW).draw();
    expect(trend.threshold).toBeNull();
  });
});
