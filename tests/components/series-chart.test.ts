/**
 * <SeriesChart>: the server SVG, the data table and the JSON the island draws from. Over the fixture
 * `watch-rows` (the policy rate of Feb 16-20 was revised up by 0.15 on 2026-04-01, after the note's
 * snapshot of 2026-03-05) and over a generated archive of ten years of daily data.
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTE_SVG_WIDTH } from '../../src/archive/chart-records.ts';
import SeriesChart from '../../src/components/SeriesChart.astro';
import type { ChartData } from '../../src/core/chart-data.ts';
import { day, formatDay } from '../../src/core/dates.ts';
import { parseSeriesMeta } from '../../src/core/dataset.ts';
import { parseObservationLog } from '../../src/core/observation-log.ts';
import { buildSnapshot } from '../../src/core/seal.ts';
import { all, attr, one, parse, text } from './html.ts';

const FIXTURE = 'tests/fixtures/archives/watch-rows';
const NOTE = '2026-03-05-first-view';
let container: AstroContainer;

beforeAll(async () => {
  container = await AstroContainer.create();
});

async function chart(index: number, note = NOTE, root = FIXTURE) {
  process.env.ASOF_ROOT = root;
  const html = await container.renderToString(SeriesChart, { props: { __note: note, __index: index } });
  const tree = parse(html);
  const json = one(tree, 'script.chart-data');
  const raw = text(json);
  return { html, tree, raw, data: JSON.parse(raw) as ChartData };
}

const iso = (c: ChartData, x: number) => formatDay(c.x0 + x);

describe('SeriesChart over a revised series', () => {
  it('ships the series as known now, and the snapshot values only where revised since', async () => {
    const { data } = await chart(0);
    expect(data.series).toBe('rate');
    expect([data.from, data.to, data.note, data.snapshot, data.now]).toEqual(['2026-01-01', '2026-07-01', '2026-03-05', '2026-03-05', '2026-07-01']);
    expect(data.mark).toBe(4.5);
    // Every weekday observation fits: nothing to decimate.
    expect(data.current.x.length).toBe(128);
    expect(iso(data, data.current.x[0]!)).toBe('2026-01-02');
    // The overlay: the five revised days at their old values, joined to the unrevised days around them.
    const revised = data.revised.x.map((x, i) => [iso(data, x), data.revised.y[i]]);
    expect(revised.map(([d]) => d)).toEqual(['2026-02-13', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23']);
    const nowAt = new Map(data.current.x.map((x, i) => [iso(data, x), data.current.y[i]!]));
    for (const [d, then] of revised.slice(1, -1)) expect(nowAt.get(d as string)! - (then as number)).toBeCloseTo(0.15, 6);
    for (const [d, then] of [revised[0]!, revised.at(-1)!]) expect(then).toBe(nowAt.get(d as string));
  });

  it('has no overlay where nothing was revised', async () => {
    const { data } = await chart(1);
    expect(data.series).toBe('hostile');
    expect(data.revised).toEqual({ x: [], y: [] });
    expect(data.from).toBe('2026-02-01');
  });

  it('server-renders an SVG with the line, the overlay, the note date, the threshold and a text alternative', async () => {
    const { tree } = await chart(0);
    const svg = one(tree, 'svg.chart-svg');
    expect(attr(svg, 'role')).toBe('img');
    expect(all(svg, 'path.chart-now')).toHaveLength(1);
    expect(all(svg, 'path.chart-then')).toHaveLength(1);
    expect(all(tree, 'line.chart-mark')).toHaveLength(1);
    expect(all(tree, 'line.chart-note')).toHaveLength(1);
    const alt = text(one(svg, 'title'));
    expect(alt).toContain('Line chart of Policy rate as known on 1 Jul 2026');
    expect(alt).toContain('128 observations from 2 Jan 2026 to 30 Jun 2026');
    expect(alt).toContain('dotted where they were revised since');
    expect(alt).toContain('threshold 4.50%');
    const legend = all(tree, 'ul.chart-legend')[0]!;
    expect(all(legend, 'li').map(text)).toEqual([
      'As known now (1 Jul 2026)',
      'As known on 5 Mar 2026, where revised since',
      "The note's date (5 Mar 2026)",
      'Threshold 4.50%',
    ]);
  });

  it('keeps every label out of the stretched drawing, so text never scales with the chart', async () => {
    const { tree } = await chart(0);
    const svgs = all(tree, 'svg');
    // Only the lines' SVG has a viewBox, and it holds no text.
    const scaled = svgs.filter((s) => attr(s, 'viewBox') !== undefined);
    expect(scaled.map((s) => attr(s, 'class'))).toEqual(['chart-svg']);
    expect(all(scaled[0]!, 'text')).toHaveLength(0);
    for (const p of all(scaled[0]!, 'path')) expect(attr(p, 'vector-effect')).toBe('non-scaling-stroke');
    // Labels sit at percentages of the plot area, in SVGs without a viewBox.
    const yLabels = all(one(tree, 'svg.chart-axis-y'), 'text');
    expect(yLabels.length).toBeGreaterThanOrEqual(3);
    for (const t of yLabels) expect(attr(t, 'y')).toMatch(/^\d+(\.\d+)?%$/);
    const xLabels = all(one(tree, 'svg.chart-axis-x'), 'text');
    expect(xLabels.map(text)).toEqual(['Jan 2026', 'Mar', 'May', 'Jul']);
    // Four dates fit a phone; only past four does every other one give way on a narrow chart.
    expect(xLabels.map((t) => (attr(t, 'class') ?? '').includes('minor'))).toEqual([false, false, false, false]);
    // The threshold is labelled on the chart itself, in the shared number format.
    expect(text(one(tree, 'text.chart-mark-label'))).toBe('threshold 4.50%');
    expect(text(one(tree, 'text.chart-note-label'))).toBe('note');
  });

  it('puts a data table (month ends) and the revisions in a details element', async () => {
    const { tree } = await chart(0);
    const details = one(tree, 'details.chart-table');
    const [table, revisions] = all(details, 'table');
    expect(text(one(table!, 'caption'))).toBe('Last observation of each month of Policy rate, as known on 1 Jul 2026');
    expect(all(one(table!, 'tbody'), 'tr').map((r) => text(all(r, 'td')[0]!))).toEqual(['2026-01-30', '2026-02-27', '2026-03-31', '2026-04-30', '2026-05-29', '2026-06-30']);
    expect(text(one(revisions!, 'caption'))).toBe("Revised since the note's snapshot (5 Mar 2026)");
    const rows = all(one(revisions!, 'tbody'), 'tr').map((r) => all(r, 'td').map(text));
    expect(rows.map((r) => r[0])).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    for (const [, then, now] of rows) expect(Number.parseFloat(now!) - Number.parseFloat(then!)).toBeCloseTo(0.15, 6);
  });

  it('escapes a series name with markup in the SVG, the table and the JSON, and runs no inline script', async () => {
    const { html, tree, raw, data } = await chart(1);
    expect(data.name).toBe('</script><img src=x onerror=alert(1)>');
    expect(data.unit).toBe('<b>u</b>');
    expect(raw).not.toMatch(/[<>&]/);
    expect(raw).toContain('\\u003c/script\\u003e');
    expect(all(tree, 'img')).toHaveLength(0);
    expect(all(tree, 'b')).toHaveLength(0);
    expect(text(one(tree, 'figcaption'))).toContain('</script><img src=x onerror=alert(1)>');
    // Only inert JSON is inline; executable scripts, if rendered here, come from a file.
    for (const s of all(tree, 'script')) expect(attr(s, 'type') === 'application/json' || attr(s, 'src') !== undefined).toBe(true);
    // Nowhere in the markup, attributes included, does the name appear unescaped.
    expect(html).not.toContain('<img');
    expect(html.match(/<\/script>/g)?.length).toBe(all(tree, 'script').length);
  });
});

describe('SeriesChart over ten years of daily data', () => {
  let root: string;
  const start = day('2016-01-01');
  const DAYS = 3653;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'asof-long-chart-'));
    mkdirSync(join(root, 'data', 'series'), { recursive: true });
    mkdirSync(join(root, 'data', 'snapshots'), { recursive: true });
    mkdirSync(join(root, 'content', 'notes'), { recursive: true });
    // A noisy random walk (deterministic), with a one-day spike far above the rest.
    let v = 140;
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let csv = 'date,value,vintage\n';
    for (let i = 0; i < DAYS; i++) {
      v = Math.round((v + (rand() - 0.5) * 2) * 100) / 100;
      const d = formatDay(start + i);
      csv += `${d},${i === 2000 ? 999 : v},${d}\n`;
    }
    const yaml = 'name: Long series\nunit: JPY per USD\nfrequency: daily\ndecimals: 2\nsource: Generated\n';
    writeFileSync(join(root, 'data/series/long.yaml'), yaml);
    writeFileSync(join(root, 'data/series/long.csv'), csv);
    const bytes = new TextEncoder().encode(csv);
    const meta = parseSeriesMeta('long.yaml', yaml).meta!;
    const rows = parseObservationLog('long.csv', bytes, meta).rows;
    for (const s of ['2025-06-30', formatDay(start + DAYS - 1)]) {
      writeFileSync(join(root, `data/snapshots/${s}.json`), JSON.stringify(buildSnapshot(day(s), [{ id: 'long', bytes, rows }])));
    }
    writeFileSync(
      join(root, 'content/notes/2025-06-30-long-view.mdx'),
      '---\ntitle: Long view\ndate: 2025-06-30\nsummary: Ten years.\ntags: [fixture]\n---\n\n<SeriesChart series="long" from="2016-01-01" />\n',
    );
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('sends at most two points per pixel of an 800 px chart, spike kept, in at most 15 KB gzip', async () => {
    const { raw, data, tree } = await chart(0, '2025-06-30-long-view', root);
    expect(data.current.x.length).toBeLessThanOrEqual(1600);
    expect(data.current.x.length).toBeGreaterThan(800);
    expect(data.current.y).toContain(999);
    const gz = gzipSync(raw).length;
    expect(gz).toBeLessThanOrEqual(15 * 1024);
    // The SVG draws its own decimation, to the ~640 px of the text column it spans: at most two
    // points per pixel of that, one command per point, the spike still at the top.
    const d = attr(one(tree, 'path.chart-now'), 'd')!;
    const commands = d.match(/[ML]/g) ?? [];
    expect(commands.length).toBeLessThanOrEqual(2 * NOTE_SVG_WIDTH);
    expect(commands.length).toBeGreaterThan(NOTE_SVG_WIDTH);
    expect(commands.length).toBeLessThan(data.current.x.length);
    const ys = [...d.matchAll(/[ML][\d.]+ ([\d.]+)/g)].map((m) => Number(m[1]));
    const pad = (data.yMax - data.yMin) * 0.06;
    expect(Math.min(...ys)).toBeCloseTo((1000 * pad) / (data.yMax - data.yMin + 2 * pad), 0);
    // The table samples quarters or years instead of listing 3,653 rows.
    const rows = all(one(one(tree, 'details.chart-table'), 'tbody'), 'tr');
    expect(rows.length).toBeLessThanOrEqual(41);
    expect(rows.length).toBeGreaterThan(10);
  });
});

describe('SeriesChart outside a note (series pages)', () => {
  async function standalone(props: Record<string, unknown>) {
    process.env.ASOF_ROOT = FIXTURE;
    const html = await container.renderToString(SeriesChart, { props });
    const tree = parse(html);
    return { tree, data: JSON.parse(text(one(tree, 'script.chart-data'))) as ChartData };
  }

  it('draws the whole history as known now, with no note mark and no revision overlay', async () => {
    const { tree, data } = await standalone({ series: 'rate' });
    expect([data.from, data.to, data.note, data.snapshot]).toEqual(['2026-01-02', '2026-07-01', null, null]);
    expect(data.current.x.length).toBe(128);
    expect(data.revised).toEqual({ x: [], y: [] });
    expect(attr(one(tree, 'figure.chart'), 'id')).toBe('chart-rate');
    expect(all(tree, 'line.chart-note')).toHaveLength(0);
    expect(all(tree, 'text.chart-note-label')).toHaveLength(0);
    expect(all(tree, 'path.chart-then')).toHaveLength(0);
    expect(all(one(tree, 'ul.chart-legend'), 'li').map(text)).toEqual(['As known now (1 Jul 2026)']);
    expect(text(one(tree, 'svg.chart-svg'))).not.toContain('note');
  });

  it('takes a range, a threshold and an id', async () => {
    const { tree, data } = await standalone({ series: 'rate', from: '2026-03-01', to: '2026-03-31', mark: 4.3, id: 'series-chart' });
    expect([data.from, data.to, data.mark]).toEqual(['2026-03-01', '2026-03-31', 4.3]);
    expect(data.current.x.map((x) => iso(data, x))[0]).toBe('2026-03-02');
    expect(attr(one(tree, 'figure.chart'), 'id')).toBe('series-chart');
    expect(all(tree, 'line.chart-mark')).toHaveLength(1);
  });

  it.each([
    [{ series: 'nope' }, /"nope" is not a number series/],
    [{ series: 'bill' }, /"bill" is not a number series/],
    [{ series: 'rate', from: '2026-13-01' }, /from: must be a calendar date/],
    [{ series: 'rate', from: '2026-05-01', to: '2026-04-01' }, /from 2026-05-01 is after to 2026-04-01/],
  ])('refuses %j', async (props, message) => {
    await expect(standalone(props)).rejects.toThrow(message);
  });
});

describe('SeriesChart errors', () => {
  it('refuses a chart the archive does not know', async () => {
    await expect(chart(7)).rejects.toThrow(/<SeriesChart> number 8 in note 2026-03-05-first-view is not in the archive/);
  });
});

