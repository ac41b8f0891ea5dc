import { describe, expect, it } from 'vitest';
import { parseSeriesMeta, parseSnapshot } from '../../src/core/dataset.ts';
import { formatProblem } from '../../src/core/problems.ts';
import { seriesMetaSchema, watchPropsSchema } from '../../src/core/schema.ts';

const FILE = 'data/series/usdjpy.yaml';
const BASE = 'name: USD/JPY\nunit: JPY per USD\nfrequency: daily\nsource: Federal Reserve H.10\n';

describe('parseSeriesMeta: valid metadata', () => {
  it('fills kind with number by default and keeps optional keys', () => {
    const { meta, problems } = parseSeriesMeta(FILE, BASE + 'illustrative: true\ndecimals: 2\npull: {from: fred, id: DEXJPUS}\n');
    expect(problems).toEqual([]);
    expect(meta).toEqual({
      name: 'USD/JPY',
      unit: 'JPY per USD',
      frequency: 'daily',
      kind: 'number',
      source: 'Federal Reserve H.10',
      illustrative: true,
      decimals: 2,
      pull: { from: 'fred', id: 'DEXJPUS' },
    });
  });

  it('a status series with states', () => {
    const { meta, problems } = parseSeriesMeta(FILE, BASE.replace('daily', 'irregular') + 'kind: status\nstates: [pending, passed, enacted]\n');
    expect(problems).toEqual([]);
    expect(meta?.states).toEqual(['pending', 'passed', 'enacted']);
  });

  it.each(['daily', 'weekly', 'monthly', 'quarterly', 'irregular'])('frequency %s', (fq) => {
    expect(parseSeriesMeta(FILE, BASE.replace('daily', fq)).problems).toEqual([]);
  });
});

const cases: Array<{ rule: string; text: string; line: number | undefined; field?: string; message: RegExp }> = [
  { rule: 'unknown key', text: BASE + 'colour: red\n', line: 5, message: /unknown key "colour"/ },
  { rule: 'misspelt key', text: BASE + 'decimal: 2\n', line: 5, message: /unknown key "decimal"/ },
  { rule: 'unknown key inside pull', text: BASE + 'pull:\n  from: fred\n  id: X\n  series: Y\n', line: 8, field: 'pull', message: /unknown key "series"/ },
  { rule: 'missing name', text: BASE.replace('name: USD/JPY\n', ''), line: 1, field: 'name', message: /expected string, received undefined/ },
  { rule: 'missing unit', text: BASE.replace('unit: JPY per USD\n', ''), line: 1, field: 'unit', message: /expected string/ },
  { rule: 'missing source', text: BASE.replace('source: Federal Reserve H.10\n', ''), line: 1, field: 'source', message: /expected string/ },
  { rule: 'missing frequency', text: BASE.replace('frequency: daily\n', ''), line: 1, field: 'frequency', message: /expected one of/ },
  { rule: 'empty name', text: BASE.replace('USD/JPY', '""'), line: 1, field: 'name', message: /too small|>=1/i },
  { rule: 'bad frequency', text: BASE.replace('daily', 'hourly'), line: 3, field: 'frequency', message: /expected one of "daily"\|"weekly"\|"monthly"\|"quarterly"\|"irregular"/ },
  { rule: 'bad kind', text: BASE + 'kind: text\n', line: 5, field: 'kind', message: /expected one of "number"\|"status"/ },
  { rule: 'status without states', text: BASE + 'kind: status\n', line: 1, field: 'states', message: /a status series must list its states/ },
  { rule: 'states on a number series', text: BASE + 'states: [low, high]\n', line: 5, field: 'states', message: /only a status series has states/ },
  { rule: 'states on an explicit number series', text: BASE + 'kind: number\nstates: [low]\n', line: 6, field: 'states', message: /only a status series has states/ },
  { rule: 'repeated states', text: BASE + 'kind: status\nstates: [a, b, a]\n', line: 6, field: 'states', message: /must not repeat/ },
  { rule: 'empty states', text: BASE + 'kind: status\nstates: []\n', line: 6, field: 'states', message: /too small|>=1/i },
  { rule: 'a state not kebab-case', text: BASE + 'kind: status\nstates: [Passed]\n', line: 6, field: 'states.0', message: /pattern/ },
  { rule: 'bad pull feed', text: BASE + 'pull: {from: yahoo, id: X}\n', line: 5, field: 'pull.from', message: /expected one of "fred"/ },
  { rule: 'pull without id', text: BASE + 'pull:\n  from: fred\n', line: 6, field: 'pull.id', message: /expected string/ },
  { rule: 'pull not a mapping', text: BASE + 'pull: fred\n', line: 5, field: 'pull', message: /expected object/ },
  { rule: 'decimals not an integer', text: BASE + 'decimals: 2.5\n', line: 5, field: 'decimals', message: /expected int/ },
  { rule: 'decimals too large', text: BASE + 'decimals: 11\n', line: 5, field: 'decimals', message: /too big|<=10/i },
  { rule: 'illustrative not a boolean', text: BASE + 'illustrative: yes\n', line: 5, field: 'illustrative', message: /expected boolean/ },
  { rule: 'a list instead of a mapping', text: '- name\n- unit\n', line: 1, message: /expected object, received array/ },
  { rule: 'YAML syntax: unclosed flow sequence', text: 'name: USD/JPY\nunit: [JPY\nfrequency: daily\nsource: s\n', line: 3, message: /not valid YAML/ },
  { rule: 'YAML syntax: bad indentation', text: 'name: USD/JPY\nunit: JPY\n  frequency: daily\nsource: s\n', line: 2, message: /not valid YAML/ },
  { rule: 'YAML syntax: tab indentation', text: 'name: a\npull:\n\tfrom: fred\n', line: 3, message: /not valid YAML/ },
  { rule: 'YAML duplicate key', text: 'name: a\nunit: u\nname: b\nfrequency: daily\nsource: s\n', line: 3, message: /not valid YAML: Map keys must be unique/ },
];

describe('parseSeriesMeta: every broken rule names file, line and field', () => {
  it.each(cases)('$rule', ({ text, line, field, message }) => {
    const { meta, problems } = parseSeriesMeta(FILE, text);
    expect(meta).toBeUndefined();
    expect(problems.length).toBeGreaterThanOrEqual(1);
    const p = problems.find((q) => message.test(q.message));
    expect(p, JSON.stringify(problems)).toBeDefined();
    expect(p!.file).toBe(FILE);
    expect(p!.line).toBe(line);
    if (field !== undefined) expect(p!.field).toBe(field);
    expect(p!.hint).toBeTruthy();
    expect(formatProblem(p!)).toContain(`${FILE}:${line}`);
  });

  it('an empty file lists every missing required key', () => {
    const { problems } = parseSeriesMeta(FILE, '');
    expect(problems.map((p) => p.field).sort()).toEqual(['frequency', 'name', 'source', 'unit']);
  });

  it('reports every bad field at once', () => {
    const { problems } = parseSeriesMeta(FILE, 'name: a\nunit: u\nfrequency: hourly\nsource: s\ncolour: red\ndecimals: -1\n');
    expect(problems.map((p) => p.line).sort()).toEqual([3, 5, 6]);
  });
});

describe('seriesMetaSchema is strict', () => {
  it('refuses unknown keys rather than dropping them', () => {
    const r = seriesMetaSchema.safeParse({ name: 'a', unit: 'u', frequency: 'daily', source: 's', extra: 1 });
    expect(r.success).toBe(false);
  });
});

describe('parseSnapshot', () => {
  const sha = 'a'.repeat(64);
  const input = (text: string, name = '2026-05-20') => ({ path: `data/snapshots/${name}.json`, name, text });

  it('a valid snapshot', () => {
    const text = JSON.stringify({ date: '2026-05-20', series: { usdjpy: { rows: 812, sha256: sha } } });
    const { snapshot, problems } = parseSnapshot(input(text));
    expect(problems).toEqual([]);
    expect(snapshot?.series.usdjpy).toEqual({ rows: 812, sha256: sha });
  });

  it.each([
    { rule: 'invalid JSON', text: '{\n  "date": "2026-05-20",\n  "series": {\n}', line: 4, field: undefined, message: /not valid JSON/ },
    { rule: 'date not matching the file name', text: JSON.stringify({ date: '2026-05-21', series: {} }), line: undefined, field: 'date', message: /date 2026-05-21 does not match the file name 2026-05-20\.json/ },
    { rule: 'impossible date', text: JSON.stringify({ date: '2026-02-30', series: {} }), line: undefined, field: 'date', message: /calendar date/ },
    { rule: 'unknown key', text: JSON.stringify({ date: '2026-05-20', series: {}, note: 'x' }), line: undefined, field: 'note', message: /unknown key "note"/ },
    { rule: 'unknown key in a seal', text: JSON.stringify({ date: '2026-05-20', series: { a: { rows: 1, sha256: sha, by: 'me' } } }), line: undefined, field: 'series.a.by', message: /unknown key "by"/ },
    { rule: 'rows zero', text: JSON.stringify({ date: '2026-05-20', series: { a: { rows: 0, sha256: sha } } }), line: undefined, field: 'series.a.rows', message: />=1/ },
    { rule: 'rows fractional', text: JSON.stringify({ date: '2026-05-20', series: { a: { rows: 1.5, sha256: sha } } }), line: undefined, field: 'series.a.rows', message: /int/ },
    { rule: 'sha256 upper case', text: JSON.stringify({ date: '2026-05-20', series: { a: { rows: 1, sha256: sha.toUpperCase() } } }), line: undefined, field: 'series.a.sha256', message: /64 lower-case hex digits/ },
    { rule: 'sha256 short', text: JSON.stringify({ date: '2026-05-20', series: { a: { rows: 1, sha256: 'abc' } } }), line: undefined, field: 'series.a.sha256', message: /64 lower-case hex/ },
    { rule: 'bad series id', text: JSON.stringify({ date: '2026-05-20', series: { USDJPY: { rows: 1, sha256: sha } } }), line: undefined, field: 'series.USDJPY', message: /key/i },
    { rule: 'missing series', text: JSON.stringify({ date: '2026-05-20' }), line: undefined, field: 'series', message: /expected record/ },
  ])('$rule', ({ text, line, field, message }) => {
    const { snapshot, problems } = parseSnapshot(input(text));
    expect(snapshot).toBeUndefined();
    const p = problems.find((q) => message.test(q.message));
    expect(p, JSON.stringify(problems)).toBeDefined();
    expect(p!.file).toBe('data/snapshots/2026-05-20.json');
    expect(p!.line).toBe(line);
    expect(p!.field).toBe(field);
  });
});

describe('watchPropsSchema', () => {
  it.each([
    [{ series: 'usdjpy', above: 150 }],
    [{ series: 'usdjpy', below: 'then', for: '2w' }],
    [{ series: 'usdjpy', above: 'ust10y' }],
    [{ series: 'bill', equals: 'passed', for: '1m' }],
    [{ series: 'usdjpy', trend: 'rising', over: '4w' }],
    // Issue 10: a trend may be sustained, bands and lists of states.
    [{ series: 'usdjpy', trend: 'rising', over: '4w', for: '1w' }],
    [{ series: 'usdjpy', between: [145, 150], for: '2w' }],
    [{ series: 'usdjpy', between: [145, 145] }],
    [{ series: 'bill', equals: ['passed', 'enacted'] }],
  ])('accepts %j', (props) => {
    expect(watchPropsSchema.safeParse(props).success).toBe(true);
  });

  it.each([
    [{ series: 'usdjpy' }, /exactly one test/],
    [{ series: 'usdjpy', above: 1, below: 2 }, /has above and below/],
    [{ series: 'usdjpy', trend: 'rising' }, /needs `over`/],
    [{ series: 'usdjpy', above: 1, over: '4w' }, /`over` goes only with `trend`/],
    [{ series: 'usdjpy', between: [150, 145] }, /not in order: write the lower end first/],
    [{ series: 'usdjpy', between: [145] }, /too_small|Too small|expected array|2 items|Invalid input/i],
    [{ series: 'usdjpy', between: [145, 150], above: 1 }, /has above and between/],
    [{ series: 'bill', equals: ['passed', 'passed'] }, /listed twice/],
    [{ series: 'bill', equals: [] }, /too small|>=1|at least/i],
    [{ series: 'usdjpy', above: 1, for: '2 weeks' }, /duration/],
    [{ series: 'usdjpy', above: Infinity }, /finite|Invalid input/],
    [{ series: 'usdjpy', trend: 'up', over: '1w' }, /expected one of/],
    [{ series: 'USDJPY', above: 1 }, /series id/],
    [{ series: 'usdjpy', above: 1, label: 'x' }, /unrecognized|unknown/i],
  ])('refuses %j', (props, message) => {
    const r = watchPropsSchema.safeParse(props);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message).join('; ')).toMatch(message);
  });
});
