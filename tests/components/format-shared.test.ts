/**
 * One formatter for the server and the chart island: src/lib/format.ts. The server's data table and
 * axis, and the client's readout and axis, are compared on a generated series with negative values,
 * decimals and thousands; the modules the browser loads are checked to pull in no server code.
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { parse as parseModule, init as lexerReady } from 'es-module-lexer';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axisText, readoutText } from '../../src/client/chart-text.ts';
import SeriesChart from '../../src/components/SeriesChart.astro';
import * as components from '../../src/components/format.ts';
import type { ChartData } from '../../src/core/chart-data.ts';
import { day } from '../../src/core/dates.ts';
import { parseSeriesMeta } from '../../src/core/dataset.ts';
import { parseObservationLog } from '../../src/core/observation-log.ts';
import { buildSnapshot } from '../../src/core/seal.ts';
import { displayDate, formatNumber, monthName, shortDate, tickText, valueText } from '../../src/lib/format.ts';
import { all, one, parse, text } from './html.ts';

describe('the formatter', () => {
  it.each([
    [-1234.5, 1, '−1,234.5'],
    [-0.25, 2, '−0.25'],
    [2500000.25, 2, '2,500,000.25'],
    [1234567, 0, '1,234,567'],
    [0.1 + 0.2, undefined, '0.3'],
    [-0.004, 2, '0.00'],
    [-0, undefined, '0'],
  ])('formatNumber(%d, %s) = %s', (v, d, out) => expect(formatNumber(v, d)).toBe(out));

  it('refuses what is not a finite number or a calendar date, rather than printing NaN or "? NaN"', () => {
    expect(() => formatNumber(Number.NaN)).toThrow(/not a finite number/);
    expect(() => formatNumber(Infinity, 2)).toThrow(/not a finite number/);
    expect(() => displayDate('')).toThrow(/not a calendar date/);
    expect(() => displayDate('2026-02-30')).toThrow(/not a calendar date/);
  });

  it('writes dates from their digits', () => {
    expect(displayDate('2026-03-05')).toBe('5 Mar 2026');
    expect(displayDate('1999-12-31')).toBe('31 Dec 1999');
    expect(shortDate('2026-10-07')).toBe('7 Oct');
    expect(monthName('2026-05')).toBe('May 2026');
    expect(tickText(-1234.5678, 4)).toBe('−1,234.57');
  });

  it('is the one the components use', () => {
    expect(components.formatNumber).toBe(formatNumber);
    expect(components.valueText).toBe(valueText);
    expect(components.displayDate).toBe(displayDate);
  });
});

describe('the browser loads no server code for its text', () => {
  const SRC = resolve('src');
  /** Every module reached at run time (type-only imports erased) from `file`, relative to src/. */
  async function runtimeClosure(file: string): Promise<string[]> {
    await lexerReady;
    const seen = new Set<string>();
    const visit = (f: string) => {
      if (seen.has(f)) return;
      seen.add(f);
      const [imports] = parseModule(stripTypeScriptTypes(readFileSync(f, 'utf8')));
      for (const i of imports) if (i.n?.startsWith('.')) visit(resolve(dirname(f), i.n));
    };
    visit(resolve(SRC, file));
    return [...seen].map((f) => relative(SRC, f)).sort();
  }

  it('src/lib/format.ts needs only the pure calendar', async () => {
    expect(await runtimeClosure('lib/format.ts')).toEqual(['core/dates.ts', 'lib/format.ts']);
  });

  it("the chart island's text module needs only the formatter and the calendar", async () => {
    expect(await runtimeClosure('client/chart-text.ts')).toEqual(['client/chart-text.ts', 'core/dates.ts', 'lib/format.ts']);
  });
});

describe('server and client read a series the same way', () => {
  let root: string;
  let container: AstroContainer;
  const VALUES: [string, number][] = [
    ['2026-01-05', -1234.5],
    ['2026-01-12', -0.04],
    ['2026-01-19', 0],
    ['2026-01-26', 2500000.25],
    ['2026-02-02', 1999.99],
    ['2026-02-09', -1234567.5],
  ];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'asof-format-'));
    for (const d of ['data/series', 'data/snapshots', 'content/notes']) mkdirSync(join(root, d), { recursive: true });
    const yaml = 'name: Net positions\nunit: contracts\nfrequency: weekly\ndecimals: 2\nsource: Generated\n';
    const csv = `date,value,vintage\n${VALUES.map(([d, v]) => `${d},${v},${d}`).join('\n')}\n`;
    writeFileSync(join(root, 'data/series/net.yaml'), yaml);
    writeFileSync(join(root, 'data/series/net.csv'), csv);
    const bytes = new TextEncoder().encode(csv);
    const rows = parseObservationLog('net.csv', bytes, parseSeriesMeta('net.yaml', yaml).meta!).rows;
    writeFileSync(join(root, 'data/snapshots/2026-02-09.json'), JSON.stringify(buildSnapshot(day('2026-02-09'), [{ id: 'net', bytes, rows }])));
    process.env.ASOF_ROOT = root;
    container = await AstroContainer.create();
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  async function render() {
    process.env.ASOF_ROOT = root;
    const tree = parse(await container.renderToString(SeriesChart, { props: { series: 'net' } }));
    return { tree, data: JSON.parse(text(one(tree, 'script.chart-data'))) as ChartData };
  }

  it("the client's readout says what the server's data table says, minus signs and separators included", async () => {
    const { tree, data } = await render();
    const rows = all(one(one(tree, 'details.chart-table'), 'tbody'), 'tr').map((r) => all(r, 'td').map(text));
    expect(rows).toHaveLength(VALUES.length);
    const client = data.current.x.map((x, i) => readoutText(data, data.x0 + x, data.current.y[i]!));
    expect(client).toEqual(rows.map(([date, value]) => `${displayDate(date!)}: ${value}`));
    expect(client).toEqual([
      '5 Jan 2026: −1,234.50 contracts',
      '12 Jan 2026: −0.04 contracts',
      '19 Jan 2026: 0.00 contracts',
      '26 Jan 2026: 2,500,000.25 contracts',
      '2 Feb 2026: 1,999.99 contracts',
      '9 Feb 2026: −1,234,567.50 contracts',
    ]);
  });

  it("the client's axis labels are the server's", async () => {
    const { tree, data } = await render();
    const server = all(one(tree, 'svg.chart-axis-y'), 'text').map(text);
    expect(server.some((t) => t.startsWith('−'))).toBe(true);
    expect(server.some((t) => /\d,\d{3}/.test(t))).toBe(true);
    // The server's tick values, read back, format the same on the client.
    const values = server.map((t) => Number(t.replace('−', '-').replace(/,/g, '')));
    expect(values.map((v) => axisText(data, v))).toEqual(server);
  });

  it('a revised value in the readout names the snapshot it was known on', () => {
    const data = { unit: 'percent', decimals: 2, snapshot: '2026-03-05' };
    expect(readoutText(data, day('2026-02-16'), -0.1, 4.25)).toBe('16 Feb 2026: −0.10% (as known on 5 Mar 2026: 4.25%)');
    expect(readoutText(data, day('2026-02-16'), 4.25, 4.25)).toBe('16 Feb 2026: 4.25%');
  });
});
